/**
 * Pairs on-chain (docs/cross-asset.md §2): a pair `C/D` is published exactly like an asset, under
 * the id `bytes32("C/D")`, with its own guardrails (derived from the pair's resolved config). The
 * contract needs no pair entry point: bounds, steps and the minimum interval are enforced per id,
 * so the pair's wider LT bound never loosens its collateral's, nor the reverse.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { configureAssets } from '../../shared/chain/oracle/configureAssets.js';
import { guardrailsFromAssetConfig } from '../../shared/chain/oracle/guardrailsFromAssetConfig.js';
import { readLatest } from '../../shared/chain/oracle/readLatest.js';
import type { OracleBatch, ParameterUpdate } from '../../shared/chain/oracle/types.js';
import { loadAssetsConfigFile } from '../../shared/cli/loadAssetsConfigFile.js';
import { parseAssetsConfig } from '../../shared/config/parseAssetsConfig.js';
import { riskConfigOf } from '../../shared/config/riskConfigOf.js';
import { expectOracleError, startOracleFixture, type OracleFixture } from './oracleFixture.js';

const config = parseAssetsConfig({ ...loadAssetsConfigFile(), pairs: { 'ETH/BTC': {} } }, 'test');
const MIN_INTERVAL = 60;
const guardrailsOf = (id: string) => ({
  ...guardrailsFromAssetConfig({
    asset: riskConfigOf(config, id)!,
    cyclePeriodSeconds: config.cyclePeriodSeconds,
  }),
  minIntervalSec: MIN_INTERVAL,
});
const PAIR = guardrailsOf('ETH/BTC');
const ETH_G = guardrailsOf('ETH');

const ETH: ParameterUpdate = { asset: 'ETH', volIndexBps: 6_000, ltvBps: 8_000, ltBps: 8_800, lbBps: 500 };
/** LT above ETH's own maximum (9000), inside the pair's (9700). */
const ETH_BTC: ParameterUpdate = {
  asset: 'ETH/BTC',
  volIndexBps: 2_500,
  ltvBps: 9_000,
  ltBps: 9_400,
  lbBps: 300,
};

describe('RiskOracle with a pair configured beside its legs', () => {
  let f: OracleFixture;
  let snapshotId: string;
  let round = 0n;
  const batchAt = async (updates: ParameterUpdate[]): Promise<OracleBatch> => ({
    round: ++round,
    observedAt: await f.now(),
    updates,
  });

  beforeAll(async () => {
    f = await startOracleFixture();
    await configureAssets(f.oracle, { BTC: guardrailsOf('BTC'), ETH: ETH_G, 'ETH/BTC': PAIR });
  });
  afterAll(async () => {
    await f?.stop();
  });
  beforeEach(async () => {
    snapshotId = await f.snapshot();
    round = 0n;
  });
  afterEach(async () => {
    await f.revert(snapshotId);
  });

  it("holds the pair's own guardrails: wider LT bounds than its collateral's", async () => {
    expect(PAIR.maxLtBps).toBeGreaterThan(ETH_G.maxLtBps);
    const g = (await f.oracle.getFunction('guardrails')(
      '0x4554482f42544300000000000000000000000000000000000000000000000000',
    )) as Record<string, bigint>;
    expect(Number(g.maxLtBps)).toBe(PAIR.maxLtBps);
    expect(Number(g.maxLtvBps)).toBe(PAIR.maxLtvBps);
    expect(Number(g.maxTightenBps)).toBe(PAIR.maxTightenBps);
  });

  it('accepts the pair in the same batch as the assets, sorted by id, and serves it by its id', async () => {
    // "ETH" < "ETH/BTC" as bytes32: the pair follows its collateral.
    const receipt = await f.submit(await batchAt([ETH, ETH_BTC]));
    expect(receipt.status).toBe(1);
    const observedAt = (await f.provider.getBlock(receipt.blockNumber))!.timestamp;
    expect(await readLatest(f.oracle, 'ETH/BTC')).toMatchObject({ ...ETH_BTC });
    expect((await readLatest(f.oracle, 'ETH/BTC'))!.observedAt).toBeLessThanOrEqual(observedAt);
    expect(await readLatest(f.oracle, 'ETH')).toMatchObject({ ...ETH });
  });

  it("refuses the pair's LT above the pair's bound, and the asset's LT above the asset's", async () => {
    let args = await expectOracleError(
      f.submit(await batchAt([{ ...ETH_BTC, ltBps: PAIR.maxLtBps + 1 }])),
      'ParameterOutOfBounds',
    );
    expect(args).toMatchObject({
      asset: 'ETH/BTC',
      param: 'ltBps',
      value: String(PAIR.maxLtBps + 1),
      max: String(PAIR.maxLtBps),
    });
    // The same LT the pair may carry is out of bounds for ETH against USD.
    args = await expectOracleError(
      f.submit(await batchAt([{ ...ETH, ltvBps: 8_000, ltBps: ETH_BTC.ltBps, lbBps: 300 }])),
      'ParameterOutOfBounds',
    );
    expect(args).toMatchObject({ asset: 'ETH', param: 'ltBps', max: String(ETH_G.maxLtBps) });
  });

  it("enforces the pair's step limits and minimum interval on block time", async () => {
    await f.submit(await batchAt([ETH_BTC]));
    let args = await expectOracleError(
      f.submit(await batchAt([{ ...ETH_BTC, ltBps: ETH_BTC.ltBps - 1 }])),
      'UpdateTooSoon',
    );
    expect(args.asset).toBe('ETH/BTC');
    await f.advance(MIN_INTERVAL);
    args = await expectOracleError(
      f.submit(
        await batchAt([
          {
            ...ETH_BTC,
            ltvBps: ETH_BTC.ltvBps - PAIR.maxTightenBps,
            ltBps: ETH_BTC.ltBps - PAIR.maxTightenBps - 1,
          },
        ]),
      ),
      'StepTooLarge',
    );
    expect(args).toMatchObject({ asset: 'ETH/BTC', param: 'ltBps', maxStep: String(PAIR.maxTightenBps) });
    // Exactly at the limit is accepted.
    const ok = await f.submit(
      await batchAt([
        {
          ...ETH_BTC,
          ltvBps: ETH_BTC.ltvBps - PAIR.maxTightenBps,
          ltBps: ETH_BTC.ltBps - PAIR.maxTightenBps,
        },
      ]),
    );
    expect(ok.status).toBe(1);
  });

  it('refuses a pair that is not configured, naming it', async () => {
    const args = await expectOracleError(
      f.submit(await batchAt([{ ...ETH_BTC, asset: 'SOL/BTC' }])),
      'AssetNotConfigured',
    );
    expect(args.asset).toBe('SOL/BTC');
  });
});
