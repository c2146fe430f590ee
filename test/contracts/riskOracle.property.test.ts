/**
 * Property, fast-check driving anvil (1,200 cases): for any proposed update against the current
 * on-chain state, RiskOracle accepts it exactly when the reference model does, and an accepted
 * update never leaves a parameter outside its bounds or beyond its step limit.
 *
 * The state evolves: about one accepted case in four is sent as a real transaction, after which
 * the on-chain parameters are read back and become the state the next cases start from (chain
 * time likewise). Acceptance itself is probed with eth_call: the same code path as a transaction,
 * nothing mined, one RPC per case, which keeps 1,200 cases within seconds.
 */
import fc from 'fast-check';
import type { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureAsset } from '../../shared/chain/oracle/configureAsset.js';
import { encodeBatch } from '../../shared/chain/oracle/encodeBatch.js';
import { readLatest } from '../../shared/chain/oracle/readLatest.js';
import { signBatch } from '../../shared/chain/oracle/signBatch.js';
import type { Guardrails, ParameterUpdate, RiskParams } from '../../shared/chain/oracle/types.js';
import { TEST_GUARDRAILS, startOracleFixture, type OracleFixture } from './oracleFixture.js';

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
const NUM_RUNS = 1_200;

/** Reference model of the per-asset guard (contracts/RiskOracle.sol `_checkUpdate`). */
function modelAccepts(
  g: Guardrails,
  previous: RiskParams | undefined,
  u: ParameterUpdate,
  observedAt: number,
): boolean {
  const within = (v: number, min: number, max: number): boolean => v >= min && v <= max;
  if (!within(u.volIndexBps, g.minVolIndexBps, g.maxVolIndexBps)) return false;
  if (!within(u.ltvBps, g.minLtvBps, g.maxLtvBps) || !within(u.ltBps, g.minLtBps, g.maxLtBps)) return false;
  if (!within(u.lbBps, g.minLbBps, g.maxLbBps)) return false;
  if (u.ltvBps > u.ltBps || u.ltBps * (10_000 + u.lbBps) > 10_000 * 10_000) return false;
  if (previous === undefined) return true;
  if (observedAt < previous.observedAt + g.minIntervalSec) return false;
  const stepOk = (prev: number, next: number, maxUp: number, maxDown: number): boolean =>
    next >= prev ? next - prev <= maxUp : prev - next <= maxDown;
  return (
    stepOk(previous.ltvBps, u.ltvBps, g.maxLoosenBps, g.maxTightenBps) &&
    stepOk(previous.ltBps, u.ltBps, g.maxLoosenBps, g.maxTightenBps) &&
    stepOk(previous.lbBps, u.lbBps, g.maxTightenBps, g.maxLoosenBps)
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

const caseArb = fc.record({
  asset: fc.constantFrom('BTC', 'ETH'),
  vi: valueArb(65_535),
  ltv: valueArb(10_000),
  lt: valueArb(10_000),
  lb: valueArb(10_000),
  /** Observation time relative to the latest block (always inside the age/skew window). */
  observedOffset: fc.integer({ min: -150, max: 0 }),
  /** Chain time advanced before the case, seconds (0 most of the time). */
  advance: fc.oneof(
    { weight: 2, arbitrary: fc.constant(0) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 150 }) },
  ),
  send: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
});

describe('RiskOracle guard property (fast-check on anvil)', () => {
  let f: OracleFixture;
  let round = 0n;
  const counts = { accepted: 0, rejected: 0, sent: 0 };

  const state = new Map<string, RiskParams | undefined>();
  let now = 0;

  beforeAll(async () => {
    f = await startOracleFixture({ assets: ['BTC'] });
    await configureAsset(f.oracle, 'ETH', GUARDRAILS.ETH as Guardrails);
    // A first accepted write per asset, so most cases exercise step limits.
    await f.submit({
      round: ++round,
      observedAt: await f.now(),
      updates: [
        { asset: 'BTC', volIndexBps: 5_000, ltvBps: 7_000, ltBps: 8_000, lbBps: 500 },
        { asset: 'ETH', volIndexBps: 7_000, ltvBps: 6_500, ltBps: 7_800, lbBps: 700 },
      ],
    });
    for (const asset of ['BTC', 'ETH']) state.set(asset, await readLatest(f.oracle, asset));
    now = await f.now();
  });
  afterAll(async () => {
    await f?.stop();
  });

  it(`accepts exactly what the model accepts; accepted values stay in bounds and step limits (${NUM_RUNS} cases)`, async () => {
    const clamp = (v: number, max: number): number => Math.min(max, Math.max(0, v));
    const pick = (spec: { near: boolean; delta: number }, current: number, max: number): number =>
      spec.near ? clamp(current + spec.delta, max) : spec.delta;

    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        if (c.advance > 0) {
          await f.advance(c.advance);
          now = await f.now();
        }
        const g = GUARDRAILS[c.asset] as Guardrails;
        const previous = state.get(c.asset);
        const base = previous ?? { volIndexBps: 0, ltvBps: 0, ltBps: 0, lbBps: 0 };
        const update: ParameterUpdate = {
          asset: c.asset,
          volIndexBps: pick(c.vi, base.volIndexBps, 65_535),
          ltvBps: pick(c.ltv, base.ltvBps, 10_000),
          ltBps: pick(c.lt, base.ltBps, 10_000),
          lbBps: pick(c.lb, base.lbBps, 10_000),
        };
        const observedAt = now + c.observedOffset;
        const batch = { round: ++round, observedAt, updates: [update] };
        const { signatures } = await signBatch({ signers: f.signers, domain: f.domain, batch });
        const encoded = encodeBatch(batch);
        const submit = f.oracle.getFunction('submit');
        const accepted = await submit
          .staticCall(encoded.round, encoded.observedAt, encoded.updates, signatures)
          .then(
            () => true,
            () => false,
          );
        expect(accepted).toBe(modelAccepts(g, previous, update, observedAt));
        if (!accepted) {
          counts.rejected++;
          return;
        }
        counts.accepted++;
        // The property itself, stated independently of the model:
        expect(update.volIndexBps).toBeGreaterThanOrEqual(g.minVolIndexBps);
        expect(update.volIndexBps).toBeLessThanOrEqual(g.maxVolIndexBps);
        expect(update.ltvBps).toBeGreaterThanOrEqual(g.minLtvBps);
        expect(update.ltvBps).toBeLessThanOrEqual(g.maxLtvBps);
        expect(update.ltBps).toBeGreaterThanOrEqual(g.minLtBps);
        expect(update.ltBps).toBeLessThanOrEqual(g.maxLtBps);
        expect(update.lbBps).toBeGreaterThanOrEqual(g.minLbBps);
        expect(update.lbBps).toBeLessThanOrEqual(g.maxLbBps);
        if (previous !== undefined) {
          expect(update.ltvBps - previous.ltvBps).toBeLessThanOrEqual(g.maxLoosenBps);
          expect(previous.ltvBps - update.ltvBps).toBeLessThanOrEqual(g.maxTightenBps);
          expect(update.ltBps - previous.ltBps).toBeLessThanOrEqual(g.maxLoosenBps);
          expect(previous.ltBps - update.ltBps).toBeLessThanOrEqual(g.maxTightenBps);
          expect(update.lbBps - previous.lbBps).toBeLessThanOrEqual(g.maxTightenBps);
          expect(previous.lbBps - update.lbBps).toBeLessThanOrEqual(g.maxLoosenBps);
        }
        if (c.send) {
          await f.submit(batch, f.signers as Wallet[]);
          counts.sent++;
          const stored = await readLatest(f.oracle, c.asset);
          expect(stored).toEqual({ ...update, observedAt });
          state.set(c.asset, stored);
          now = await f.now();
        }
      }),
      { numRuns: NUM_RUNS, endOnFailure: true },
    );
    // Nothing else changed the chain: the tracked state is the on-chain state.
    for (const asset of ['BTC', 'ETH']) expect(await readLatest(f.oracle, asset)).toEqual(state.get(asset));
    // The generator must reach both outcomes often, or the property proves little.
    expect(counts.accepted).toBeGreaterThan(NUM_RUNS / 10);
    expect(counts.rejected).toBeGreaterThan(NUM_RUNS / 10);
    expect(counts.sent).toBeGreaterThan(20);
  });
});
