import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadStageConfig } from '../../infra/config/loadStageConfig.js';
import {
  INDEXER_POSITIONS_TABLE_ACTIONS,
  SIGNING_KEY_ADMIN_ACTIONS,
  SIGNING_KEY_READER_ACTIONS,
  SIGNING_KEY_SIGNER_ACTIONS,
} from '../../infra/constructs/defaults.js';
import type { BallastStack } from '../../infra/stacks/BallastStack.js';
import { TABLES } from '../../shared/store/tables.js';
import {
  REPO_ROOT,
  logicalId,
  stateMachineDefinition,
  synthForTest,
  type SynthForTestResult,
} from './synthForTest.js';
import { metricsWatchedButNotEmitted, emittedBallastMetrics } from './emittedBallastMetrics.js';
import { BALLAST_METRICS } from '../../shared/observability/metricNames.js';

// The shipped stage configs, synthesized once with real esbuild bundling.
let synth: SynthForTestResult;
let prod: BallastStack;
let template: Template;
const config = loadStageConfig({ stage: 'prod', repoRoot: REPO_ROOT });

beforeAll(() => {
  synth = synthForTest({ stages: ['dev', 'prod'], bundle: true });
  prod = synth.stacks.find((s) => s.stackName === 'Ballast-prod')!;
  template = synth.templates.get('Ballast-prod')!;
});

afterAll(() => {
  if (synth !== undefined) rmSync(synth.outdir, { recursive: true, force: true });
});

type Statement = {
  Sid?: string;
  Condition?: unknown;
  Effect: string;
  Action: string | string[];
  Principal?: unknown;
  Resource?: unknown;
};
const actionsOf = (s: Statement): string[] => (Array.isArray(s.Action) ? s.Action : [s.Action]);

function iamStatements(t: Template): { id: string; statement: Statement }[] {
  return Object.entries(t.findResources('AWS::IAM::Policy')).flatMap(([id, r]) =>
    (
      r as { Properties: { PolicyDocument: { Statement: Statement[] } } }
    ).Properties.PolicyDocument.Statement.map((statement) => ({ id, statement })),
  );
}

describe('signing key', () => {
  it('is a retained secp256k1 SIGN_VERIFY key with an alias', () => {
    template.hasResource('AWS::KMS::Key', {
      Properties: { KeySpec: 'ECC_SECG_P256K1', KeyUsage: 'SIGN_VERIFY' },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    template.hasResourceProperties('AWS::KMS::Alias', {
      AliasName: 'alias/ballast-prod-signer-k1',
      TargetKeyId: { 'Fn::GetAtt': [logicalId(prod.signingKeys.k1!.key), 'Arn'] },
    });
  });

  const keyPolicy = (): Statement[] => {
    const keys = template.findResources('AWS::KMS::Key', { Properties: { KeySpec: 'ECC_SECG_P256K1' } });
    expect(Object.keys(keys)).toHaveLength(1);
    return (Object.values(keys)[0] as { Properties: { KeyPolicy: { Statement: Statement[] } } }).Properties
      .KeyPolicy.Statement;
  };
  const adminRoleArn = {
    'Fn::Join': [
      '',
      [
        'arn:',
        { Ref: 'AWS::Partition' },
        ':iam::',
        { Ref: 'AWS::AccountId' },
        `:role/${config.stage.keyAdminRoleName}`,
      ],
    ],
  };
  const publisherRoleArns = () =>
    config.stage.chains.map((chain) => ({
      'Fn::GetAtt': [logicalId(prod.node.findChild(`Publish-${chain.name}`).node.findChild('Role')), 'Arn'],
    }));
  const one = <T>(xs: T[]): T | T[] => (xs.length === 1 ? xs[0]! : xs);

  it('lets only the publisher roles sign, only digests with ECDSA_SHA_256, and has no wildcard action', () => {
    const statements = keyPolicy();
    for (const statement of statements) {
      expect(statement.Effect).toBe('Allow');
      for (const action of actionsOf(statement)) expect(action).not.toContain('*');
    }
    const signers = statements.filter((s) => actionsOf(s).includes('kms:Sign'));
    expect(signers).toHaveLength(1);
    expect(actionsOf(signers[0]!)).toEqual(['kms:Sign']);
    expect(signers[0]!.Principal).toEqual({ AWS: one(publisherRoleArns()) });
    expect(signers[0]!.Condition).toEqual({
      StringEquals: { 'kms:SigningAlgorithm': 'ECDSA_SHA_256', 'kms:MessageType': 'DIGEST' },
    });
    // GetPublicKey has no signing-algorithm context, so it is its own statement for the same roles.
    const readers = statements.filter((s) => s.Sid === 'PublisherReadsPublicKey');
    expect(readers).toHaveLength(1);
    expect(actionsOf(readers[0]!)).toEqual(['kms:GetPublicKey']);
    expect(readers[0]!.Principal).toEqual({ AWS: one(publisherRoleArns()) });
    expect(new Set([...SIGNING_KEY_SIGNER_ACTIONS])).toEqual(new Set(['kms:Sign', 'kms:GetPublicKey']));
    // Nobody may create grants (a grant could hand out Sign).
    for (const statement of statements) expect(actionsOf(statement)).not.toContain('kms:CreateGrant');
  });

  it('is administered by the named admin role only, which cannot sign; the account only reads', () => {
    const statements = keyPolicy();
    const admin = statements.filter((s) => actionsOf(s).includes('kms:PutKeyPolicy'));
    expect(admin).toHaveLength(1);
    expect(admin[0]!.Principal).toEqual({ AWS: adminRoleArn });
    expect(actionsOf(admin[0]!).sort()).toEqual([...SIGNING_KEY_ADMIN_ACTIONS].sort());
    expect(actionsOf(admin[0]!)).not.toContain('kms:Sign');
    for (const action of ['kms:ScheduleKeyDeletion', 'kms:DisableKey', 'kms:PutKeyPolicy']) {
      const holders = statements.filter((s) => actionsOf(s).includes(action));
      expect(
        holders.map((s) => s.Principal),
        action,
      ).toEqual([{ AWS: adminRoleArn }]);
    }
    const account = statements.filter((s) => JSON.stringify(s.Principal).includes(':root'));
    expect(account).toHaveLength(1);
    expect(actionsOf(account[0]!).sort()).toEqual([...SIGNING_KEY_READER_ACTIONS].sort());
    // The deploy role is not an administrator, so KMS's lockout check is bypassed knowingly.
    template.hasResourceProperties('AWS::KMS::Key', {
      KeySpec: 'ECC_SECG_P256K1',
      BypassPolicyLockoutSafetyCheck: true,
    });
  });

  it('alarms on PutKeyPolicy, ScheduleKeyDeletion and DisableKey (CloudTrail → EventBridge → the alarm topic)', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.kms'],
        'detail-type': ['AWS API Call via CloudTrail'],
        detail: {
          eventSource: ['kms.amazonaws.com'],
          eventName: Match.arrayWith(['PutKeyPolicy', 'ScheduleKeyDeletion', 'DisableKey']),
          resources: { ARN: [{ 'Fn::GetAtt': [logicalId(prod.signingKeys.k1!.key), 'Arn'] }] },
        },
      },
      State: 'ENABLED',
      Targets: [Match.objectLike({ Arn: { Ref: logicalId(prod.monitoring.topic) } })],
    });
    // EventBridge may publish to the encrypted topic.
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: 'sns:Publish', Principal: { Service: 'events.amazonaws.com' } }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          // Merged with CloudWatch's identical grant (minimizePolicies).
          Match.objectLike({
            Principal: { Service: Match.arrayWith(['events.amazonaws.com']) },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          }),
        ]),
      },
    });
  });

  it('code-signs the publishers with the stack signing profile, and only them', () => {
    template.hasResourceProperties('AWS::Signer::SigningProfile', {
      PlatformId: 'AWSLambda-SHA384-ECDSA',
      ProfileName: 'ballast_prod_publisher',
    });
    const configId = logicalId(prod.node.findChild('PublisherCodeSigning').node.findChild('Config'));
    template.hasResourceProperties('AWS::Lambda::CodeSigningConfig', {
      AllowedPublishers: {
        SigningProfileVersionArns: [
          {
            'Fn::GetAtt': [
              logicalId(prod.node.findChild('PublisherCodeSigning').node.findChild('Profile')),
              'ProfileVersionArn',
            ],
          },
        ],
      },
      CodeSigningPolicies: { UntrustedArtifactOnDeployment: config.stage.publisherCodeSigning.mode },
    });
    const signed = template.findResources('AWS::Lambda::Function', {
      Properties: { CodeSigningConfigArn: { 'Fn::GetAtt': [configId, 'CodeSigningConfigArn'] } },
    });
    expect(Object.keys(signed).sort()).toEqual(
      config.stage.chains
        .map((c) => logicalId(prod.node.findChild(`Publish-${c.name}`).node.findChild('Function')))
        .sort(),
    );
  });

  it('is not reachable through any IAM policy', () => {
    for (const { statement } of iamStatements(template)) {
      for (const action of actionsOf(statement)) {
        expect(['kms:Sign', 'kms:*', 'kms:Sign*', 'kms:CreateGrant', '*']).not.toContain(action);
      }
    }
  });

  it('is passed to the publisher as BALLAST_KMS_KEY_ID', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          BALLAST_KMS_KEY_ID: { 'Fn::GetAtt': [logicalId(prod.signingKeys.k1!.key), 'Arn'] },
        }),
      },
    });
  });
});

describe('tables', () => {
  it('declares every table on-demand, with PITR, encryption, deletion protection, retained', () => {
    const tables = template.findResources('AWS::DynamoDB::Table');
    expect(Object.keys(tables)).toHaveLength(Object.keys(TABLES).length);
    for (const table of Object.values(tables) as {
      Properties: Record<string, unknown>;
      DeletionPolicy: string;
    }[]) {
      expect(table.DeletionPolicy).toBe('Retain');
      expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
      expect(table.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
      expect(table.Properties.DeletionProtectionEnabled).toBe(true);
      // prod uses the customer-managed table key.
      expect(table.Properties.SSESpecification).toMatchObject({ SSEEnabled: true, SSEType: 'KMS' });
      expect(String(table.Properties.TableName)).toMatch(/^ballast-prod-/);
    }
  });

  it('declares the positions table (market, key)', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: 'ballast-prod-positions',
      KeySchema: [
        { AttributeName: 'market', KeyType: 'HASH' },
        { AttributeName: 'key', KeyType: 'RANGE' },
      ],
    });
  });

  it('has the snapshot TTL and the publications GSI', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: 'ballast-prod-snapshots',
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: 'ballast-prod-publications',
      GlobalSecondaryIndexes: [Match.objectLike({ IndexName: 'byTxHash' })],
    });
  });
});

describe('functions', () => {
  it('are ESM on the current Node runtime, ARM64, traced, each with its own log group', () => {
    const fns = Object.values(template.findResources('AWS::Lambda::Function')) as {
      Properties: Record<string, unknown>;
    }[];
    // collect, compute, api, the positions indexer and monitor, one publisher per chain.
    expect(fns).toHaveLength(5 + config.stage.chains.length);
    for (const fn of fns) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogGroup: { Ref: expect.any(String) } },
      });
      const env = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(env).toMatchObject({
        BALLAST_TABLE_PREFIX: 'ballast-prod',
        POWERTOOLS_METRICS_NAMESPACE: 'Ballast',
        POWERTOOLS_SERVICE_NAME: expect.stringMatching(/^ballast-prod/),
        POWERTOOLS_LOG_LEVEL: 'INFO',
      });
    }
    template.allResourcesProperties('AWS::Logs::LogGroup', {
      RetentionInDays: config.stage.logRetentionDays,
    });
  });

  it('runs the publisher as a single writer without async retries', () => {
    for (const chain of config.stage.chains) {
      const publisher = prod.node.findChild(`Publish-${chain.name}`).node.findChild('Function');
      template.hasResourceProperties('AWS::Lambda::Function', {
        ReservedConcurrentExecutions: 1,
        Environment: {
          Variables: Match.objectLike({
            BALLAST_CHAIN_ID: String(chain.chainId),
            BALLAST_ORACLE_ADDRESS: chain.oracleAddress,
            BALLAST_RPC_URLS_PARAM: chain.rpcUrlsParameterName,
          }),
        },
      });
      template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: logicalId(publisher) },
        MaximumRetryAttempts: 0,
      });
    }
    // Only publishers reserve concurrency.
    const reserved = template.findResources('AWS::Lambda::Function', {
      Properties: { ReservedConcurrentExecutions: Match.anyValue() },
    });
    expect(Object.keys(reserved)).toHaveLength(config.stage.chains.length);
  });

  it('bundles ESM with the assets config injected by the banner', () => {
    const assetDirs = readdirSync(synth.outdir).filter((d) => d.startsWith('asset.'));
    expect(assetDirs.length).toBeGreaterThanOrEqual(4);
    for (const dir of assetDirs) {
      const file = join(synth.outdir, dir, 'index.mjs');
      expect(existsSync(file)).toBe(true);
      const head = readFileSync(file, 'utf8').slice(0, 50_000);
      expect(head).toContain('createRequire');
      expect(head).toContain('process.env.BALLAST_ASSETS_CONFIG_JSON ??= ');
      expect(head).toContain(JSON.stringify(JSON.stringify(config.assets)).slice(0, 200));
    }
  });
  it('loads every bundle in plain Node (ESM, require shim) with the stage config in its environment', () => {
    const fns = template.findResources('AWS::Lambda::Function') as Record<
      string,
      { Properties: { Code: { S3Key: string }; Environment: { Variables: Record<string, unknown> } } }
    >;
    // Runs in a child: import the bundle as Lambda would, report what the handler module sees.
    const probe =
      'const m = await import(process.argv[1]); ' +
      'console.log(JSON.stringify({ handler: typeof m.handler, config: process.env.BALLAST_ASSETS_CONFIG_JSON }));';
    for (const [id, fn] of Object.entries(fns)) {
      const dir = join(synth.outdir, `asset.${fn.Properties.Code.S3Key.replace(/\.zip$/, '')}`);
      const env: Record<string, string> = { PATH: process.env.PATH ?? '', AWS_REGION: 'eu-west-1' };
      for (const [name, value] of Object.entries(fn.Properties.Environment.Variables)) {
        // Token values (the key ARN, the alerts topic ARN) get a placeholder of the right shape.
        env[name] =
          typeof value === 'string'
            ? value
            : name === 'BALLAST_ALERTS_TOPIC_ARN'
              ? 'arn:aws:sns:eu-west-1:000000000000:test'
              : 'arn:aws:kms:eu-west-1:000000000000:key/test';
      }
      const child = spawnSync(
        process.execPath,
        ['--input-type=module', '-e', probe, pathToFileURL(join(dir, 'index.mjs')).href],
        { env, encoding: 'utf8' },
      );
      // stderr may carry the AWS SDK's notice about the local Node version (Lambda runs Node 24).
      expect(child.status, `${id}: ${child.stderr}`).toBe(0);
      expect(child.stderr, id).not.toMatch(/Error|Dynamic require/);
      const seen = JSON.parse(child.stdout.trim().split('\n').pop()!) as { handler: string; config: string };
      expect(seen.handler, id).toBe('function');
      expect(JSON.parse(seen.config), id).toEqual(config.assets);
    }
  });
});

describe('data access', () => {
  it('grants each function exactly the tables its stage uses, read or read/write', () => {
    const READ = 'dynamodb:GetItem';
    const WRITE = 'dynamodb:PutItem';
    const tableOf = new Map(
      Object.entries(prod.tables.tables).map(([key, table]) => [logicalId(table), key]),
    );
    const access = (fnId: string): Record<string, string> => {
      const policyId = logicalId(
        prod.node.findChild(fnId).node.findChild('Role').node.findChild('DefaultPolicy'),
      );
      const result: Record<string, Set<string>> = {};
      for (const { id, statement } of iamStatements(template)) {
        if (id !== policyId) continue;
        const resources = (
          Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource]
        ) as unknown[];
        for (const resource of resources) {
          const target = (resource as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt']?.[0];
          const table = target === undefined ? undefined : tableOf.get(target);
          if (table === undefined) continue;
          for (const action of actionsOf(statement)) (result[table] ??= new Set()).add(action);
        }
      }
      return Object.fromEntries(
        Object.entries(result).map(([table, actions]) => [
          table,
          actions.has(WRITE) ? 'rw' : actions.has(READ) ? 'r' : 'other',
        ]),
      );
    };
    expect(access('Collect')).toEqual({ snapshots: 'rw', candles: 'rw' });
    // Compute also runs the cross-asset step (pair snapshots, the cycle's correlations) and extends
    // each asset's engine checkpoint chain.
    expect(access('Compute')).toEqual({
      snapshots: 'rw',
      candles: 'rw',
      checkpoints: 'rw',
      parameters: 'rw',
      // Each resolved config once, by hash (putConfig).
      configs: 'rw',
      assets: 'rw',
      correlations: 'rw',
    });
    expect(access(`Publish-${config.stage.chains[0]!.name}`)).toEqual({
      parameters: 'rw',
      publications: 'rw',
      ledger: 'rw',
      leases: 'rw',
      assets: 'rw',
      // computeRoundImpact: every position and the cycle's reference prices, read only.
      positions: 'r',
      snapshots: 'r',
    });
    expect(access('ApiHandler')).toEqual({
      snapshots: 'r',
      candles: 'r',
      parameters: 'r',
      configs: 'r',
      assets: 'r',
      publications: 'r',
      correlations: 'r',
      // PUT /v1/positions stores a protocol's pushed positions.
      positions: 'rw',
    });
    expect(access('Indexer')).toEqual({ positions: 'rw' });
    // The monitor reads positions, LTs on-chain (heads), candidates and prices; keeps its alerts.
    expect(access('Monitor')).toEqual({
      positions: 'r',
      assets: 'r',
      parameters: 'r',
      snapshots: 'r',
      alerts: 'rw',
    });
  });
});

describe('audit trail', () => {
  it('no role may delete from the audit tables (snapshots, parameters, configs, publications, correlations): append-only', () => {
    const audit = ['snapshots', 'parameters', 'configs', 'publications', 'correlations'] as const;
    const ids = new Set(audit.map((key) => logicalId(prod.tables.tables[key])));
    let writers = 0;
    for (const { statement } of iamStatements(template)) {
      const resources = JSON.stringify(statement.Resource);
      if (![...ids].some((id) => resources.includes(`"${id}"`))) continue;
      for (const action of actionsOf(statement)) {
        expect(action, resources).not.toMatch(/^dynamodb:(DeleteItem|BatchWriteItem|PartiQL.*|\*)$/);
      }
      if (actionsOf(statement).includes('dynamodb:PutItem')) writers += 1;
    }
    // collect (snapshots), compute (parameters), each publisher (parameters, publications).
    expect(writers).toBeGreaterThanOrEqual(3);
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: 'ballast-prod-snapshots',
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });
});

describe('secrets', () => {
  it('never puts an RPC URL (or any URL) into an environment variable', () => {
    for (const t of synth.templates.values()) {
      for (const fn of Object.values(t.findResources('AWS::Lambda::Function')) as {
        Properties: { Environment: { Variables: Record<string, unknown> } };
      }[]) {
        for (const [name, value] of Object.entries(fn.Properties.Environment.Variables)) {
          expect(JSON.stringify(value), name).not.toMatch(/https?:|wss?:|:\/\//i);
        }
      }
    }
  });

  it('references the RPC SecureString by name and lets only the publishers read it', () => {
    template.resourceCountIs('AWS::SSM::Parameter', 0);
    const policyOf = (id: string): string =>
      logicalId(prod.node.findChild(id).node.findChild('Role').node.findChild('DefaultPolicy'));
    const readers = iamStatements(template).filter(({ statement }) =>
      actionsOf(statement).includes('ssm:GetParameter'),
    );
    const rpcReaders = readers.filter(({ statement }) =>
      JSON.stringify(statement.Resource).includes(
        `:parameter${config.stage.chains[0]!.rpcUrlsParameterName}`,
      ),
    );
    // prod follows no lending market yet, so its indexer reads no RPC URLs (variants.test.ts: one that does).
    expect(config.stage.positions.markets).toEqual([]);
    expect(rpcReaders.map((r) => r.id).sort()).toEqual(
      config.stage.chains.map((c) => policyOf(`Publish-${c.name}`)).sort(),
    );
    // The API reads the PUT /v1/positions key hashes, and nothing else reads them.
    const keyReaders = readers.filter(({ statement }) =>
      JSON.stringify(statement.Resource).includes(':parameter/ballast/prod/position-keys'),
    );
    expect(keyReaders.map((r) => r.id)).toEqual([policyOf('ApiHandler')]);
    expect(readers).toHaveLength(rpcReaders.length + keyReaders.length);
  });
});

describe('orchestration', () => {
  it('schedules the workflow at the stage rate with no flexible window, a DLQ and the assets as input', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: `rate(${config.stage.scheduleRateMinutes} minutes)`,
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: config.stage.scheduleEnabled ? 'ENABLED' : 'DISABLED',
      Target: Match.objectLike({
        Arn: { Ref: logicalId(prod.pipeline.stateMachine) },
        Input: JSON.stringify({ assets: config.assetNames }),
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [logicalId(prod.pipeline.deadLetterQueue), 'Arn'] } },
      }),
    });
  });

  it('maps collect → compute over $.assets, then publishes, with retries, catches and a failure path', () => {
    const def = stateMachineDefinition(template);
    // Below the period: a cycle started as late as the scheduler allows (60 s) ends 10 s before the next.
    expect(def.TimeoutSeconds).toBe(config.stage.scheduleRateMinutes * 60 - 60 - 10);
    const assets = def.States.Assets!;
    expect(assets.Type).toBe('Map');
    expect(assets.ItemsPath).toBe('$.assets');
    expect(assets.ItemSelector).toEqual({
      'asset.$': '$$.Map.Item.Value',
      'startedAt.$': '$$.Execution.StartTime',
    });
    expect(assets.MaxConcurrency).toBe(config.stage.mapMaxConcurrency);
    const inner = assets.ItemProcessor!;
    expect(inner.StartAt).toBe('Collect');
    const fnArn = (id: string) =>
      `<GetAtt:${logicalId(prod.node.findChild(id).node.findChild('Function'))}.Arn>`;
    expect(inner.States.Collect!.Resource).toBe(fnArn('Collect'));
    expect(inner.States.Collect!).toMatchObject({ TimeoutSeconds: 150 });
    expect(inner.States.Compute!.Resource).toBe(fnArn('Compute'));
    // No Parameters: each task gets the previous output as is (docs/architecture.md, "Stage contract").
    expect(inner.States.Collect!.Parameters).toBeUndefined();
    expect(inner.States.Compute!.Parameters).toBeUndefined();
    expect(inner.States.Collect!.Next).toBe('Compute');
    for (const name of ['Collect', 'Compute']) {
      expect(inner.States[name]!.Retry![0]!.ErrorEquals).toEqual(
        expect.arrayContaining([
          'Lambda.TooManyRequestsException',
          'Lambda.ServiceException',
          'States.Timeout',
        ]),
      );
    }
    // Failure path: a catch → notify (SNS) → Fail.
    expect(assets.Catch).toEqual([
      expect.objectContaining({ ErrorEquals: ['States.ALL'], Next: 'NotifyFailure' }),
    ]);
    expect(def.States.NotifyFailure!.Resource).toContain(':states:::sns:publish');
    expect(def.States[def.States.NotifyFailure!.Next!]!.Type).toBe('Fail');

    // The assets' records go to the cross-asset step (pairs, correlations), then to every publisher.
    expect(assets.ResultPath).toBe('$.computed');
    const cross = def.States[assets.Next!]!;
    expect(assets.Next).toBe('CrossAsset');
    expect(cross.Resource).toBe(fnArn('Compute'));
    expect(cross.Parameters).toEqual({ 'startedAt.$': '$$.Execution.StartTime', 'records.$': '$.computed' });
    expect(cross.ResultPath).toBe('$.cycle');
    expect(cross.Retry![0]!.ErrorEquals).toContain('States.Timeout');
    // Its failure is notified and the assets are published without the pairs, never held back.
    expect(cross.Catch).toEqual([
      expect.objectContaining({ ErrorEquals: ['States.ALL'], Next: 'NotifyCrossAssetFailure' }),
    ]);
    const notifyCross = def.States.NotifyCrossAssetFailure!;
    expect(notifyCross.Resource).toContain(':states:::sns:publish');
    const assetsOnly = def.States[notifyCross.Next!]!;
    expect(assetsOnly).toMatchObject({
      Type: 'Pass',
      Parameters: { 'records.$': '$.computed' },
      ResultPath: '$.cycle',
      Next: cross.Next,
    });

    const publish = def.States[cross.Next!]!;
    expect(publish.Type).toBe('Parallel');
    expect(publish.Catch).toEqual([expect.objectContaining({ Next: 'NotifyFailure' })]);
    expect(publish.Branches).toHaveLength(config.stage.chains.length);
    const branch = publish.Branches![0]!;
    const task = branch.States[branch.StartAt]!;
    expect(task.Resource).toBe(fnArn(`Publish-${config.stage.chains[0]!.name}`));
    expect(task.Parameters).toEqual({
      'startedAt.$': '$$.Execution.StartTime',
      'records.$': '$.cycle.records',
    });
    expect(task.Retry![0]!.ErrorEquals).not.toContain('States.Timeout');
    const outcome = branch.States[task.Next!]!;
    expect(outcome.Type).toBe('Choice');
    expect(JSON.stringify(outcome.Choices)).toContain('"StringEquals":"failed"');
  });

  it('logs and traces the workflow', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: Match.objectLike({ Level: 'ALL', IncludeExecutionData: true }),
    });
  });
});

describe('one workflow at a time', () => {
  it('first lists its own running executions and ends as skipped when another cycle runs', () => {
    const def = stateMachineDefinition(template);
    expect(def.StartAt).toBe('CheckOverlap');
    const check = def.States.CheckOverlap!;
    expect(check.Resource).toContain(':states:::aws-sdk:sfn:listExecutions');
    expect(check.Parameters).toEqual({
      'StateMachineArn.$': '$$.StateMachine.Id',
      StatusFilter: 'RUNNING',
      MaxResults: 2,
    });
    expect(check.Catch).toEqual([expect.objectContaining({ Next: 'NotifyFailure' })]);
    const choice = def.States[check.Next!]! as unknown as {
      Type: string;
      Choices: { Variable: string; NumericGreaterThan: number; Next: string }[];
      Default: string;
    };
    expect(choice.Type).toBe('Choice');
    expect(choice.Choices).toEqual([
      { Variable: '$.overlap.running', NumericGreaterThan: 1, Next: 'SkippedOverlap' },
    ]);
    expect(choice.Default).toBe('Assets');
    expect(def.States.SkippedOverlap).toMatchObject({
      Type: 'Pass',
      Result: { status: 'skipped' },
      Next: 'CycleSkipped',
    });
    expect(def.States.CycleSkipped!.Type).toBe('Succeed');
    // It may list executions of this machine only (by its fixed name: no circular reference).
    const listers = iamStatements(template).filter(({ statement }) =>
      actionsOf(statement).includes('states:ListExecutions'),
    );
    expect(listers).toHaveLength(1);
    expect(JSON.stringify(listers[0]!.statement.Resource)).toContain(':stateMachine:ballast-prod-cycle');
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineName: 'ballast-prod-cycle',
    });
  });

  it('times out before the next scheduled start, and the scheduler drops late starts', () => {
    const period = config.stage.scheduleRateMinutes * 60;
    const def = stateMachineDefinition(template);
    expect(def.TimeoutSeconds).toBeLessThan(period);
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      Target: Match.objectLike({ RetryPolicy: Match.objectLike({ MaximumEventAgeInSeconds: 60 }) }),
    });
    expect(def.TimeoutSeconds! + 60).toBeLessThan(period);
  });
});

describe('read API', () => {
  it('throttles at the default stage and writes access logs', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      DefaultRouteSettings: {
        ThrottlingRateLimit: config.stage.api.rateLimit,
        ThrottlingBurstLimit: config.stage.api.burstLimit,
      },
      AccessLogSettings: Match.objectLike({
        DestinationArn: { 'Fn::GetAtt': [logicalId(prod.readApi.accessLogs), 'Arn'] },
      }),
    });
    template.resourceCountIs('AWS::ApiGatewayV2::Route', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: '$default',
      AuthorizationType: 'NONE',
    });
  });

  it('answers CORS preflights for every method the handler serves, POST /v1/portfolio included', () => {
    const apis = template.findResources('AWS::ApiGatewayV2::Api');
    expect(Object.keys(apis)).toHaveLength(1);
    const cors = (
      Object.values(apis)[0] as {
        Properties: {
          CorsConfiguration: { AllowMethods: string[]; AllowHeaders: string[]; AllowOrigins: string[] };
        };
      }
    ).Properties.CorsConfiguration;
    // The same methods the api Lambda's own CORS middleware announces (shared/api/createApiHandler.ts).
    expect([...cors.AllowMethods].sort()).toEqual(['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);
    // `authorization` carries the key of PUT /v1/positions; the handler answers the same list.
    expect([...cors.AllowHeaders].sort()).toEqual(['authorization', 'content-type']);
    expect(cors.AllowOrigins).toEqual(['*']);
  });
});

describe('monitoring', () => {
  const alarmNames = (): string[] =>
    (
      Object.values(template.findResources('AWS::CloudWatch::Alarm')) as {
        Properties: { AlarmName: string };
      }[]
    ).map((a) => a.Properties.AlarmName);

  it('has every alarm the runbook names, each notifying the encrypted topic', () => {
    const names = alarmNames();
    const chain = config.stage.chains[0]!.name;
    for (const expected of [
      'ballast-prod-workflow-failed',
      `ballast-prod-pending-tx-${chain}`,
      `ballast-prod-signer-balance-${chain}`,
      `ballast-prod-kms-throttles-${chain}`,
      'ballast-prod-schedule-dlq',
      'ballast-prod-api-5xx',
      ...config.assetNames.map((asset) => `ballast-prod-stale-${chain}-${asset}`),
      ...config.assetNames.map((asset) => `ballast-prod-degraded-${asset}`),
    ]) {
      expect(names).toContain(expected);
    }
    template.allResourcesProperties('AWS::CloudWatch::Alarm', {
      AlarmActions: [{ Ref: logicalId(prod.monitoring.topic) }],
    });
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });

  it('subscribes the stage config e-mails and HTTPS endpoints to the alarm topic', () => {
    const topic = { Ref: logicalId(prod.monitoring.topic) };
    const subs = template.findResources('AWS::SNS::Subscription');
    const wanted = [
      ...config.stage.alarmSubscriptions.emails.map((e) => ({ Protocol: 'email', Endpoint: e })),
      ...config.stage.alarmSubscriptions.https.map((u) => ({ Protocol: 'https', Endpoint: u })),
    ];
    expect(wanted.length).toBeGreaterThan(0);
    expect(
      Object.values(subs).map((r) => {
        const p = (r as { Properties: { Protocol: string; Endpoint: string; TopicArn: unknown } }).Properties;
        expect(p.TopicArn).toEqual(topic);
        return { Protocol: p.Protocol, Endpoint: p.Endpoint };
      }),
    ).toEqual(wanted);
  });

  it('alarms on errors and throttles of every function', () => {
    const names = alarmNames();
    for (const id of [
      'Collect',
      'Compute',
      'ApiHandler',
      'Indexer',
      'Monitor',
      ...config.stage.chains.map((c) => `Publish-${c.name}`),
    ]) {
      const fnRef = { Ref: logicalId(prod.node.findChild(id).node.findChild('Function')) };
      for (const [kind, metric] of [
        ['errors', 'Errors'],
        ['throttles', 'Throttles'],
      ] as const) {
        expect(names).toContain(`ballast-prod-${kind}-${id.toLowerCase()}`);
        template.hasResourceProperties('AWS::CloudWatch::Alarm', {
          AlarmName: `ballast-prod-${kind}-${id.toLowerCase()}`,
          Namespace: 'AWS/Lambda',
          MetricName: metric,
          Dimensions: [{ Name: 'FunctionName', Value: fnRef }],
          Threshold: 1,
          AlarmActions: [{ Ref: logicalId(prod.monitoring.topic) }],
        });
      }
    }
  });

  it('alarms per asset on AssetStalenessSeconds past heartbeat + grace', () => {
    for (const asset of config.assetNames) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'Ballast',
        MetricName: 'AssetStalenessSeconds',
        Dimensions: Match.arrayWith([{ Name: 'Asset', Value: asset }]),
        Threshold: config.assets.assets[asset]!.heartbeatSeconds + config.stage.stalenessGraceSeconds,
        ComparisonOperator: 'GreaterThanThreshold',
      });
    }
  });

  it('alarms when the signer balance falls below the configured minimum (ether)', () => {
    const chain = config.stage.chains[0]!;
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'SignerBalanceEth',
      Dimensions: [{ Name: 'service', Value: `ballast-prod-publish-${chain.name}` }],
      Threshold: chain.minSignerBalanceEth,
      ComparisonOperator: 'LessThanThreshold',
    });
  });

  it('alarms per asset on three consecutive degraded cycles (collect emits DegradedCycles per Asset)', () => {
    for (const asset of config.assetNames) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: `ballast-prod-degraded-${asset}`,
        MetricName: 'DegradedCycles',
        Dimensions: [
          { Name: 'Asset', Value: asset },
          { Name: 'service', Value: 'ballast-prod' },
        ],
        EvaluationPeriods: 3,
        DatapointsToAlarm: 3,
      });
    }
  });
});

describe('metrics and the alarms and graphs on them', () => {
  it('emits every named Ballast metric somewhere, three of them with a dimension besides service', () => {
    const emitted = emittedBallastMetrics();
    expect(new Set(emitted.map((e) => e.name))).toEqual(new Set(Object.values(BALLAST_METRICS)));
    const dimensioned = emitted
      .filter((e) => e.dimensions.length > 0)
      .map((e) => `${e.name}: ${e.dimensions.join()}`);
    expect(dimensioned.sort()).toEqual([
      'AssetStalenessSeconds: Asset',
      'DegradedCycles: Asset',
      'IndexerLagBlocks: Market',
    ]);
  });

  it.each(['Ballast-dev', 'Ballast-prod'])(
    '%s: every alarm and dashboard graph on a Ballast metric names it by the dimensions the code emits it with, and an existing service',
    (stackName) => {
      expect(metricsWatchedButNotEmitted(synth.templates.get(stackName)!)).toEqual([]);
    },
  );

  it('would catch an alarm that watches one dimension more than the code emits', () => {
    const asset = config.assetNames[0]!;
    const alarms = template.findResources('AWS::CloudWatch::Alarm');
    const degraded = Object.values(alarms).find(
      (a) =>
        (a as { Properties: { AlarmName: string } }).Properties.AlarmName ===
        `ballast-prod-degraded-${asset}`,
    ) as { Properties: { Dimensions: { Name: string; Value: unknown }[] } };
    const widened = {
      findResources: (type: string) =>
        type === 'AWS::CloudWatch::Alarm'
          ? {
              Widened: {
                Properties: {
                  ...degraded.Properties,
                  AlarmName: 'widened',
                  Dimensions: [...degraded.Properties.Dimensions, { Name: 'Chain', Value: 'base' }],
                },
              },
            }
          : template.findResources(type),
    } as unknown as Template;
    expect(metricsWatchedButNotEmitted(widened)).toEqual([
      expect.stringMatching(
        /^widened: watches DegradedCycles by service, Asset, Chain; the code emits service, Asset \(shared\/observability\/emitDegradedCycle\.ts:\d+\)$/,
      ),
    ]);
  });
});

describe('cdk-nag', () => {
  it('reports nothing unacknowledged for any stage', () => {
    // app.synth() throws on an unacknowledged finding; the report in the assembly is empty too.
    expect(synth.validationReport.pluginReports.flatMap((r) => r.violations ?? [])).toEqual([]);
    expect(synth.stacks.map((s) => s.stackName).sort()).toEqual(['Ballast-dev', 'Ballast-prod']);
  });

  it('names exactly one finding with a reason in every acknowledgment', () => {
    const acks: { path: string; id: string; reason: string }[] = [];
    const visit = (c: IConstruct): void => {
      for (const entry of c.node.metadata) {
        if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
        for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
          acks.push({ path: c.node.path, id, reason });
        }
      }
      c.node.children.forEach(visit);
    };
    visit(synth.app);
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      // One rule, optionally one finding in brackets: no lists, no rule-wide prefixes.
      expect(ack.id, ack.path).toMatch(/^(?:[\w-]+::)?AwsSolutions-[A-Z]+\d+(?:\[[^\],]+\])?$/);
      expect(ack.reason.length, ack.path).toBeGreaterThan(30);
    }
    // Every wildcard-resource acknowledgment on a Lambda role covers only X-Ray actions.
    for (const t of synth.templates.values()) {
      for (const { id, statement } of iamStatements(t)) {
        if (statement.Resource !== '*') continue;
        const allowed = id.startsWith('Pipeline')
          ? /^(xray|logs):/
          : /^xray:(PutTraceSegments|PutTelemetryRecords)$/;
        for (const action of actionsOf(statement)) expect(action, id).toMatch(allowed);
      }
    }
  });
});

describe('position health', () => {
  const indexerFn = () => prod.node.findChild('Indexer').node.findChild('Function');
  const dlq = () => prod.positions.deadLetterQueue;

  it('runs the indexer on its own schedule (off while prod follows no market), dead-lettering failed runs', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: `rate(${config.stage.positions.indexerRateMinutes} minute)`,
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'DISABLED',
      Target: Match.objectLike({
        Arn: { 'Fn::GetAtt': [logicalId(indexerFn()), 'Arn'] },
        Input: '{}',
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [logicalId(dlq()), 'Arn'] } },
        RetryPolicy: { MaximumEventAgeInSeconds: 60, MaximumRetryAttempts: 0 },
      }),
    });
    // A failed run is not retried by Lambda (the next run resumes from the cursor): it goes to the DLQ.
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: logicalId(indexerFn()) },
      MaximumRetryAttempts: 0,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [logicalId(dlq()), 'Arn'] } } },
    });
    // Ends before the next run starts.
    const fn = (template.toJSON() as { Resources: Record<string, { Properties: Record<string, unknown> }> })
      .Resources[logicalId(indexerFn())]!.Properties;
    expect(fn.Timeout).toBe(50);
    expect((fn.Environment as { Variables: Record<string, unknown> }).Variables).toMatchObject({
      BALLAST_POSITION_MARKETS_JSON: '[]',
      POWERTOOLS_SERVICE_NAME: 'ballast-prod-indexer',
    });
  });

  it('gives the indexer only cursor reads and range commits on the positions table: no scan, no batch', () => {
    expect([...INDEXER_POSITIONS_TABLE_ACTIONS].sort()).toEqual([
      'dynamodb:DeleteItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
    ]);
    const policy = logicalId(
      prod.node.findChild('Indexer').node.findChild('Role').node.findChild('DefaultPolicy'),
    );
    const table = logicalId(prod.tables.tables.positions);
    const actions = iamStatements(template)
      .filter(
        ({ id, statement }) => id === policy && JSON.stringify(statement.Resource).includes(`"${table}"`),
      )
      .flatMap(({ statement }) => actionsOf(statement));
    expect(actions.sort()).toEqual([...INDEXER_POSITIONS_TABLE_ACTIONS].sort());
  });

  it('has an encrypted, TLS-only alerts topic and dead-letter queue kept 14 days', () => {
    template.hasResourceProperties('AWS::SNS::Topic', {
      DisplayName: 'Ballast prod position alerts',
      KmsMasterKeyId: { 'Fn::GetAtt': [logicalId(prod.positions.alertsKey), 'Arn'] },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      Description: 'Ballast prod: encrypts the position alerts topic',
      EnableKeyRotation: true,
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: logicalId(prod.positions.alertsTopic) }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 'sns:Publish',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::SQS::Queue', {
      MessageRetentionPeriod: 14 * 86_400,
      SqsManagedSseEnabled: true,
    });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: logicalId(dlq()) }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('outputs the alerts topic and the dead-letter queue the runbook names', () => {
    template.hasOutput('AlertsTopicArn', { Value: { Ref: logicalId(prod.positions.alertsTopic) } });
    template.hasOutput('PositionsDeadLetterQueueUrl', { Value: { Ref: logicalId(dlq()) } });
  });

  it('alarms on anything in the positions dead-letter queue', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'ballast-prod-positions-dlq',
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalId(dlq()), 'QueueName'] } }],
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [{ Ref: logicalId(prod.monitoring.topic) }],
    });
  });
});

describe('position monitor', () => {
  const monitorFn = () => prod.node.findChild('Monitor').node.findChild('Function');

  it('runs after every chain published, with the cycle records; a failure is notified and the cycle goes on', () => {
    const def = stateMachineDefinition(template);
    expect(def.States.Publish!.Next).toBe('Monitor');
    const monitor = def.States.Monitor!;
    expect(monitor.Resource).toBe(`<GetAtt:${logicalId(monitorFn())}.Arn>`);
    expect(monitor.Parameters).toEqual({
      'startedAt.$': '$$.Execution.StartTime',
      'records.$': '$.cycle.records',
    });
    // Its result stays beside `$.chains`, which still decides the cycle's outcome.
    expect(monitor.ResultPath).toBe('$.monitor');
    expect(monitor.Next).toBe('ChainsOutcome');
    expect(monitor.Retry![0]!.ErrorEquals).not.toContain('States.Timeout');
    expect(monitor.Catch).toEqual([
      expect.objectContaining({
        ErrorEquals: ['States.ALL'],
        Next: 'NotifyMonitorFailure',
        ResultPath: '$.monitorError',
      }),
    ]);
    const notify = def.States.NotifyMonitorFailure!;
    expect(notify.Resource).toContain(':states:::sns:publish');
    expect(notify.Next).toBe('ChainsOutcome');
    expect(notify.Catch).toEqual([expect.objectContaining({ Next: 'ChainsOutcome' })]);
  });

  it('publishes to the alerts topic only, with the two key actions an encrypted topic needs', () => {
    const policy = logicalId(
      prod.node.findChild('Monitor').node.findChild('Role').node.findChild('DefaultPolicy'),
    );
    const statements = iamStatements(template)
      .filter(({ id }) => id === policy)
      .map(({ statement }) => statement);
    const publish = statements.filter((st) => actionsOf(st).includes('sns:Publish'));
    expect(publish).toHaveLength(1);
    expect(publish[0]!.Resource).toEqual({ Ref: logicalId(prod.positions.alertsTopic) });
    const key = statements.filter(
      (st) =>
        JSON.stringify(st.Resource) ===
        JSON.stringify({ 'Fn::GetAtt': [logicalId(prod.positions.alertsKey), 'Arn'] }),
    );
    expect(key.flatMap(actionsOf).sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
    const fn = (template.toJSON() as { Resources: Record<string, { Properties: Record<string, unknown> }> })
      .Resources[logicalId(monitorFn())]!.Properties;
    const env = (fn.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(env.BALLAST_ALERTS_TOPIC_ARN).toEqual({ Ref: logicalId(prod.positions.alertsTopic) });
    // prod sets no webhook: no URL, no key parameter.
    expect(env.BALLAST_ALERT_WEBHOOK_URL).toBeUndefined();
    expect(env.BALLAST_ALERT_WEBHOOK_SECRET_PARAM).toBeUndefined();
  });

  it('alarms on a dead-lettered alert and on any monitor error', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'ballast-prod-alerts-dead-lettered',
      Namespace: 'Ballast',
      MetricName: 'AlertsDeadLettered',
      Dimensions: [{ Name: 'service', Value: 'ballast-prod-monitor' }],
      Statistic: 'Sum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'ballast-prod-errors-monitor',
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalId(monitorFn()) } }],
    });
  });
});
