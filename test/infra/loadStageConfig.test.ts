import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StageConfigError } from '../../infra/config/errors.js';
import { loadStageConfig } from '../../infra/config/loadStageConfig.js';
import { REPO_ROOT } from './synthForTest.js';

const dir = mkdtempSync(join(tmpdir(), 'ballast-stage-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const valid = {
  stage: 'qa',
  assetsConfigPath: 'shared/config/assets.default.json',
  scheduleRateMinutes: 5,
  signingKeys: ['k1'],
  activeSigningKey: 'k1',
  scheduleEnabled: true,
  chains: [
    {
      name: 'base',
      chainId: 8453,
      oracleAddress: '0x1111111111111111111111111111111111111111',
      rpcUrlsParameterName: '/ballast/qa/rpc-urls/8453',
      minSignerBalanceEth: 0.1,
    },
  ],
  distributedMapThreshold: 40,
  mapMaxConcurrency: 10,
  logRetentionDays: 30,
  customerManagedTableKey: false,
  api: { rateLimit: 10, burstLimit: 20 },
  stalenessGraceSeconds: 900,
  pendingTxAlarmSeconds: 600,
  keyAdminRoleName: 'BallastKeyAdmin',
  alarmSubscriptions: { emails: ['oncall@ops.ballast.test'], https: ['https://hooks.ops.ballast.test/sns'] },
  publisherCodeSigning: { mode: 'Warn' },
};

function load(overrides: Record<string, unknown>, stage = 'qa'): ReturnType<typeof loadStageConfig> {
  writeFileSync(join(dir, `${stage}.json`), JSON.stringify({ ...valid, stage, ...overrides }));
  return loadStageConfig({ stage, repoRoot: REPO_ROOT, configDir: dir });
}

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(StageConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a StageConfigError');
}

describe('loadStageConfig', () => {
  it('loads the shipped stages with the assets config validated and defaults applied', () => {
    for (const stage of ['dev', 'prod']) {
      const { stage: config, assets, assetNames } = loadStageConfig({ stage, repoRoot: REPO_ROOT });
      expect(config.stage).toBe(stage);
      expect(assetNames.length).toBeGreaterThan(0);
      expect(assets.assets[assetNames[0]!]!.heartbeatSeconds).toBeGreaterThan(0);
    }
  });

  it('loads a valid file', () => {
    expect(load({}).stage.chains[0]!.chainId).toBe(8453);
  });

  it('names the unknown stage and the known ones', () => {
    load({});
    expect(messageOf(() => loadStageConfig({ stage: 'nope', repoRoot: REPO_ROOT, configDir: dir }))).toMatch(
      /stage "nope" has no config file .*nope\.json[\s\S]*fix: use one of: qa/,
    );
  });

  it('refuses a chain that selects an asset the assets config lacks', () => {
    expect(messageOf(() => load({ chains: [{ ...valid.chains[0], assets: ['BTC', 'DOGE'] }] }))).toMatch(
      /chains\.0\.assets\.1: "DOGE" is not in the assets config; allowed: BTC, ETH/,
    );
  });

  it('names the invalid field and what is allowed', () => {
    const message = messageOf(() =>
      load({ chains: [{ ...valid.chains[0], oracleAddress: '0x12' }], logRetentionDays: 10 }),
    );
    expect(message).toContain('chains.0.oracleAddress: an EVM address is 0x followed by 40 hex digits');
    expect(message).toContain('logRetentionDays');
  });

  it('rejects a schedule that disagrees with the assets cycle period', () => {
    expect(messageOf(() => load({ scheduleRateMinutes: 10 }))).toMatch(
      /scheduleRateMinutes is 10 \(600 s\) but .* has cyclePeriodSeconds 300/,
    );
  });

  it('refuses to enable the schedule before the contract address is set', () => {
    expect(
      messageOf(() => load({ chains: [{ ...valid.chains[0], oracleAddress: `0x${'0'.repeat(40)}` }] })),
    ).toContain('scheduleEnabled: the schedule cannot be enabled while a chain has the zero oracleAddress');
  });

  it('requires the active signing key to be one of the keys', () => {
    expect(messageOf(() => load({ activeSigningKey: 'k2' }))).toContain(
      'activeSigningKey: activeSigningKey must be one of signingKeys',
    );
  });

  it('follows no lending market by default, and checks each market it is given, naming the field', () => {
    expect(load({}).stage.positions).toEqual({ markets: [], indexerRateMinutes: 1, lagAlarmBlocks: 50 });
    const market = { chainId: 8453, address: `0x${'a1'.repeat(20)}`, startBlock: 7, collateralAsset: 'ETH' };
    expect(load({ positions: { markets: [market] } }).stage.positions.markets[0]).toMatchObject({
      ...market,
      confirmations: 0,
      debtAsset: 'USD',
    });
    const message = messageOf(() =>
      load({
        positions: {
          markets: [
            { ...market, chainId: 10, address: `0x${'0'.repeat(40)}` },
            { ...market, startBlock: -1, confirmations: 999 },
          ],
          indexerRateMinutes: 0,
        },
      }),
    );
    expect(message).toContain('positions.markets.0.address: the zero address is not a market');
    expect(message).toContain('positions.markets.1.startBlock');
    expect(message).toContain('positions.markets.1.confirmations');
    expect(message).toContain('positions.indexerRateMinutes');
    expect(messageOf(() => load({ positions: { markets: [{ ...market, chainId: 10 }] } }))).toContain(
      "positions.markets.0.chainId: chain 10 is not one of the stage's chains (8453)",
    );
    expect(
      messageOf(() => load({ positions: { markets: [{ ...market, collateralAsset: 'DOGE' }] } })),
    ).toMatch(
      /positions\.markets\.0\.collateralAsset: "DOGE" is not an asset of shared\/config\/assets\.default\.json[\s\S]*fix: use one of BTC, ETH/,
    );
  });

  it('rejects unknown fields (typos do not pass silently)', () => {
    expect(messageOf(() => load({ scheduleRate: 5 }))).toContain('scheduleRate');
  });

  it('reports an invalid assets config with its path', () => {
    writeFileSync(
      join(dir, 'bad-assets.json'),
      JSON.stringify({ cyclePeriodSeconds: 300, assets: { btc: {} } }),
    );
    expect(messageOf(() => load({ assetsConfigPath: join(dir, 'bad-assets.json') }))).toMatch(
      /bad-assets\.json is invalid/,
    );
  });

  it('reports a file that is not JSON', () => {
    writeFileSync(join(dir, 'broken.json'), '{ "stage": ');
    expect(
      messageOf(() => loadStageConfig({ stage: 'broken', repoRoot: REPO_ROOT, configDir: dir })),
    ).toMatch(/broken\.json is not valid JSON/);
  });

  it('requires someone to receive the alarms, and refuses placeholder or keyed subscriptions', () => {
    expect(messageOf(() => load({ alarmSubscriptions: { emails: [], https: [] } }))).toContain(
      'alarmSubscriptions: subscribe at least one e-mail address or HTTPS endpoint',
    );
    expect(messageOf(() => load({ alarmSubscriptions: { emails: ['not-an-address'] } }))).toContain(
      'alarmSubscriptions.emails.0: an alarm e-mail must be an address',
    );
    expect(
      messageOf(() => load({ alarmSubscriptions: { https: ['http://hooks.ops.ballast.test/sns'] } })),
    ).toContain('alarmSubscriptions.https.0: an alarm webhook must be an https:// URL');
    expect(
      messageOf(() =>
        load({ alarmSubscriptions: { https: ['https://hooks.ops.ballast.test/sns?token=abc'] } }),
      ),
    ).toContain('must not carry a key or token in its query');
    expect(messageOf(() => load({ alarmSubscriptions: { emails: ['oncall@example.com'] } }))).toContain(
      'alarmSubscriptions.emails: the schedule cannot be enabled while alarms go to a placeholder',
    );
    // Only e-mail, or only a webhook, is enough.
    expect(
      load({ alarmSubscriptions: { https: ['https://hooks.ops.ballast.test/sns'] } }).stage
        .alarmSubscriptions,
    ).toEqual({
      emails: [],
      https: ['https://hooks.ops.ballast.test/sns'],
    });
  });

  it('requires a key admin role name and a valid publisher code-signing mode', () => {
    expect(messageOf(() => load({ keyAdminRoleName: undefined }))).toContain('keyAdminRoleName');
    expect(messageOf(() => load({ keyAdminRoleName: 'has spaces' }))).toContain('an IAM role name');
    expect(messageOf(() => load({ publisherCodeSigning: { mode: 'Enforce' } }))).toContain(
      'publisherCodeSigning.signedPublisherCode',
    );
    expect(
      load({
        publisherCodeSigning: {
          mode: 'Enforce',
          signedPublisherCode: { bucket: 'ballast-signed', key: 'p.zip' },
        },
      }).stage.publisherCodeSigning.mode,
    ).toBe('Enforce');
  });
});
