import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { App, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadStageConfig } from './config/loadStageConfig.js';
import type { HandlerName } from './constructs/defaults.js';
import { BallastStack } from './stacks/BallastStack.js';

export interface CreateAppParams {
  readonly repoRoot: string;
  /**
   * Stages to synthesize.
   * @default the `stage` context value (`cdk deploy -c stage=prod`, comma-separated for several), else every `<configDir>/*.json`
   */
  readonly stages?: readonly string[];
  /** @default `<repoRoot>/infra/config` */
  readonly configDir?: string;
  /** Passed to `App` (outdir, context such as `aws:cdk:bundling-stacks`). */
  readonly appProps?: AppProps;
  /** @default the real handlers (docs/architecture.md, "Stage contract") */
  readonly handlerEntries?: Partial<Record<HandlerName, string>>;
}

export interface CreateAppResult {
  readonly app: App;
  readonly stacks: readonly BallastStack[];
}

/**
 * The CDK app: one `Ballast-<stage>` stack per stage config, checked by cdk-nag's
 * AwsSolutionsChecks (synth fails on any unacknowledged finding). Offline: no lookups, no Docker.
 */
export function createApp(params: CreateAppParams): CreateAppResult {
  const configDir = params.configDir ?? join(params.repoRoot, 'infra', 'config');
  // cdk.json's context (feature flags) is read by the `cdk` CLI only; load it here too so that
  // `npm run synth`, the tests and `cdk deploy` synthesize the same template.
  const cdkJson = JSON.parse(readFileSync(join(params.repoRoot, 'cdk.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  const app = new App({
    ...params.appProps,
    context: { ...cdkJson.context, ...params.appProps?.context },
  });
  const stageContext: unknown = app.node.tryGetContext('stage');
  const stages =
    params.stages ??
    (typeof stageContext === 'string' && stageContext.trim().length > 0
      ? stageContext.split(',').map((stage) => stage.trim())
      : readdirSync(configDir)
          .filter((file) => file.endsWith('.json'))
          .map((file) => file.slice(0, -'.json'.length))
          .sort());
  const stacks = stages.map((stageName) => {
    const config = loadStageConfig({ stage: stageName, repoRoot: params.repoRoot, configDir });
    const { account, region } = config.stage;
    return new BallastStack(app, `Ballast-${stageName}`, {
      config,
      repoRoot: params.repoRoot,
      description: `Ballast risk oracle, stage ${stageName}`,
      ...(account !== undefined && region !== undefined ? { env: { account, region } } : {}),
      ...(params.handlerEntries === undefined ? {} : { handlerEntries: params.handlerEntries }),
      tags: { project: 'ballast', stage: stageName },
    });
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stacks };
}
