/**
 * Differential property, fast-check driving anvil (300 cases in `npm test`, 1,200 under `npm run fuzz`): for any proposed batch against the
 * current on-chain state, RiskOracle v2 accepts it exactly when the reference model below does, and
 * an accepted update never leaves a parameter outside its bounds or beyond its step limit.
 *
 * Every rule is in the model: the round step (strictly above lastRound, at most MAX_ROUND_STEP
 * above it, including rounds up to 2^64 − 1), the observation window at both edges, and per asset
 * bounds, LTV ≤ LT, LT·(1 + LB) ≤ 1, steps, and the minimum interval on BLOCK time. Chain time is
 * set exactly (evm_setNextBlockTimestamp) so the model knows the block time every check runs at.
 * About one accepted case in four is sent as a real transaction, after which the on-chain
 * parameters, observation time, update time and `latestNoOlderThan` (any maxAge up to 2^256 − 1)
 * are checked against the model. Acceptance is otherwise probed with eth_call on the latest block:
 * the same code path, nothing mined, one RPC per case.
 */
import fc from 'fast-check';
import { MaxUint256, type Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assetId } from '../../shared/chain/oracle/assetId.js';
import { configureAsset } from '../../shared/chain/oracle/configureAsset.js';
import { decodeOracleError } from '../../shared/chain/oracle/decodeOracleError.js';
import { encodeBatch } from '../../shared/chain/oracle/encodeBatch.js';
import { readLatest } from '../../shared/chain/oracle/readLatest.js';
import { signBatch } from '../../shared/chain/oracle/signBatch.js';
import type { Guardrails, ParameterUpdate, RiskParams } from '../../shared/chain/oracle/types.js';
import {
  MAX_FUTURE_SKEW,
  MAX_OBSERVATION_AGE,
  TEST_GUARDRAILS,
  startOracleFixture,
  type OracleFixture,
} from './oracleFixture.js';
import { fuzzRuns } from '../fixtures/fuzzRuns.js';

/** Two guardrail sets: the default (asymmetric 25/500 bp, 60 s) and a looser, faster one. */
const GUARDRAILS: Readonly<Record<string, Guardrails>> = {
  BTC: TEST_GUARDRAILS,
  ETH: {
    minVolIndexBps: 1_000,
    maxVolIndexBps: 20_000,
    minLtvBps: 2_000,
    maxLtvBps: 8_000,
    minLtBps: 3_000,
    maxLtBps: 8_800,
    minLbBps: 300,
    maxLbBps: 2_000,
    maxLoosenBps: 100,
    maxTightenBps: 300,
    minIntervalSec: 0,
  },
};
const NUM_RUNS = fuzzRuns({ short: 300, long: 1_200 });
const MAX_ROUND_STEP = 1_000_000n;
const MAX_UINT64 = (1n << 64n) - 1n;

/** What the model tracks per asset: the latest parameters and the block time they were accepted. */
interface AssetState {
  readonly params: RiskParams;
  readonly updatedAt: number;
}

/** Reference model of the batch guard (contracts/RiskOracle.sol `submit`, before signatures). */
function modelAcceptsBatch(round: bigint, lastRound: bigint, observedAt: number, blockTime: number): boolean {
  if (round <= lastRound || round - lastRound > MAX_ROUND_STEP) return false;
  return observedAt <= blockTime + MAX_FUTURE_SKEW && observedAt + MAX_OBSERVATION_AGE >= blockTime;
}

/** Reference model of the per-asset guard (contracts/RiskOracle.sol `_checkUpdate`). */
function modelAccepts(
  g: Guardrails,
  previous: AssetState | undefined,
  u: ParameterUpdate,
  blockTime: number,
): boolean {
  const within = (v: number, min: number, max: number): boolean => v >= min && v <= max;
  if (!within(u.volIndexBps, g.minVolIndexBps, g.maxVolIndexBps)) return false;
  if (!within(u.ltvBps, g.minLtvBps, g.maxLtvBps) || !within(u.ltBps, g.minLtBps, g.maxLtBps)) return false;
  if (!within(u.lbBps, g.minLbBps, g.maxLbBps)) return false;
  if (u.ltvBps > u.ltBps || u.ltBps * (10_000 + u.lbBps) > 10_000 * 10_000) return false;
  if (previous === undefined) return true;
  // On block time: the signer-chosen observation time plays no part.
  if (blockTime < previous.updatedAt + g.minIntervalSec) return false;
  const stepOk = (prev: number, next: number, maxUp: number, maxDown: number): boolean =>
    next >= prev ? next - prev <= maxUp : prev - next <= maxDown;
  const p = previous.params;
  return (
    stepOk(p.ltvBps, u.ltvBps, g.maxLoosenBps, g.maxTightenBps) &&
    stepOk(p.ltBps, u.ltBps, g.maxLoosenBps, g.maxTightenBps) &&
    stepOk(p.lbBps, u.lbBps, g.maxTightenBps, g.maxLoosenBps)
  );
}

/**
 * A value close to the current one (around the step limits, so that many cases are accepted),
 * a larger move, or anywhere in range.
 */
const valueArb = (max: number) =>
  fc.oneof(
    {
      weight: 12,
      arbitrary: fc.record({ near: fc.constant(true), delta: fc.integer({ min: -120, max: 120 }) }),
    },
    {
      weight: 2,
      arbitrary: fc.record({ near: fc.constant(true), delta: fc.integer({ min: -700, max: 700 }) }),
    },
    { weight: 1, arbitrary: fc.record({ near: fc.constant(false), delta: fc.integer({ min: 0, max }) }) },
  );

const updateArb = fc.record({
  vi: valueArb(65_535),
  ltv: valueArb(10_000),
  lt: valueArb(10_000),
  lb: valueArb(10_000),
});

/** Round relative to lastRound: mostly the next one, sometimes a legal jump, sometimes illegal. */
const roundArb = fc.oneof(
  { weight: 16, arbitrary: fc.constant({ kind: 'next' as const, n: 1n }) },
  {
    weight: 2,
    arbitrary: fc.bigInt({ min: 2n, max: MAX_ROUND_STEP + 10n }).map((n) => ({ kind: 'jump' as const, n })),
  },
  {
    weight: 1,
    arbitrary: fc
      .bigInt({ min: MAX_ROUND_STEP - 2n, max: MAX_ROUND_STEP + 2n })
      .map((n) => ({ kind: 'jump' as const, n })),
  },
  { weight: 1, arbitrary: fc.bigInt({ min: 0n, max: 3n }).map((n) => ({ kind: 'back' as const, n })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'max' as const, n: 0n }) },
);

const caseArb = fc.record({
  /** BTC only, ETH only, or both in one batch. */
  assets: fc.constantFrom(['BTC'], ['ETH'], ['BTC', 'ETH']),
  btc: updateArb,
  eth: updateArb,
  round: roundArb,
  /** Observation time relative to the block: mostly inside the window, sometimes at or past an edge. */
  observedOffset: fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: -150, max: 0 }) },
    { weight: 1, arbitrary: fc.integer({ min: -MAX_OBSERVATION_AGE - 3, max: -MAX_OBSERVATION_AGE + 3 }) },
    { weight: 1, arbitrary: fc.integer({ min: MAX_FUTURE_SKEW - 3, max: MAX_FUTURE_SKEW + 3 }) },
    { weight: 1, arbitrary: fc.integer({ min: -MAX_OBSERVATION_AGE, max: MAX_FUTURE_SKEW }) },
  ),
  /** Chain time advanced before the case, seconds (0 most of the time). */
  advance: fc.oneof(
    { weight: 2, arbitrary: fc.constant(0) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 150 }) },
  ),
  send: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
  /** maxAge of the latestNoOlderThan check after a sent batch. */
  maxAge: fc.oneof(
    fc.constant(MaxUint256),
    fc.bigInt({ min: 0n, max: 2_000n }),
    fc.bigInt({ min: MaxUint256 - 2_000n, max: MaxUint256 }),
  ),
});

describe('RiskOracle v2 guard property (fast-check differential against anvil)', () => {
  let f: OracleFixture;
  let lastRound = 0n;
  let now = 0;
  const counts = {
    accepted: 0,
    rejected: 0,
    sent: 0,
    roundRejected: 0,
    windowRejected: 0,
    intervalRejected: 0,
  };
  const state = new Map<string, AssetState | undefined>();

  /** Mines an empty block exactly `seconds` later: the latest block time is then known. */
  const advanceTo = async (timestamp: number): Promise<void> => {
    await f.provider.send('evm_setNextBlockTimestamp', [timestamp]);
    await f.provider.send('evm_mine', []);
    now = timestamp;
  };

  beforeAll(async () => {
    f = await startOracleFixture({ assets: ['BTC'] });
    await configureAsset(f.oracle, 'ETH', GUARDRAILS.ETH as Guardrails);
    await advanceTo((await f.now()) + 1);
    // A first accepted write per asset, so most cases exercise step limits.
    await f.provider.send('evm_setNextBlockTimestamp', [now]);
    await f.submit({
      round: ++lastRound,
      observedAt: now,
      updates: [
        { asset: 'BTC', volIndexBps: 5_000, ltvBps: 7_000, ltBps: 8_000, lbBps: 500 },
        { asset: 'ETH', volIndexBps: 7_000, ltvBps: 6_500, ltBps: 7_800, lbBps: 700 },
      ],
    });
    for (const asset of ['BTC', 'ETH']) {
      const params = await readLatest(f.oracle, asset);
      if (params !== undefined) state.set(asset, { params, updatedAt: now });
    }
  });
  afterAll(async () => {
    await f?.stop();
  });

  it(`accepts exactly what the model accepts: rounds, window, block-time interval, bounds and steps (${NUM_RUNS} cases)`, async () => {
    const clamp = (v: number, max: number): number => Math.min(max, Math.max(0, v));
    const pick = (spec: { near: boolean; delta: number }, current: number, max: number): number =>
      spec.near ? clamp(current + spec.delta, max) : spec.delta;

    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        if (c.advance > 0) await advanceTo(now + c.advance);
        const updates = c.assets.map((asset): ParameterUpdate => {
          const spec = asset === 'BTC' ? c.btc : c.eth;
          const base = state.get(asset)?.params ?? { volIndexBps: 0, ltvBps: 0, ltBps: 0, lbBps: 0 };
          return {
            asset,
            volIndexBps: pick(spec.vi, base.volIndexBps, 65_535),
            ltvBps: pick(spec.ltv, base.ltvBps, 10_000),
            ltBps: pick(spec.lt, base.ltBps, 10_000),
            lbBps: pick(spec.lb, base.lbBps, 10_000),
          };
        });
        const round =
          c.round.kind === 'max'
            ? MAX_UINT64
            : c.round.kind === 'back'
              ? lastRound - c.round.n
              : lastRound + c.round.n;
        if (round < 1n) return; // the encoder refuses round 0 before anything reaches the chain
        const observedAt = now + c.observedOffset;
        const batch = { round, observedAt, updates };
        const { signatures } = await signBatch({ signers: f.signers, domain: f.domain, batch });
        const encoded = encodeBatch(batch);
        const submit = f.oracle.getFunction('submit');
        const outcome = await submit
          .staticCall(encoded.round, encoded.observedAt, encoded.updates, signatures, { blockTag: 'latest' })
          .then(
            () => 'accepted',
            (error: unknown) => decodeOracleError(error)?.name ?? String(error),
          );
        const batchOk = modelAcceptsBatch(round, lastRound, observedAt, now);
        const assetsOk = updates.every((u) =>
          modelAccepts(GUARDRAILS[u.asset] as Guardrails, state.get(u.asset), u, now),
        );
        expect(
          outcome === 'accepted',
          `${outcome} for ${JSON.stringify({ ...batch, round: String(round) })}`,
        ).toBe(batchOk && assetsOk);
        if (outcome !== 'accepted') {
          counts.rejected++;
          if (outcome === 'RoundStepTooLarge' || outcome === 'RoundNotIncreasing') counts.roundRejected++;
          if (outcome === 'ObservationTooOld' || outcome === 'ObservationInFuture') counts.windowRejected++;
          if (outcome === 'UpdateTooSoon') counts.intervalRejected++;
          return;
        }
        counts.accepted++;
        // The property itself, stated independently of the model:
        expect(round - lastRound).toBeGreaterThan(0n);
        expect(round - lastRound).toBeLessThanOrEqual(MAX_ROUND_STEP);
        for (const u of updates) {
          const g = GUARDRAILS[u.asset] as Guardrails;
          const previous = state.get(u.asset);
          expect(u.volIndexBps).toBeGreaterThanOrEqual(g.minVolIndexBps);
          expect(u.volIndexBps).toBeLessThanOrEqual(g.maxVolIndexBps);
          expect(u.ltvBps).toBeGreaterThanOrEqual(g.minLtvBps);
          expect(u.ltvBps).toBeLessThanOrEqual(g.maxLtvBps);
          expect(u.ltBps).toBeGreaterThanOrEqual(g.minLtBps);
          expect(u.ltBps).toBeLessThanOrEqual(g.maxLtBps);
          expect(u.lbBps).toBeGreaterThanOrEqual(g.minLbBps);
          expect(u.lbBps).toBeLessThanOrEqual(g.maxLbBps);
          if (previous !== undefined) {
            const p = previous.params;
            expect(now - previous.updatedAt).toBeGreaterThanOrEqual(g.minIntervalSec);
            expect(u.ltvBps - p.ltvBps).toBeLessThanOrEqual(g.maxLoosenBps);
            expect(p.ltvBps - u.ltvBps).toBeLessThanOrEqual(g.maxTightenBps);
            expect(u.ltBps - p.ltBps).toBeLessThanOrEqual(g.maxLoosenBps);
            expect(p.ltBps - u.ltBps).toBeLessThanOrEqual(g.maxTightenBps);
            expect(u.lbBps - p.lbBps).toBeLessThanOrEqual(g.maxTightenBps);
            expect(p.lbBps - u.lbBps).toBeLessThanOrEqual(g.maxLoosenBps);
          }
        }
        // Round 2^64 − 1 would end the run (no later round exists): probed, never sent.
        if (!c.send || round === MAX_UINT64) return;
        await f.provider.send('evm_setNextBlockTimestamp', [now]); // mined at the probed block time
        await f.submit(batch, f.signers as Wallet[]);
        counts.sent++;
        lastRound = round;
        expect(await f.oracle.getFunction('lastRound')()).toBe(round);
        for (const u of updates) {
          const stored = await readLatest(f.oracle, u.asset);
          expect(stored).toEqual({ ...u, observedAt }); // the signed observation time, exactly
          expect(await f.oracle.getFunction('lastUpdatedAt')(assetId(u.asset))).toBe(BigInt(now));
          state.set(u.asset, { params: stored as RiskParams, updatedAt: now });
          const age = BigInt(Math.max(0, now - observedAt));
          const fresh = await f.oracle
            .getFunction('latestNoOlderThan')(assetId(u.asset), c.maxAge, { blockTag: 'latest' })
            .then(
              () => true,
              (error: unknown) => {
                expect(decodeOracleError(error)?.name).toBe('StaleParameters');
                return false;
              },
            );
          expect(fresh).toBe(age <= c.maxAge);
        }
      }),
      { numRuns: NUM_RUNS, endOnFailure: true, seed: 17 },
    );
    // Nothing else changed the chain: the tracked state is the on-chain state.
    for (const asset of ['BTC', 'ETH'])
      expect(await readLatest(f.oracle, asset)).toEqual(state.get(asset)?.params);
    // The generator must reach every outcome often, or the property proves little (the floors scale
    // with the case count: at 1,200 cases, 20 sent and 10 of each rejection).
    expect(counts.accepted).toBeGreaterThan(NUM_RUNS / 10);
    expect(counts.rejected).toBeGreaterThan(NUM_RUNS / 10);
    expect(counts.sent).toBeGreaterThan(NUM_RUNS / 60);
    expect(counts.roundRejected).toBeGreaterThan(NUM_RUNS / 120);
    expect(counts.windowRejected).toBeGreaterThan(NUM_RUNS / 120);
    expect(counts.intervalRejected).toBeGreaterThan(NUM_RUNS / 120);
  });
});
