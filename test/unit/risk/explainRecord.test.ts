import { describe, expect, it } from 'vitest';
import { computeRiskRecord, MODEL_VERSION } from '../../../shared/risk/computeRiskRecord.js';
import { explainRecord } from '../../../shared/risk/explainRecord.js';
import { MODEL_VERSION_V1 } from '../../../shared/risk/version/modelVersions.js';
import { v1ConfigOf } from '../../../shared/risk/version/v1ConfigOf.js';
import { asOfAfter, syntheticCandles, testAssetConfig } from '../../fixtures/risk/syntheticCandles.js';

const quality = { degraded: false, reasons: [] as string[] };

describe('explain shows the model version and the v2 volatility inputs', () => {
  const candles = syntheticCandles({ seed: 9, hours: 24 * 200 });
  const asOf = asOfAfter(candles);

  it('v2: version, volatility model, HAR-RV and the implied volatility it was given', () => {
    const record = computeRiskRecord({
      inputs: {
        asset: 'TEST',
        asOf,
        candles,
        quality,
        impliedVol: { source: 'deribit:DVOL', index: 55, ts: asOf },
      },
      config: testAssetConfig({ volatilityModel: 'max', harMinDays: 60 }),
    });
    const text = explainRecord(record);
    expect(text).toContain(`model ${MODEL_VERSION}`);
    expect(text).toMatch(
      /Volatility model max: σ [\d.]+ %\/h scales the drop quantile \(HAR-RV [\d.]+ %\/h\)/,
    );
    expect(text).toContain('implied 55.0 % a year');
    expect(record.intermediate.impliedVolHourly).toBeCloseTo(0.55 / Math.sqrt(8760), 15);
  });

  it('the implied-volatility floor κ raises σ_margin only when set', () => {
    const inputs = {
      asset: 'TEST',
      asOf,
      candles,
      quality,
      impliedVol: { source: 'deribit:DVOL', index: 400, ts: asOf },
    };
    const off = computeRiskRecord({ inputs, config: testAssetConfig() });
    const on = computeRiskRecord({ inputs, config: testAssetConfig({ impliedFloor: 1 }) });
    expect(off.intermediate.sigmaMargin).toBe(off.intermediate.sigmaModel);
    expect(on.intermediate.sigmaMargin).toBeCloseTo(4 / Math.sqrt(8760), 12);
    expect(on.target.ltBps).toBeLessThan(off.target.ltBps);
  });

  it('v1 records keep their v1 shape: no v2 fields, and explain names 1.0.0', () => {
    const record = computeRiskRecord({
      inputs: { asset: 'TEST', asOf, candles, quality },
      config: v1ConfigOf(testAssetConfig()),
      modelVersion: MODEL_VERSION_V1,
    });
    expect(record.intermediate.volatilityModel).toBeUndefined();
    expect(record.flags.harFallback).toBeUndefined();
    expect(record.nextState.control).toBeUndefined();
    expect(explainRecord(record)).toContain(`model ${MODEL_VERSION_V1}`);
    expect(() =>
      computeRiskRecord({
        inputs: { asset: 'TEST', asOf, candles, quality },
        config: testAssetConfig(),
        modelVersion: 'ballast-risk/9.9.9',
      }),
    ).toThrow(
      /model version "ballast-risk\/9.9.9" is not known to this release; known: ballast-risk\/1.0.0, ballast-risk\/2.0.0/,
    );
  });
});
