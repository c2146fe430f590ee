import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BallastStack } from '../../infra/stacks/BallastStack.js';
import { DEFAULTS } from '../../shared/config/defaults.js';
import { marketKey } from '../../shared/positions/marketKey.js';
import { metricsWatchedButNotEmitted } from './emittedBallastMetrics.js';
import {
  logicalId,
  REPO_ROOT,
  stateMachineDefinition,
  synthForTest,
  type SynthForTestResult,
} from './synthForTest.js';

// A stage exercising what the shipped configs do not: two chains, a running schedule, a
// Distributed Map (more assets than the threshold), a key rotation in progress and AWS-managed
// table encryption, configured pairs (one with its own heartbeat). Bundling is skipped (the
// bundles are covered by stack.test.ts).
const dir = mkdtempSync(join(tmpdir(), 'ballast-variant-'));
// SOL/ETH's own heartbeat, to see a pair's own staleness threshold.
const SOL_ETH_HEARTBEAT_SECONDS = 7200;
writeFileSync(
  join(dir, 'assets.json'),
  JSON.stringify({
    ...(JSON.parse(readFileSync(join(REPO_ROOT, 'shared/config/assets.default.json'), 'utf8')) as Record<
      string,
      unknown
    >),
    pairs: { 'ETH/BTC': {}, 'SOL/ETH': { heartbeatSeconds: SOL_ETH_HEARTBEAT_SECONDS } },
  }),
);
const chains = [
  { name: 'base', chainId: 8453 },
  { name: 'arbitrum', chainId: 42161 },
].map((c, i) => ({
  ...c,
  oracleAddress: `0x${String(i + 1).repeat(40)}`,
  rpcUrlsParameterName: `/ballast/multi/rpc-urls/${c.chainId}`,
  minSignerBalanceEth: 0.1,
  // The second chain publishes a subset, with its own finality and fee cap (docs/multi-chain.md).
  ...(i === 1 ? { assets: ['BTC', 'ETH'], confirmations: 3, feePolicy: { maxFeePerGasGwei: 2 } } : {}),
}));
// Two followed lending markets, one per chain; the second reads its own RPC SecureString.
const markets = [
  { chainId: 8453, address: `0x${'a1'.repeat(20)}`, startBlock: 1_000, collateralAsset: 'ETH' },
  {
    chainId: 42161,
    address: `0x${'b2'.repeat(20)}`,
    startBlock: 2_000,
    confirmations: 5,
    collateralAsset: 'BTC',
    rpcUrlsParameterName: '/ballast/multi/indexer-rpc/42161',
  },
];
writeFileSync(
  join(dir, 'multi.json'),
  JSON.stringify({
    stage: 'multi',
    assetsConfigPath: join(dir, 'assets.json'),
    scheduleRateMinutes: 5,
    signingKeys: ['k1', 'k2'],
    activeSigningKey: 'k2',
    scheduleEnabled: true,
    chains,
    distributedMapThreshold: 2,
    mapMaxConcurrency: 50,
    logRetentionDays: 30,
    customerManagedTableKey: false,
    api: { rateLimit: 10, burstLimit: 20 },
    stalenessGraceSeconds: 900,
    pendingTxAlarmSeconds: 600,
    keyAdminRoleName: 'BallastKeyAdmin',
    alarmSubscriptions: {
      emails: ['oncall@ops.ballast.test'],
      https: ['https://hooks.ops.ballast.test/sns'],
    },
    positions: {
      markets,
      indexerRateMinutes: 2,
      lagAlarmBlocks: 120,
      alertWebhookUrl: 'https://alerts.lend.ballast.test/ballast',
    },
    publisherCodeSigning: {
      mode: 'Enforce',
      signedPublisherCode: {
        bucket: 'ballast-multi-signed',
        key: 'signed/publisher.zip',
        objectVersion: 'v42',
      },
    },
  }),
);

let synth: SynthForTestResult;
let stack: BallastStack;
let template: Template;
beforeAll(() => {
  synth = synthForTest({ stages: ['multi'], configDir: dir, bundle: false });
  stack = synth.stacks[0]!;
  template = synth.templates.get('Ballast-multi')!;
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  if (synth !== undefined) rmSync(synth.outdir, { recursive: true, force: true });
});

describe('a multi-chain stage with a running schedule', () => {
  it('is cdk-nag clean', () => {
    expect(synth.validationReport.pluginReports.flatMap((r) => r.violations ?? [])).toEqual([]);
  });

  it('alarms and graphs on Ballast metrics (pairs and indexer lag included) by the dimensions the code emits them with', () => {
    expect(metricsWatchedButNotEmitted(template)).toEqual([]);
  });

  it('uses a Distributed Map (Express children) above the threshold, selecting items in the parent', () => {
    const def = stateMachineDefinition(template);
    const assets = def.States.Assets!;
    expect(assets.Type).toBe('Map');
    expect(assets.ItemProcessor!.ProcessorConfig).toEqual({ Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' });
    expect(assets.ItemSelector).toEqual({
      'asset.$': '$$.Map.Item.Value',
      'startedAt.$': '$$.Execution.StartTime',
    });
    expect(assets.MaxConcurrency).toBe(50);
  });

  it('publishes to every chain in parallel, one single-writer publisher each', () => {
    const def = stateMachineDefinition(template);
    const publish = def.States.Publish!;
    expect(publish.Type).toBe('Parallel');
    expect(publish.Branches!.map((b) => b.StartAt)).toEqual(chains.map((c) => `PublishTo-${c.name}`));
    // A chain's failure ends its own branch only (docs/multi-chain.md): the task catches every
    // error into a Pass naming the chain; after all branches, any failed chain notifies and fails.
    for (const [i, branch] of publish.Branches!.entries()) {
      const task = branch.States[branch.StartAt]!;
      expect(task.Catch).toEqual([
        expect.objectContaining({ ErrorEquals: ['States.ALL'], Next: `PublishError-${chains[i]!.name}` }),
      ]);
      expect(Object.values(branch.States).some((state) => state.Type === 'Fail')).toBe(false);
    }
    // The position monitor runs after every chain's publish, then the chains decide the outcome.
    expect(publish.Next).toBe('Monitor');
    expect(def.States.Monitor!.Next).toBe('ChainsOutcome');
    const outcome = def.States.ChainsOutcome!;
    expect(JSON.stringify(outcome.Choices)).toContain('"Variable":"$.chains[1].status"');
    const failedNext = (outcome.Choices![0] as { Next: string }).Next;
    expect(def.States[failedNext]!.Next).toBe('NotifyFailure');
    expect(
      Object.keys(
        template.findResources('AWS::Lambda::Function', { Properties: { ReservedConcurrentExecutions: 1 } }),
      ),
    ).toHaveLength(2);
  });

  it('hands each publisher its own chain entry and alarms only on the assets its chain publishes', () => {
    const chainEnv = Object.values(template.findResources('AWS::Lambda::Function'))
      .map((fn) => (fn as { Properties: { Environment: { Variables: Record<string, unknown> } } }).Properties)
      .map((p) => p.Environment.Variables.BALLAST_CHAIN_CONFIG_JSON)
      .filter((json): json is string => typeof json === 'string')
      .map((json) => JSON.parse(json) as unknown);
    expect(chainEnv).toEqual(chains);
    const staleAlarms = (chain: string): string[] =>
      Object.values(
        template.findResources('AWS::CloudWatch::Alarm', {
          Properties: { AlarmName: Match.stringLikeRegexp(`^ballast-multi-stale-${chain}-`) },
        }),
      ).map((a) => (a as { Properties: { AlarmName: string } }).Properties.AlarmName);
    // arbitrum publishes BTC and ETH, so the pair ETH/BTC (both legs) and not SOL/ETH.
    expect(staleAlarms('arbitrum').sort()).toEqual([
      'ballast-multi-stale-arbitrum-BTC',
      'ballast-multi-stale-arbitrum-ETH',
      'ballast-multi-stale-arbitrum-ETH-BTC',
    ]);
    expect(staleAlarms('base').sort()).toEqual(
      ['BNB', 'BTC', 'ETH', 'ETH-BTC', 'SOL', 'SOL-ETH', 'XRP'].map((id) => `ballast-multi-stale-base-${id}`),
    );
  });

  it('alarms per configured pair: staleness on each chain with its own heartbeat, and degraded cycles', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'ballast-multi-stale-base-SOL-ETH',
      MetricName: 'AssetStalenessSeconds',
      Threshold: SOL_ETH_HEARTBEAT_SECONDS + 900,
      Dimensions: Match.arrayWith([
        { Name: 'Asset', Value: 'SOL/ETH' },
        { Name: 'service', Value: 'ballast-multi-publish-base' },
      ]),
    });
    // ETH/BTC sets no heartbeat: its collateral's (ETH, the default) applies.
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'ballast-multi-stale-arbitrum-ETH-BTC',
      Threshold: DEFAULTS.heartbeatSeconds + 900,
      Dimensions: Match.arrayWith([{ Name: 'Asset', Value: 'ETH/BTC' }]),
    });
    for (const pair of ['ETH/BTC', 'SOL/ETH'])
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: `ballast-multi-degraded-${pair.replace('/', '-')}`,
        MetricName: 'DegradedCycles',
        Dimensions: Match.arrayWith([{ Name: 'Asset', Value: pair }]),
      });
  });

  it('gives only the active key signers; the key being rotated out signs for nobody', () => {
    const policyOf = (name: string) =>
      (
        template.toJSON().Resources[logicalId(stack.signingKeys[name]!.key)] as {
          Properties: { KeyPolicy: { Statement: { Action: string[]; Principal: { AWS: unknown } }[] } };
        }
      ).Properties.KeyPolicy.Statement;
    const signersOf = (name: string) => policyOf(name).filter((s) => s.Action.includes('kms:Sign'));
    expect(signersOf('k1')).toEqual([]);
    expect(signersOf('k2')).toHaveLength(1);
    const roles = chains.map((c) => ({
      'Fn::GetAtt': [logicalId(stack.node.findChild(`Publish-${c.name}`).node.findChild('Role')), 'Arn'],
    }));
    expect(signersOf('k2')[0]!.Principal.AWS).toEqual(expect.arrayContaining(roles));
    expect(signersOf('k2')[0]!.Principal.AWS).toHaveLength(roles.length);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          BALLAST_KMS_KEY_ID: { 'Fn::GetAtt': [logicalId(stack.signingKeys.k2!.key), 'Arn'] },
        }),
      },
    });
    template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/ballast-multi-signer-k1' });
  });

  it('enables the schedule and alarms on missing staleness data and on cycles that stop', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', { State: 'ENABLED' });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'ballast-multi-stale-arbitrum-BTC',
      TreatMissingData: 'breaching',
      Dimensions: Match.arrayWith([{ Name: 'service', Value: 'ballast-multi-publish-arbitrum' }]),
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'ballast-multi-workflow-not-started',
      TreatMissingData: 'breaching',
    });
  });

  it('encrypts the tables with the AWS-managed key when no table key is configured', () => {
    for (const table of Object.values(template.findResources('AWS::DynamoDB::Table')) as {
      Properties: { SSESpecification: { SSEEnabled: boolean; KMSMasterKeyId?: unknown } };
    }[]) {
      expect(table.Properties.SSESpecification.SSEEnabled).toBe(true);
      expect(table.Properties.SSESpecification.KMSMasterKeyId).toBeUndefined();
    }
  });
});

describe('a stage that follows lending markets', () => {
  const indexerFn = () => stack.node.findChild('Indexer').node.findChild('Function');
  const policyOf = (id: string): string =>
    logicalId(stack.node.findChild(id).node.findChild('Role').node.findChild('DefaultPolicy'));

  it("hands the indexer its markets, each with its chain's RPC SecureString name, and runs it on its own schedule", () => {
    const fn = (template.toJSON() as { Resources: Record<string, { Properties: Record<string, unknown> }> })
      .Resources[logicalId(indexerFn())]!.Properties;
    const env = (fn.Environment as { Variables: Record<string, string> }).Variables;
    expect(JSON.parse(env.BALLAST_POSITION_MARKETS_JSON!)).toEqual([
      {
        ...markets[0],
        confirmations: 0,
        debtAsset: 'USD',
        collateralDecimals: 18,
        debtDecimals: 18,
        rpcUrlsParameterName: '/ballast/multi/rpc-urls/8453',
      },
      { ...markets[1], debtAsset: 'USD', collateralDecimals: 18, debtDecimals: 18 },
    ]);
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(2 minutes)',
      State: 'ENABLED',
      Target: Match.objectLike({ Arn: { 'Fn::GetAtt': [logicalId(indexerFn()), 'Arn'] } }),
    });
  });

  it("lets the indexer read exactly its markets' RPC SecureStrings", () => {
    const read = iamStatementsOf(template)
      .filter(
        ({ id, statement }) =>
          id === policyOf('Indexer') && [statement.Action].flat().includes('ssm:GetParameter'),
      )
      .flatMap(({ statement }) => [statement.Resource].flat().map((r) => JSON.stringify(r)));
    expect(read).toHaveLength(2);
    expect(read.some((r) => r.includes(':parameter/ballast/multi/rpc-urls/8453'))).toBe(true);
    expect(read.some((r) => r.includes(':parameter/ballast/multi/indexer-rpc/42161'))).toBe(true);
    expect(read.some((r) => r.includes('/ballast/multi/rpc-urls/42161'))).toBe(false);
  });

  it('alarms per market when the indexer lags 3 periods, or stops reporting while scheduled', () => {
    for (const market of markets) {
      const key = marketKey(market.chainId, market.address);
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: `ballast-multi-indexer-lag-${market.chainId}-${market.address.toLowerCase()}`,
        Namespace: 'Ballast',
        MetricName: 'IndexerLagBlocks',
        Dimensions: Match.arrayWith([
          { Name: 'Market', Value: key },
          { Name: 'service', Value: 'ballast-multi-indexer' },
        ]),
        Statistic: 'Maximum',
        Period: 300,
        Threshold: 120,
        EvaluationPeriods: 3,
        ComparisonOperator: 'GreaterThanThreshold',
        TreatMissingData: 'breaching',
      });
    }
  });
});

describe('a stage whose position alerts also go to a webhook', () => {
  it('hands the monitor the webhook URL and the name of its HMAC key, which only the monitor may read', () => {
    const monitorFn = stack.node.findChild('Monitor').node.findChild('Function');
    const fn = (template.toJSON() as { Resources: Record<string, { Properties: Record<string, unknown> }> })
      .Resources[logicalId(monitorFn)]!.Properties;
    expect((fn.Environment as { Variables: Record<string, unknown> }).Variables).toMatchObject({
      BALLAST_ALERT_WEBHOOK_URL: 'https://alerts.lend.ballast.test/ballast',
      BALLAST_ALERT_WEBHOOK_SECRET_PARAM: '/ballast/multi/alert-webhook-key',
    });
    const readers = iamStatementsOf(template).filter(({ statement }) =>
      JSON.stringify(statement.Resource).includes(':parameter/ballast/multi/alert-webhook-key'),
    );
    expect(readers.map((r) => r.id)).toEqual([
      logicalId(stack.node.findChild('Monitor').node.findChild('Role').node.findChild('DefaultPolicy')),
    ]);
    expect([readers[0]!.statement.Action].flat()).toContain('ssm:GetParameter');
  });
});

type Statement = { Action: string | string[]; Resource?: unknown };
function iamStatementsOf(t: Template): { id: string; statement: Statement }[] {
  return Object.entries(t.findResources('AWS::IAM::Policy')).flatMap(([id, r]) =>
    (
      r as { Properties: { PolicyDocument: { Statement: Statement[] } } }
    ).Properties.PolicyDocument.Statement.map((statement) => ({ id, statement })),
  );
}
