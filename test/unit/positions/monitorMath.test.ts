import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { alertStateOf } from '../../../shared/positions/monitor/alertStateOf.js';
import { assessPositions } from '../../../shared/positions/monitor/assessPositions.js';
import { backoffDelay } from '../../../shared/positions/monitor/backoffDelay.js';
import { signAlert } from '../../../shared/positions/monitor/signAlert.js';

describe('alertStateOf', () => {
  it('takes the most severe state that holds', () => {
    expect(alertStateOf({ hf: 0.99, hfNext: 0.9, alertLevel: 1.1 })).toBe('liquidatable');
    expect(alertStateOf({ hf: 1.01, hfNext: 0.99, alertLevel: 1.1 })).toBe('liquidatable-next');
    expect(alertStateOf({ hf: 1.09, hfNext: 1.2, alertLevel: 1.1 })).toBe('below-alert');
    // The next candidate alone pushing the HF under the alert level warns too.
    expect(alertStateOf({ hf: 1.2, hfNext: 1.05, alertLevel: 1.1 })).toBe('below-alert');
    expect(alertStateOf({ hf: 1.1, hfNext: 1.1, alertLevel: 1.1 })).toBe('ok');
    expect(alertStateOf({ hf: Infinity, hfNext: Infinity, alertLevel: 1.1 })).toBe('ok');
  });
});

describe('assessPositions', () => {
  const prices = { ETH: 2_000, BTC: 50_000, USD: 1 };
  const current = { ltBps: { ETH: 8_000, BTC: 8_500 }, pairLtBps: { 'ETH/BTC': 9_000 } };
  const next = { ltBps: { ETH: 7_500, BTC: 8_500 }, pairLtBps: { 'ETH/BTC': 9_000 } };
  // HF = collateral · price · LT / debt: 1 ETH at 8000 bp against 1,500 USD → 1.0667; next 1.0.
  const positions = [
    { id: 'm/a', collateral: { ETH: 1 }, debt: { USD: 1_500 } },
    { id: 'm/b', collateral: { ETH: 1 }, debt: { USD: 1_000 } }, // 1.6 / 1.5
    { id: 'm/c', collateral: { ETH: 1 }, debt: { USD: 1_700 } }, // 0.941
    { id: 'm/d', collateral: { ETH: 1 }, debt: { USD: 1_390 }, alertLevel: 1.3 }, // 1.151 / 1.079
    { id: 'm/e', collateral: { ETH: 1 }, debt: {} },
    { id: 'm/f', collateral: { DOGE: 1 }, debt: { USD: 1 } },
    { id: 'm/g', collateral: { ETH: 25 }, debt: { BTC: 1 } }, // pair LT 9000: 25·2000·0.9/50000 = 0.9
  ];
  const result = assessPositions({
    positions,
    prices,
    current,
    next,
    nearEdgeMargin: 0.15,
    maxNearEdgeStored: 3,
  });

  it('gives each position its state from both parameter sets, pair LTs included', () => {
    const byId = Object.fromEntries(result.assessed.map((p) => [p.id, p]));
    expect(byId['m/a']?.hf).toBeCloseTo((2_000 * 0.8) / 1_500, 12);
    expect(byId['m/a']?.hfNext).toBeCloseTo((2_000 * 0.75) / 1_500, 12);
    expect(byId['m/a']?.state).toBe('below-alert'); // next = 1.0 exactly: not liquidatable
    expect(byId['m/b']?.state).toBe('ok');
    expect(byId['m/c']?.state).toBe('liquidatable');
    expect(byId['m/d']?.state).toBe('below-alert');
    expect(byId['m/e']).toMatchObject({ state: 'ok', hf: null, hfNext: null, debtUsd: 0 });
    expect(byId['m/g']?.hf).toBeCloseTo(0.9, 12);
    expect(byId['m/g']?.state).toBe('liquidatable');
    expect(result.unknown).toEqual(['m/f']);
    expect(result.evaluated).toBe(5);
    expect(result.states).toEqual({ ok: 1, 'below-alert': 2, 'liquidatable-next': 0, liquidatable: 2 });
  });

  it('keeps the positions near the edge, lowest first, up to the cap', () => {
    // near: min HF < alert level + 0.15: a (1.0), c (0.88), d (1.079 < 1.45), g (0.9); not b (1.5 ≥ 1.25).
    expect(result.nearEdge.map((p) => p.id)).toEqual(['m/c', 'm/g', 'm/a']);
    expect(result.truncated).toBe(1);
  });
});

describe('backoffDelay', () => {
  it('doubles from the base up to the cap', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7].map((failures) =>
      backoffDelay({ failures, baseMs: 1_000, maxMs: 30_000 }),
    );
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
  });
});

describe('signAlert', () => {
  it('is HMAC-SHA256 over "<timestamp>.<body>", hex, versioned', () => {
    const body = '{"id":"x"}';
    const expected = createHmac('sha256', 'k'.repeat(32)).update(`1700000000.${body}`).digest('hex');
    expect(signAlert({ secret: 'k'.repeat(32), timestamp: 1_700_000_000, body })).toBe(`v1=${expected}`);
    expect(signAlert({ secret: 'k'.repeat(32), timestamp: 1_700_000_001, body })).not.toBe(`v1=${expected}`);
  });
});
