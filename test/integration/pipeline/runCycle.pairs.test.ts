/**
 * Acceptance for pairs (docs/cross-asset.md §2) on the real local stack: a cycle run by runCycle
 * (exchange simulator → collect BTC and ETH → the ETH/BTC pair derived from their snapshots →
 * compute → the KMS-signed publisher → RiskOracle on anvil) publishes the pair in the same batch
 * as the assets; the chain holds the pair's record under the guardrails of the pair's config, and
 * `ballast verify` passes every check of that round.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { JsonRpcProvider } from 'ethers';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { assetId } from '../../../shared/chain/oracle/assetId.js';
import { guardrailsFromAssetConfig } from '../../../shared/chain/oracle/guardrailsFromAssetConfig.js';
import { readLatest } from '../../../shared/chain/oracle/readLatest.js';
import { riskOracleContract } from '../../../shared/chain/oracle/riskOracleContract.js';
import { buildAuditBundle } from '../../../shared/audit/buildAuditBundle.js';
import { checkPairDerivation } from '../../../shared/audit/checkPairDerivation.js';
import { verifyBundle } from '../../../shared/audit/verifyBundle.js';
import { registerVerifyCommand } from '../../../shared/cli/commands/verify.js';
import { loadAssetsConfigFile } from '../../../shared/cli/loadAssetsConfigFile.js';
import { parseAssetsConfig } from '../../../shared/config/parseAssetsConfig.js';
import { riskConfigOf } from '../../../shared/config/riskConfigOf.js';
import {
  createLocalPublisherContext,
  type LocalPublisherContext,
} from '../../../shared/localstack/createLocalPublisherContext.js';
import { runCycle, type CycleResult } from '../../../shared/pipeline/runCycle.js';
import { computeCorrelations } from '../../../shared/risk/crossAsset/computeCorrelations.js';
import { pairRiskInputs } from '../../../shared/risk/crossAsset/pairRiskInputs.js';
import { hashCanonical } from '../../../shared/risk/provenance/hashCanonical.js';
import { hashSchemeOf } from '../../../shared/risk/provenance/hashSchemeOf.js';
import { CURRENT_HASH_SCHEME } from '../../../shared/risk/provenance/hashSchemes.js';
import { getConfig } from '../../../shared/store/getConfig.js';
import { getRiskRecord } from '../../../shared/store/getRiskRecord.js';
import { getSnapshot } from '../../../shared/store/getSnapshot.js';
import { getStoredCorrelations } from '../../../shared/store/getStoredCorrelations.js';
import { runCliInProcess } from '../support/runCliInProcess.js';
import { startTestStack, type TestStack } from '../support/startTestStack.js';

const PAIR = 'ETH/BTC';
const shipped = loadAssetsConfigFile();
const config = parseAssetsConfig({ ...shipped, pairs: { [PAIR]: {} } }, 'test: shipped config + ETH/BTC');

let t: TestStack | undefined;
let context: LocalPublisherContext | undefined;
let cycle: CycleResult;

beforeAll(async () => {
  t = await startTestStack(config);
  context = createLocalPublisherContext(t.state, t.config);
  cycle = await runCycle(context, ['BTC', 'ETH'], [PAIR]);
}, 180_000);

afterAll(async () => {
  context?.close();
  await t?.stop();
});

describe('a pair through collect, compute, publish and verify', () => {
  it("derives the pair's inputs from the legs' snapshots of the cycle, without reading a venue again", async () => {
    const [pair] = cycle.pairs;
    expect(pair?.collect.asset).toBe(PAIR);
    const legTs = Object.fromEntries(cycle.assets.map(({ collect }) => [collect.asset, collect.ts]));
    const stored = await getSnapshot(context!.dynamo, context!.tables, PAIR, pair!.collect.ts);
    expect(stored.compact.legs).toEqual({
      collateral: { asset: 'ETH', ts: legTs.ETH, inputsHash: expect.stringMatching(/^[0-9a-f]{64}$/) },
      debt: { asset: 'BTC', ts: legTs.BTC, inputsHash: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    const [eth, btc] = await Promise.all([
      getSnapshot(context!.dynamo, context!.tables, 'ETH', legTs.ETH!),
      getSnapshot(context!.dynamo, context!.tables, 'BTC', legTs.BTC!),
    ]);
    expect(stored.compact.legs?.collateral.inputsHash).toBe(eth.inputsHash);
    // Recomputing the derivation from the stored legs gives the stored pair inputs, bit for bit.
    const derived = pairRiskInputs({ pair: PAIR, collateral: eth.inputs, debt: btc.inputs });
    expect(hashCanonical(derived, CURRENT_HASH_SCHEME)).toBe(
      hashCanonical(stored.inputs, CURRENT_HASH_SCHEME),
    );
    // The snapshot's own hash leaves the candles out: they are stored once per pair-hour.
    const { candles: _candles, ...withoutCandles } = derived;
    expect(stored.inputsHash).toBe(hashCanonical(withoutCandles, CURRENT_HASH_SCHEME));
    expect(stored.inputs.candles.length).toBeGreaterThan(24 * 90);
    expect(stored.inputs.book?.referencePrice).toBeCloseTo(
      eth.inputs.book!.referencePrice / btc.inputs.book!.referencePrice,
      12,
    );
    // The pair is liquidated by selling ETH: the same slippage as ETH's record.
    const ethRecord = cycle.assets.find(({ compute }) => compute.asset === 'ETH')!.compute.record;
    expect(pair!.compute.record.intermediate.slip).toBeCloseTo(ethRecord.intermediate.slip!, 9);
    expect(pair!.compute.record.intermediate.slipSource).toBe(ethRecord.intermediate.slipSource);
  });

  it('computes the pair with its own volatility and the pair bounds, and stores the resolved config', async () => {
    const record = cycle.pairs[0]!.compute.record;
    const ethRecord = cycle.assets.find(({ compute }) => compute.asset === 'ETH')!.compute.record;
    expect(record.asset).toBe(PAIR);
    expect(record.publish).toMatchObject({ due: true, reason: 'first' });
    // The ratio's volatility is its own, not ETH's.
    expect(record.intermediate.sigmaFast).not.toBe(ethRecord.intermediate.sigmaFast);
    const resolved = riskConfigOf(config, PAIR)!;
    expect(record.configHash).toBe(hashCanonical(resolved, hashSchemeOf(record)));
    expect(record.candidate.ltBps).toBeGreaterThanOrEqual(resolved.bounds.lt[0]);
    expect(record.candidate.ltBps).toBeLessThanOrEqual(resolved.bounds.lt[1]);
    const stored = await getRiskRecord(context!.dynamo, context!.tables, {
      asset: PAIR,
      ts: cycle.pairs[0]!.compute.ts,
    });
    // The record names its config by hash; the config is stored once, in table `configs`.
    expect(stored.config).toBeUndefined();
    expect(await getConfig(context!.dynamo, context!.tables, record.configHash)).toEqual(resolved);
    const { Items } = await context!.dynamo.doc.send(new ScanCommand({ TableName: context!.tables.configs }));
    // One per resolved config (BTC, ETH, the pair), however many records name them.
    expect(new Set(Items!.map((i) => i.configHash)).size).toBe(Items!.length);
    expect(Items!.map((i) => i.configHash)).toContain(record.configHash);
  });

  it('publishes the pair in the same batch as the assets; the chain holds its candidate under its own guardrails', async () => {
    const { publish } = cycle;
    expect(publish.status).toBe('mined');
    if (publish.status !== 'mined') return;
    expect(publish.assets.map((a) => a.asset).sort()).toEqual(['BTC', 'ETH', PAIR]);
    const provider = new JsonRpcProvider(t!.state.anvil.rpcUrl, undefined, { cacheTimeout: -1 });
    onTestFinished(() => provider.destroy());
    const target = { address: t!.state.oracle.address, runner: provider };
    const onChain = await readLatest(target, PAIR);
    const candidate = cycle.pairs[0]!.compute.record.candidate;
    expect(onChain).toMatchObject({
      asset: PAIR,
      volIndexBps: candidate.volIndexBps,
      ltvBps: candidate.ltvBps,
      ltBps: candidate.ltBps,
      lbBps: candidate.lbBps,
    });
    const g = (await riskOracleContract(target).getFunction('guardrails')(assetId(PAIR))) as Record<
      string,
      bigint
    >;
    const expected = guardrailsFromAssetConfig({
      asset: riskConfigOf(config, PAIR)!,
      cyclePeriodSeconds: config.cyclePeriodSeconds,
    });
    expect(Number(g.maxLtBps)).toBe(expected.maxLtBps);
    expect(Number(g.minLtBps)).toBe(expected.minLtBps);
    expect(Number(g.maxLtvBps)).toBe(expected.maxLtvBps);
    // The pair's LT bound is the pair's, not ETH's against USD.
    expect(expected.maxLtBps).toBeGreaterThan(config.assets.ETH!.bounds.lt[1]);
  });

  it("stores the cycle's correlations, from the same snapshots, beside the records", async () => {
    expect(cycle.correlations.status).toBe('stored');
    const stored = await getStoredCorrelations(context!.dynamo, context!.tables);
    const legTs = Object.fromEntries(cycle.assets.map(({ collect }) => [collect.asset, collect.ts]));
    expect(stored?.ts).toBe(Math.max(legTs.BTC!, legTs.ETH!));
    expect(stored?.result.assets).toEqual(['BTC', 'ETH']);
    expect(stored?.snapshots).toEqual(
      expect.arrayContaining([
        { asset: 'BTC', ts: legTs.BTC },
        { asset: 'ETH', ts: legTs.ETH },
      ]),
    );
    // The stored block is what computeCorrelations gives on the stored snapshots' candles.
    const [eth, btc] = await Promise.all([
      getSnapshot(context!.dynamo, context!.tables, 'ETH', legTs.ETH!),
      getSnapshot(context!.dynamo, context!.tables, 'BTC', legTs.BTC!),
    ]);
    const recomputed = computeCorrelations({
      candles: { BTC: btc.inputs.candles, ETH: eth.inputs.candles },
      asOf: Math.min(btc.inputs.asOf, eth.inputs.asOf),
    });
    expect(stored?.result).toEqual(recomputed);
    expect(stored?.result.correlation[0]![1]).toBeGreaterThan(-1);
  });

  it('`ballast verify` passes every check of the round that published the pair', async () => {
    expect(cycle.publish.status).toBe('mined');
    const round = cycle.publish.status === 'mined' ? String(cycle.publish.round) : '';
    const { code, stdout, stderr } = await runCliInProcess(
      [registerVerifyCommand],
      [
        'verify',
        '--round',
        round,
        '--endpoint',
        t!.state.dynamodb.endpoint,
        '--table-prefix',
        t!.state.dynamodb.tablePrefix,
        '--oracle',
        t!.state.oracle.address,
        '--chain-id',
        String(t!.state.anvil.chainId),
        '--rpc',
        t!.state.anvil.rpcUrl,
      ],
    );
    expect(stderr).toBe('');
    expect(stdout).toContain(PAIR);
    // With the store, (c) re-derives the pair's inputs from the legs' stored snapshots.
    expect(stdout).toMatch(/ETH\/BTC: derived from ETH@\d+ and BTC@\d+ as stored \(pairRiskInputs\)/);
    expect(stdout).toMatch(/=> VERIFIED/);
    expect(stdout).not.toMatch(/FAIL/);
    expect(code).toBe(0);
  });

  it('offline (a bundle, no store): check (c) says why the pair inputs are not re-derived from its legs', async () => {
    expect(cycle.publish.status).toBe('mined');
    const round = cycle.publish.status === 'mined' ? String(cycle.publish.round) : '';
    const bundle = await buildAuditBundle(context!.dynamo, context!.tables, {
      oracle: { chainId: t!.state.anvil.chainId, address: t!.state.oracle.address },
      round,
      configs: [config],
      now: Date.now(),
    });
    const result = await verifyBundle(JSON.parse(JSON.stringify(bundle)) as typeof bundle, {});
    const inputs = result.checks.find((c) => c.id === 'inputs');
    expect(inputs?.status).toBe('PASS');
    expect(inputs?.details).toContainEqual(
      expect.stringMatching(/^ETH\/BTC: not re-derived from its legs offline: .*\(without --bundle\)/),
    );
    expect(result.ok).toBe(true);
  });

  it("fails the derivation when the pair's inputs are not the ratio of its legs' stored inputs", async () => {
    const ts = cycle.pairs[0]!.collect.ts;
    const stored = await getSnapshot(context!.dynamo, context!.tables, PAIR, ts);
    const store = { dynamo: context!.dynamo, tables: context!.tables };
    const honest = await checkPairDerivation({
      pair: PAIR,
      recordTs: ts,
      inputs: stored.inputs,
      scheme: CURRENT_HASH_SCHEME,
      store,
    });
    expect(honest.ok).toBe(true);
    // One close nudged by a millionth: what a publisher forging a pair's inputs would change.
    const [first, ...rest] = stored.inputs.candles;
    const forged = {
      ...stored.inputs,
      candles: [
        [first![0], first![1], first![2], first![3], first![4] * 1.000001, first![5]] as const,
        ...rest,
      ],
    };
    const result = await checkPairDerivation({
      pair: PAIR,
      recordTs: ts,
      inputs: forged,
      scheme: CURRENT_HASH_SCHEME,
      store,
    });
    expect(result.ok).toBe(false);
    expect(result.detail).toMatch(
      /^ETH\/BTC: the ratio of its legs' stored inputs \(ETH@\d+, BTC@\d+\) hashes to [0-9a-f]{64}, the pair's inputs to [0-9a-f]{64}$/,
    );
  });
});
