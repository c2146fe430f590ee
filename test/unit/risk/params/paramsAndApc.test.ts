import { describe, expect, it } from 'vitest';
import { applyApcBuffer } from '../../../../shared/risk/apc/applyApcBuffer.js';
import { marginVolatility } from '../../../../shared/risk/apc/marginVolatility.js';
import { liquidationBonus } from '../../../../shared/risk/params/liquidationBonus.js';
import { liquidationThreshold } from '../../../../shared/risk/params/liquidationThreshold.js';
import { loanToValue } from '../../../../shared/risk/params/loanToValue.js';
import { toBps } from '../../../../shared/risk/params/toBps.js';

describe('parameter formulas', () => {
  it('LT = (1 − q)(1 − slip) − ε, LB = slip + fee + gas, LTV = LT (1 − q_react)', () => {
    expect(liquidationThreshold(0.1, 0.01, 0.005)).toBeCloseTo(0.9 * 0.99 - 0.005, 15);
    expect(liquidationBonus(0.01, 0.005, 0.0025)).toBeCloseTo(0.0175, 15);
    expect(loanToValue(0.8, 0.05)).toBeCloseTo(0.76, 15);
  });
  it('rounds conservatively: LT/LTV down, LB/haircut/VI up, clean on binary noise', () => {
    expect(toBps(0.85, 'down')).toBe(8500);
    expect(toBps(0.123456, 'down')).toBe(1234);
    expect(toBps(0.123401, 'up')).toBe(1235);
    expect(toBps(1.2, 'down')).toBe(10_000);
    expect(toBps(-0.1, 'down')).toBe(0);
  });
});

describe('anti-procyclicality', () => {
  it('buffer: q_pub = clamp(q_prev, q_raw, (1+b) q_raw), starting with the full buffer', () => {
    expect(applyApcBuffer(null, 0.1, 0.25)).toBeCloseTo(0.125, 15);
    expect(applyApcBuffer(0.11, 0.1, 0.25)).toBe(0.11); // inside the band: held
    expect(applyApcBuffer(0.2, 0.1, 0.25)).toBeCloseTo(0.125, 15); // calmer: decays to the top of the band
    expect(applyApcBuffer(0.11, 0.15, 0.25)).toBe(0.15); // riskier: buffer used up, follows q_raw
  });
  it('stressWeight and floor never go below σ_fast; none is σ_fast', () => {
    const base = {
      sigmaFast: 0.01,
      sigmaStress: 0.03,
      sigmaLongRun: 0.02,
      stressWeight: 0.25,
      floorFactor: 0.8,
    };
    expect(marginVolatility({ ...base, mode: 'none' })).toBe(0.01);
    expect(marginVolatility({ ...base, mode: 'buffer' })).toBe(0.01);
    expect(marginVolatility({ ...base, mode: 'stressWeight' })).toBeCloseTo(0.75 * 0.01 + 0.25 * 0.03, 15);
    expect(marginVolatility({ ...base, mode: 'floor' })).toBeCloseTo(0.016, 15);
    expect(marginVolatility({ ...base, sigmaFast: 0.05, mode: 'floor' })).toBe(0.05);
    expect(marginVolatility({ ...base, sigmaStress: null, mode: 'stressWeight' })).toBe(0.01);
  });
});
