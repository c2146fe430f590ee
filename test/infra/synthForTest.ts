import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { App, CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { HANDLER_ENTRIES, type HandlerName } from '../../infra/constructs/defaults.js';
import { createApp } from '../../infra/createApp.js';
import type { BallastStack } from '../../infra/stacks/BallastStack.js';

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');

export interface SynthForTestParams {
  readonly stages: readonly string[];
  /** @default infra/config */
  readonly configDir?: string;
  /** Run esbuild for every function (slow: seconds); otherwise CDK skips bundling. */
  readonly bundle: boolean;
}

export interface SynthForTestResult {
  readonly app: App;
  readonly stacks: readonly BallastStack[];
  readonly outdir: string;
  readonly templates: ReadonlyMap<string, Template>;
  /** cdk-nag's report as written into the cloud assembly. */
  readonly validationReport: { pluginReports: { violations?: unknown[] }[] };
}

/**
 * Synthesizes the app once (with cdk-nag: it throws on any unacknowledged finding) into a temp
 * directory and returns the templates. Call from `beforeAll`: bundling takes seconds.
 */
export function synthForTest(params: SynthForTestParams): SynthForTestResult {
  const outdir = mkdtempSync(join(tmpdir(), 'ballast-cdk-'));
  const handlerEntries = missingHandlerOverrides();
  const { app, stacks } = createApp({
    repoRoot: REPO_ROOT,
    handlerEntries,
    stages: params.stages,
    ...(params.configDir === undefined ? {} : { configDir: params.configDir }),
    // `aws:cdk:bundling-stacks: []` makes CDK skip esbuild (assets become placeholders).
    appProps: { outdir, ...(params.bundle ? {} : { context: { 'aws:cdk:bundling-stacks': [] } }) },
  });
  app.synth();
  const templates = new Map(stacks.map((stack) => [stack.stackName, Template.fromStack(stack)]));
  const validationReport = JSON.parse(
    readFileSync(join(outdir, 'validation-report.json'), 'utf8'),
  ) as SynthForTestResult['validationReport'];
  return { app, stacks, outdir, templates, validationReport };
}

/**
 * Handlers not in the tree yet (they land from other branches) are replaced by a fixture, loudly,
 * so the infrastructure tests do not depend on merge order.
 */
function missingHandlerOverrides(): Partial<Record<HandlerName, string>> {
  const overrides: Partial<Record<HandlerName, string>> = {};
  for (const name of Object.keys(HANDLER_ENTRIES) as HandlerName[]) {
    if (existsSync(join(REPO_ROOT, HANDLER_ENTRIES[name]))) continue;
    overrides[name] = join(REPO_ROOT, 'test', 'infra', 'fixtures', 'missingHandler.ts');
    console.warn(`synthForTest: ${HANDLER_ENTRIES[name]} is missing; synthesizing with the fixture handler`);
  }
  return overrides;
}

/** CloudFormation logical id of a construct's default resource (never hard-code hashed ids). */
export function logicalId(construct: IConstruct): string {
  const cfn = construct.node.defaultChild as CfnElement;
  return cfn.stack.getLogicalId(cfn);
}

/**
 * A state machine's definition as an object: the DefinitionString's `Fn::Join` parts joined, with
 * every token replaced by `<Ref:Id>`, `<GetAtt:Id.Attr>` or `<token>` (tokens sit inside JSON strings).
 */
export function stateMachineDefinition(template: Template): StateMachineDefinition {
  const machines = Object.values(template.findResources('AWS::StepFunctions::StateMachine'));
  if (machines.length !== 1) throw new Error(`expected one state machine, found ${machines.length}`);
  const body = (machines[0] as { Properties: { DefinitionString: unknown } }).Properties.DefinitionString;
  const text =
    typeof body === 'string'
      ? body
      : (body as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1]
          .map((part) => (typeof part === 'string' ? part : tokenPlaceholder(part)))
          .join('');
  return JSON.parse(text) as StateMachineDefinition;
}

export interface StateDefinition {
  readonly Type: string;
  readonly Next?: string;
  readonly End?: boolean;
  readonly Retry?: { ErrorEquals: string[]; MaxAttempts?: number }[];
  readonly Catch?: { ErrorEquals: string[]; Next: string; ResultPath?: string | null }[];
  readonly ItemsPath?: string;
  readonly ItemSelector?: Record<string, string>;
  readonly ItemProcessor?: {
    ProcessorConfig?: { Mode?: string; ExecutionType?: string };
  } & StateMachineDefinition;
  readonly Branches?: StateMachineDefinition[];
  readonly Parameters?: Record<string, unknown>;
  readonly Choices?: unknown[];
  readonly Default?: string;
  readonly MaxConcurrency?: number;
  readonly Resource?: string;
  readonly ResultPath?: string | null;
}

export interface StateMachineDefinition {
  readonly StartAt: string;
  readonly States: Record<string, StateDefinition>;
  readonly TimeoutSeconds?: number;
}

function tokenPlaceholder(part: unknown): string {
  const ref = (part as { Ref?: string }).Ref;
  if (typeof ref === 'string') return `<Ref:${ref}>`;
  const getAtt = (part as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt'];
  if (Array.isArray(getAtt)) return `<GetAtt:${getAtt[0]}.${getAtt[1]}>`;
  return '<token>';
}
