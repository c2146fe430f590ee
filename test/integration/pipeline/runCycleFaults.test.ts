import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createLocalPublisherContext,
  type LocalPublisherContext,
} from '../../../shared/localstack/createLocalPublisherContext.js';
import { runCycle } from '../../../shared/pipeline/runCycle.js';
import { readLatest } from '../../../shared/chain/oracle/readLatest.js';
import { riskOracleContract } from '../../../shared/chain/oracle/riskOracleContract.js';
import { startTestStack, type TestStack } from '../support/startTestStack.js';

/**
 * Whole cycles (collect → compute → publish) with venues misbehaving in the exchange simulator:
 * the cycle completes, the bad venue is excluded with its reason, and below quorum the published
 * parameters may only tighten (docs/methodology.md §2).
 */
describe('whole cycles with faulty venues', () => {
  let t: TestStack;
  let context: LocalPublisherContext;

  beforeAll(async () => {
    t = await startTestStack();
    context = createLocalPublisherContext(t.state, t.config);
  });
  const oracle = () => riskOracleContract({ address: t.state.oracle.address, runner: context.rpc.provider });
  afterAll(async () => {
    context?.close();
    await t?.stop();
  });

  it('excludes a venue quoting 5 % away and still publishes from the other four', async () => {
    t.stack.exchange.setFault('binance', 'offPrice');
    try {
      const cycle = await runCycle(context, ['BTC']);
      const [btc] = cycle.assets;
      expect(btc?.collect.venues.find((v) => v.venue === 'binance')).toMatchObject({
        ok: false,
        excludedReason: 'outlier',
      });
      expect(btc?.collect.venues.filter((v) => v.ok)).toHaveLength(4);
      expect(btc?.compute.record.flags.degraded).toBe(false);
      expect(cycle.publish.status).toBe('mined');
    } finally {
      t.stack.exchange.setFault('binance', null);
    }
  });

  it('below quorum the cycle is degraded and no parameter loosens', async () => {
    // Three of five venues fail in three different ways: two survive, quorum is three.
    const before = await readLatest(oracle(), 'BTC');
    if (before === undefined) throw new Error('BTC was published by the previous test');
    t.stack.exchange.setFault('coinbase', 'crossedBook');
    t.stack.exchange.setFault('kraken', 'truncatedJson');
    t.stack.exchange.setFault('okx', 'serverError');
    try {
      const cycle = await runCycle(context, ['BTC']);
      const [btc] = cycle.assets;
      if (btc === undefined) throw new Error('no BTC result');
      const excluded = btc.collect.venues.filter((v) => !v.ok);
      expect(excluded.map((v) => v.venue).sort()).toEqual(['coinbase', 'kraken', 'okx']);
      for (const venue of excluded) expect(venue.excludedReason).toBeTruthy();
      const { record } = btc.compute;
      expect(record.flags.degraded).toBe(true);
      expect(record.reasons.some((r) => r.stage === 'quality')).toBe(true);
      // Only-tighten: what is on-chain after the degraded cycle is never looser than before it.
      const after = await readLatest(oracle(), 'BTC');
      expect(after?.ltvBps).toBeLessThanOrEqual(before.ltvBps);
      expect(after?.ltBps).toBeLessThanOrEqual(before.ltBps);
      expect(after?.lbBps).toBeGreaterThanOrEqual(before.lbBps);
      // …and neither is what the control layer would publish from it.
      expect(record.candidate.ltvBps).toBeLessThanOrEqual(before.ltvBps);
      expect(record.candidate.ltBps).toBeLessThanOrEqual(before.ltBps);
      expect(record.candidate.lbBps).toBeGreaterThanOrEqual(before.lbBps);
      expect(['mined', 'nothing-due']).toContain(cycle.publish.status);
    } finally {
      for (const venue of ['coinbase', 'kraken', 'okx'] as const) t.stack.exchange.setFault(venue, null);
    }
  });
});
