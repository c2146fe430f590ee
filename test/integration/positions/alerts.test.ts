/**
 * Position alerts on the real local stack (anvil, DynamoDB Local, the KMS endpoint, the exchange
 * simulator) with a webhook receiver on 127.0.0.1: borrowers open debts at a range of health
 * factors, a scripted price shock moves the market, and after each cycle the monitor computes every
 * position's health, stores the near-edge ones, and alerts once per state change. Each expectation
 * is recomputed here from the market's own state (`positionOf`), the chain's LT, the cycle's
 * records and prices: never from the monitor's output. Time is injected (a fixed clock, and a sleep
 * that records the backoff waits and returns at once): nothing here waits on the wall clock.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { Contract, formatEther, getAddress, JsonRpcProvider } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRiskOracleArtifact } from '../../../shared/chain/oracle/loadRiskOracleArtifact.js';
import { readLatest } from '../../../shared/chain/oracle/readLatest.js';
import type { AssetsConfig } from '../../../shared/config/assetsConfig.js';
import {
  createLocalPublisherContext,
  type LocalPublisherContext,
} from '../../../shared/localstack/createLocalPublisherContext.js';
import { tendExampleMarket } from '../../../shared/localstack/exampleMarket/tendExampleMarket.js';
import type { MonitorContext } from '../../../shared/positions/monitor/MonitorContext.js';
import { runMonitor } from '../../../shared/positions/monitor/runMonitor.js';
import { marketKey } from '../../../shared/positions/marketKey.js';
import { runCycle, type CycleResult } from '../../../shared/pipeline/runCycle.js';
import type { AlertMessage, AlertState } from '../../../shared/store/AlertMessage.js';
import { getLatestPositionHealth } from '../../../shared/store/getLatestPositionHealth.js';
import { listAlertEntries } from '../../../shared/store/listAlertEntries.js';
import { redriveDeadLetter } from '../../../shared/store/redriveDeadLetter.js';
import { startAlertReceiver, type AlertReceiver, type ReceivedAlert } from '../support/startAlertReceiver.js';
import { startTestStack, type TestStack } from '../support/startTestStack.js';

const SECRET = 'test-webhook-secret-0123456789abcdef';
/** The receiver's replay window, s (docs/positions.md). */
const REPLAY_WINDOW_S = 300;
const ALERT_LEVEL = 1.1;
/** As in roundImpact.test.ts: a 6.7 % drop and a 300 bp LT cut make the 1.09 position cross 1. */
const SHOCK = -0.067;
const LT_CUT_BPS = 300;
/** Then a rise that lifts every position well clear of its alert level. */
const RECOVERY = 0.3;

interface Seen {
  readonly id: string;
  readonly collateral: number;
  readonly debt: number;
}

/** The alert state a position should be in: the definition in docs/positions.md, written out here. */
function expectedState(hf: number, hfNext: number): AlertState {
  if (hf < 1) return 'liquidatable';
  if (hfNext < 1) return 'liquidatable-next';
  if (Math.min(hf, hfNext) < ALERT_LEVEL) return 'below-alert';
  return 'ok';
}

/** The receiver's check, as docs/positions.md tells receivers to do it. */
function verified(request: ReceivedAlert, nowSeconds: number): AlertMessage {
  const timestamp = Number(request.headers['ballast-timestamp']);
  expect(Math.abs(nowSeconds - timestamp)).toBeLessThanOrEqual(REPLAY_WINDOW_S);
  const expected = Buffer.from(
    `v1=${createHmac('sha256', SECRET).update(`${timestamp}.${request.body}`).digest('hex')}`,
  );
  const given = Buffer.from(String(request.headers['ballast-signature']));
  expect(given.length === expected.length && timingSafeEqual(given, expected)).toBe(true);
  const message = JSON.parse(request.body) as AlertMessage;
  expect(request.headers['ballast-alert-id']).toBe(message.id);
  expect(request.headers['content-type']).toBe('application/json');
  return message;
}

describe('position alerts on the example market (local stack)', () => {
  let t: TestStack;
  let context: LocalPublisherContext;
  let provider: JsonRpcProvider;
  let receiver: AlertReceiver;
  let lending: Contract;
  /** The injected clock, ms: a fixed instant per monitor run. */
  let clock = 0;
  const waits: number[] = [];

  beforeAll(async () => {
    t = await startTestStack();
    context = createLocalPublisherContext(t.state, t.config);
    provider = new JsonRpcProvider(t.state.anvil.rpcUrl, undefined, { cacheTimeout: -1 });
    receiver = await startAlertReceiver();
    const market = t.state.market;
    if (market === undefined) throw new Error('the local stack deployed no example market');
    lending = new Contract(
      market.address,
      loadRiskOracleArtifact('ExampleLendingMarket').abi as never,
      provider,
    );
  });
  afterAll(async () => {
    await receiver?.close();
    provider?.destroy();
    context?.close();
    await t?.stop();
  });

  const monitorContext = (overrides: Partial<MonitorContext> = {}): MonitorContext => ({
    dynamo: context.dynamo,
    tables: context.tables,
    now: () => clock,
    sleep: async (ms) => {
      waits.push(ms);
    },
    webhook: { url: receiver.url, secret: SECRET },
    ...overrides,
  });
  const records = (cycle: CycleResult) => cycle.records.map(({ asset, ts }) => ({ asset, ts }));
  const refPrice = (cycle: CycleResult): number => {
    const price = cycle.assets.find((a) => a.compute.asset === 'ETH')?.collect.referencePrice;
    if (price === null || price === undefined) throw new Error('no ETH reference price');
    return price;
  };
  const tend = (referencePrice: number | null) => {
    const market = t.state.market;
    if (market === undefined) throw new Error('no example market');
    return tendExampleMarket({
      provider,
      chainId: t.state.anvil.chainId,
      oracleAddress: t.state.oracle.address,
      market,
      referencePrice,
      dynamo: context.dynamo,
      tables: context.tables,
    });
  };
  /** The borrowers' positions as the market holds them, with their monitor ids. */
  const positions = async (): Promise<Seen[]> => {
    const market = t.state.market;
    if (market === undefined) throw new Error('no example market');
    const source = marketKey(t.state.anvil.chainId, market.address);
    return Promise.all(
      market.borrowers.map(async (account) => {
        const [collateral, debt] = (await lending.getFunction('positionOf')(account)) as [bigint, bigint];
        return {
          id: `${source}/${getAddress(account)}`,
          collateral: Number(formatEther(collateral)),
          debt: Number(formatEther(debt)),
        };
      }),
    );
  };
  /** Expected state per position id, from the chain's LT, the next candidate LT and the price. */
  const expectedStates = async (
    cycle: CycleResult,
    seen: readonly Seen[],
  ): Promise<Map<string, AlertState>> => {
    const onChain = await readLatest({ address: t.state.oracle.address, runner: provider }, 'ETH');
    if (onChain === undefined) throw new Error('ETH is not on-chain');
    const next = cycle.assets.find((a) => a.compute.asset === 'ETH')?.compute.record?.candidate.ltBps;
    if (next === undefined) throw new Error('no ETH record in the cycle');
    const price = refPrice(cycle);
    const states = new Map<string, AlertState>();
    for (const p of seen) {
      if (p.debt === 0) states.set(p.id, 'ok');
      else
        states.set(
          p.id,
          expectedState(
            (p.collateral * price * onChain.ltBps) / 10_000 / p.debt,
            (p.collateral * price * next) / 10_000 / p.debt,
          ),
        );
    }
    return states;
  };
  /** What the receiver got since `from`, verified and decoded. */
  const deliveredSince = (from: number): AlertMessage[] =>
    receiver.received.slice(from).map((r) => verified(r, Math.floor(clock / 1000)));
  const cycleAt = async (config?: AssetsConfig): Promise<CycleResult> => {
    await provider.send('evm_increaseTime', [2]);
    return runCycle(config === undefined ? context : { ...context, config }, ['BTC', 'ETH']);
  };

  let states = new Map<string, AlertState>();
  let lastCycle: CycleResult;

  it('alerts each seeded position below its alert level, once, signed', async () => {
    expect((await tend(null)).indexed).toBe(6);
    const first = await cycleAt();
    expect(first.publish.status).toBe('mined');
    clock = first.records[0]!.ts + 60_000;
    // No debt yet: every position ok, nothing to say.
    const quiet = await runMonitor(monitorContext(), { records: records(first) });
    expect(quiet).toMatchObject({
      positions: 6,
      evaluated: 0,
      transitions: 0,
      delivered: 0,
      channels: ['webhook'],
    });
    expect(receiver.received).toHaveLength(0);

    const seeded = await tend(refPrice(first));
    expect(seeded.seeded).toHaveLength(6);
    const seen = await positions();
    const expected = await expectedStates(first, seen);
    const alerted = [...expected].filter(([, s]) => s !== 'ok');
    expect(alerted.length).toBeGreaterThanOrEqual(1);
    expect(alerted.length).toBeLessThan(6);

    clock += 60_000;
    // A run whose time is almost up (the Lambda's remaining time, injected) writes one state change,
    // then stops before the next and before any delivery; the next run finishes the work.
    const left = [60_000, 10_000];
    const short = await runMonitor(monitorContext({ remainingMs: () => left.shift() ?? 0 }), {
      records: records(first),
    });
    expect(short).toMatchObject({ transitions: 1, delivered: 0, pending: 1, stoppedEarly: true });
    expect(receiver.received).toHaveLength(0);
    const run = await runMonitor(monitorContext(), { records: records(first) });
    expect(run).toMatchObject({
      transitions: alerted.length - 1,
      delivered: alerted.length,
      deadLettered: 0,
      pending: 0,
      stoppedEarly: false,
    });
    const messages = deliveredSince(0);
    expect(messages.map((m) => m.id).sort()).toEqual(alerted.map(([id]) => `${id}#1`).sort());
    for (const m of messages) {
      expect(m).toMatchObject({
        type: 'ballast.position.alert',
        previousState: 'ok',
        state: expected.get(m.position),
      });
      expect(Number(receiver.received.find((r) => r.body.includes(m.id))?.headers['ballast-timestamp'])).toBe(
        Math.floor(clock / 1000),
      );
    }

    // The state holds: a second run says nothing.
    const again = await runMonitor(monitorContext(), { records: records(first) });
    expect(again).toMatchObject({ transitions: 0, delivered: 0 });
    expect(receiver.received).toHaveLength(alerted.length);
    states = expected;
    lastCycle = first;
  });

  it('after a price shock: the impact equals a recomputation, and a monitor killed twice mid-run loses and repeats nothing', async () => {
    const market = t.state.market;
    if (market === undefined) return;
    const shock = await fetch(`${t.state.exchange.baseUrl}/sim/shock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ asset: 'ETH', pct: SHOCK }),
    });
    expect(shock.status).toBe(200);
    const eth = t.config.assets.ETH;
    const onChainBefore = await readLatest({ address: t.state.oracle.address, runner: provider }, 'ETH');
    if (eth === undefined || onChainBefore === undefined)
      throw new Error('ETH is not configured or not on-chain');
    const cap = onChainBefore.ltBps - LT_CUT_BPS;
    const capped: AssetsConfig = {
      ...t.config,
      assets: { ...t.config.assets, ETH: { ...eth, bounds: { ...eth.bounds, lt: [eth.bounds.lt[0], cap] } } },
    };
    const seen = await positions();
    const second = await cycleAt(capped);
    expect(second.publish.status).toBe('mined');
    if (second.publish.status !== 'mined') return;

    // The impact of the round, computed before it was sent, against a recomputation.
    const price = refPrice(second);
    const hf = (p: Seen, lt: number): number => (p.collateral * price * lt) / 10_000 / p.debt;
    const crossing = seen.filter((p) => p.debt > 0 && hf(p, onChainBefore.ltBps) >= 1 && hf(p, cap) < 1);
    expect(crossing.length).toBeGreaterThanOrEqual(1);
    const impact = second.publish.impact;
    expect(impact?.status).toBe('computed');
    if (impact?.status !== 'computed') return;
    expect(impact.newlyLiquidatable.positions).toBe(crossing.length);
    expect(impact.newlyLiquidatable.debtUsd).toBeCloseTo(
      crossing.reduce((s, p) => s + p.debt, 0),
      6,
    );
    expect(impact.nearEdge.map((p) => p.id).sort()).toEqual(
      seen
        .filter((p) => p.debt > 0 && hf(p, cap) < ALERT_LEVEL)
        .map((p) => p.id)
        .sort(),
    );

    // What the monitor must say: every position whose state changed, once.
    const expected = await expectedStates(second, seen);
    const changed = [...expected].filter(([id, s]) => s !== (states.get(id) ?? 'ok'));
    expect(changed.length).toBeGreaterThanOrEqual(2);
    const before = receiver.received.length;
    clock = second.records[0]!.ts + 60_000;
    const kill = (after: number) => (writes: number) => {
      if (writes === after) throw new Error(`killed after write ${writes}`);
    };
    // Killed after the health item and the first state change: one alert in the outbox, none sent.
    await expect(
      runMonitor(monitorContext({ afterWrite: kill(2) }), { records: records(second) }),
    ).rejects.toThrow('killed after write 2');
    expect(await listAlertEntries(context.dynamo, context.tables, 'outbox')).toHaveLength(1);
    expect(receiver.received).toHaveLength(before);
    // Rerun, killed after the remaining changes and the first delivery.
    await expect(
      runMonitor(monitorContext({ afterWrite: kill(1 + (changed.length - 1) + 1) }), {
        records: records(second),
      }),
    ).rejects.toThrow('killed after write');
    expect(receiver.received).toHaveLength(before + 1);
    expect(await listAlertEntries(context.dynamo, context.tables, 'outbox')).toHaveLength(changed.length - 1);
    // Rerun to the end.
    const done = await runMonitor(monitorContext(), { records: records(second) });
    expect(done).toMatchObject({
      transitions: 0,
      delivered: changed.length - 1,
      pending: 0,
      deadLettered: 0,
    });

    const messages = deliveredSince(before);
    expect(messages.map((m) => m.position).sort()).toEqual(changed.map(([id]) => id).sort());
    expect(new Set(messages.map((m) => m.id)).size).toBe(messages.length);
    for (const m of messages) {
      expect(m.state).toBe(expected.get(m.position));
      expect(m.previousState).toBe(states.get(m.position) ?? 'ok');
      const p = seen.find((s) => s.id === m.position);
      if (p === undefined) throw new Error(`unknown position ${m.position}`);
      expect(m.hf).toBeCloseTo(hf(p, cap), 9);
      expect(m.debtUsd).toBeCloseTo(p.debt, 9);
    }

    // The cycle's health is stored for the positions near the edge (min HF < 1.1 + 0.15).
    const health = await getLatestPositionHealth(context.dynamo, context.tables);
    expect(health?.cycleTs).toBe(Math.max(...second.records.map((r) => r.ts)));
    expect(health?.prices.ETH).toBe(price);
    expect(health?.nearEdge.map((p) => p.id).sort()).toEqual(
      seen
        .filter((p) => p.debt > 0 && hf(p, cap) < ALERT_LEVEL + 0.15)
        .map((p) => p.id)
        .sort(),
    );
    states = expected;
    lastCycle = second;
  });

  it('a receiver that is down gets retries with backoff, then dead letters; a redrive delivers each once', async () => {
    const shock = await fetch(`${t.state.exchange.baseUrl}/sim/shock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ asset: 'ETH', pct: RECOVERY }),
    });
    expect(shock.status).toBe(200);
    const seen = await positions();
    const third = await cycleAt();
    expect(['mined', 'nothing-due']).toContain(third.publish.status);
    const expected = await expectedStates(third, seen);
    const changed = [...expected].filter(([id, s]) => s !== (states.get(id) ?? 'ok'));
    expect(changed.length).toBeGreaterThanOrEqual(1);

    receiver.answer(503);
    clock = third.records[0]!.ts + 60_000;
    // Each run: one alert gets five signed attempts, waiting 1, 2, 4 and 8 s (injected) between
    // them, then is dead-lettered; the webhook is down for the rest of that run, so the other alerts
    // wait in the outbox for the next run (a run's waits stay bounded).
    for (let run = 1; run <= changed.length; run++) {
      const before = receiver.received.length;
      waits.length = 0;
      const down = await runMonitor(monitorContext(), { records: records(third) });
      expect(down).toMatchObject({
        transitions: run === 1 ? changed.length : 0,
        delivered: 0,
        deadLettered: 1,
        failedAttempts: 5,
        pending: changed.length - run,
      });
      expect(receiver.received).toHaveLength(before + 5);
      for (const r of receiver.received.slice(before)) verified(r, Math.floor(clock / 1000));
      expect(new Set(receiver.received.slice(before).map((r) => r.headers['ballast-alert-id'])).size).toBe(1);
      expect(waits).toEqual([1_000, 2_000, 4_000, 8_000]);
    }
    const dead = await listAlertEntries(context.dynamo, context.tables, 'dead');
    expect(dead.map((d) => d.message.position).sort()).toEqual(changed.map(([id]) => id).sort());
    for (const d of dead) expect(d).toMatchObject({ pending: ['webhook'], attempts: { webhook: 5 } });
    expect(dead[0]?.lastError).toContain('HTTP 503');

    // The operator redrives them once the receiver is back: each arrives once, with the same id.
    receiver.answer(200);
    for (const d of dead) expect(await redriveDeadLetter(context.dynamo, context.tables, d)).toBe(true);
    const back = receiver.received.length;
    const redriven = await runMonitor(monitorContext(), { records: records(third) });
    expect(redriven).toMatchObject({
      transitions: 0,
      delivered: changed.length,
      deadLettered: 0,
      pending: 0,
    });
    expect(
      deliveredSince(back)
        .map((m) => m.id)
        .sort(),
    ).toEqual(dead.map((d) => d.id).sort());
    expect(await listAlertEntries(context.dynamo, context.tables, 'dead')).toHaveLength(0);
    expect(lastCycle).toBeDefined();
  });
});
