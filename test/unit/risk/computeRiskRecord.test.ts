import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAssetsConfig } from '../../../shared/config/parseAssetsConfig.js';
import { HOUR_MS } from '../../../shared/core/time.js';
import type { Candle } from '../../../shared/core/types.js';
import { LEGACY_HASH_SCHEME } from '../../../shared/risk/provenance/hashSchemes.js';
import { computeRiskRecord, MODEL_VERSION } from '../../../shared/risk/computeRiskRecord.js';
import { evaluateCycle } from '../../../shared/risk/evaluateCycle.js';
import { explainRecord } from '../../../shared/risk/explainRecord.js';
import { RiskInputError } from '../../../shared/risk/errors.js';
import { createRiskSeries } from '../../../shared/risk/series/createRiskSeries.js';
import type { PublishedState } from '../../../shared/risk/types.js';
import { modelSpecFor } from '../../../shared/risk/version/modelSpecFor.js';
import { MODEL_VERSION_V1 } from '../../../shared/risk/version/modelVersions.js';
import { v1ConfigOf } from '../../../shared/risk/version/v1ConfigOf.js';
import { asOfAfter, syntheticCandles, testAssetConfig } from '../../fixtures/risk/syntheticCandles.js';

const quality = { degraded: false, reasons: [] as string[] };

describe('computeRiskRecord', () => {
  it('gives the same numbers as the incremental walk-forward at every checked hour (same previous state)', () => {
    const candles = syntheticCandles({ seed: 21, hours: 24 * 40, gaps: new Set([500, 501]) });
    const config = testAssetConfig({ apcMode: 'buffer' });
    const spec = modelSpecFor(MODEL_VERSION, config);
    const series = createRiskSeries(config, spec);
    let previous: PublishedState | undefined;
    let checked = 0;
    candles.forEach((candle, t) => {
      series.push(candle);
      const asOf = candle[0] + HOUR_MS;
      const stepped = evaluateCycle({
        asset: 'TEST',
        asOf,
        series,
        config,
        book: undefined,
        quality,
        previous,
        spec,
      });
      if (t % 97 === 0 || t === candles.length - 1) {
        const record = computeRiskRecord({
          inputs: { asset: 'TEST', asOf, candles: candles.slice(0, t + 1), quality },
          config,
          ...(previous === undefined ? {} : { previous }),
        });
        expect(record.intermediate).toEqual(stepped.intermediate);
        expect(record.published).toEqual(stepped.published);
        expect(record.raw).toEqual(stepped.raw);
        expect(record.nextState).toEqual(stepped.nextState);
        checked += 1;
      }
      previous = stepped.nextState;
    });
    expect(checked).toBeGreaterThan(5);
  });

  it('ignores candles that have not closed by asOf (no look-ahead) and says so', () => {
    const candles = syntheticCandles({ seed: 5, hours: 24 * 25 });
    const config = testAssetConfig();
    const asOf = asOfAfter(candles) - 10 * HOUR_MS;
    const full = computeRiskRecord({ inputs: { asset: 'TEST', asOf, candles, quality }, config });
    const cut = computeRiskRecord({
      inputs: { asset: 'TEST', asOf, candles: candles.slice(0, -10), quality },
      config,
    });
    expect(full.published).toEqual(cut.published);
    expect(full.intermediate).toEqual(cut.intermediate);
    expect(full.reasons[0]).toMatchObject({ stage: 'input', code: 'incompleteCandlesIgnored' });
  });

  it('freezes new borrowing without enough history, and flags the Student-t fallback', () => {
    const candles = syntheticCandles({ seed: 6, hours: 24 * 5 });
    const r = computeRiskRecord({
      inputs: { asset: 'TEST', asOf: asOfAfter(candles), candles, quality },
      config: testAssetConfig(),
    });
    expect(r.flags).toMatchObject({ frozen: true, insufficientHistory: true, fhsFallback: true });
    expect(r.published.ltvBps).toBe(0);
    expect(r.reasons.map((x) => x.code)).toContain('missingData');
  });

  it('freezes when slip(Q) exceeds maxSlippage and never raises LT while frozen', () => {
    const candles = syntheticCandles({ seed: 8, hours: 24 * 25, usdVolume: 1000 });
    const config = testAssetConfig({ liquidationSizeUsd: 5e7 });
    const prev = computeRiskRecord({
      inputs: { asset: 'TEST', asOf: asOfAfter(candles), candles, quality },
      config: testAssetConfig(),
    }).nextState;
    const r = computeRiskRecord({
      inputs: { asset: 'TEST', asOf: asOfAfter(candles), candles, quality },
      config,
      previous: prev,
    });
    expect(r.flags.frozen).toBe(true);
    expect(r.published.ltvBps).toBe(0);
    expect(r.published.ltBps).toBeLessThanOrEqual(prev.ltBps);
    expect(r.reasons.map((x) => x.code)).toContain('slippageAboveMax');
  });

  it('rejects unsorted or duplicate candles with the index and the rule', () => {
    const candles = syntheticCandles({ seed: 9, hours: 50 });
    const bad = [...candles.slice(0, 10), candles[9]!, ...candles.slice(10)];
    expect(() =>
      computeRiskRecord({
        inputs: { asset: 'TEST', asOf: asOfAfter(candles), candles: bad, quality },
        config: testAssetConfig(),
      }),
    ).toThrow(RiskInputError);
    expect(() =>
      computeRiskRecord({
        inputs: { asset: 'TEST', asOf: asOfAfter(candles), candles: bad, quality },
        config: testAssetConfig(),
      }),
    ).toThrow(/candles\[10\]\.ts .* strictly ascending/);
  });

  it('explainRecord names the dominating term and every limit that bit', () => {
    const candles = syntheticCandles({ seed: 12, hours: 24 * 30 });
    const r = computeRiskRecord({
      inputs: { asset: 'TEST', asOf: asOfAfter(candles), candles, quality },
      config: testAssetConfig({ bounds: { ltv: [0, 5000], lt: [1000, 9600], lb: [100, 2000] } }),
    });
    const text = explainRecord(r);
    expect(text).toMatch(/dominated by market drop q/);
    expect(text).toMatch(/\[bounds\] ltvMax/);
    expect(text).toMatch(/update due \(first/);
  });
});

// Golden record from the real BTC candles. The data lives beside the project (../shared/data) and is
// not redistributable, so the test is skipped where it is absent (e.g. a fresh clone elsewhere).
const BTC = new URL('../../../../shared/data/ohlcv/BTC_USDT-1h.csv', import.meta.url);
describe.skipIf(!existsSync(BTC))(
  'golden records: BTC at 2022-11-10 00:00 UTC (needs ../shared/data)',
  () => {
    // The asset entry is written here, not read from assets.default.json, so that only a change of
    // the model (formulas or DEFAULTS) can change the golden record, not an edit of the shipped config.
    const config = parseAssetsConfig(
      {
        assets: {
          BTC: {
            venues: [
              { venue: 'binance', symbol: 'BTCUSDT', quote: 'USDT' },
              { venue: 'coinbase', symbol: 'BTC-USD', quote: 'USD' },
              { venue: 'kraken', symbol: 'XBTUSD', quote: 'USD' },
              { venue: 'okx', symbol: 'BTC-USDT', quote: 'USDT' },
              { venue: 'bybit', symbol: 'BTCUSDT', quote: 'USDT' },
            ],
            liquidationSizeUsd: 5_000_000,
            bounds: { ltv: [0, 8500], lt: [5000, 9000], lb: [200, 1500] },
          },
        },
      },
      'golden',
    );
    const asOf = Date.UTC(2022, 10, 10);
    const candles = existsSync(BTC)
      ? readFileSync(BTC, 'utf8')
          .trim()
          .split('\n')
          .slice(1)
          .map((line) => line.split(',').map(Number) as unknown as Candle)
          .filter((c) => c[0] + HOUR_MS <= asOf && c[0] >= asOf - 400 * 24 * HOUR_MS)
      : [];
    const golden = (version: string): string =>
      `./__golden__/btc-2022-11-10-${version.replace(/[^a-z0-9.-]/gi, '_')}.json`;

    it('stays byte-identical for this model version', async () => {
      const record = computeRiskRecord({
        inputs: { asset: 'BTC', asOf, candles, quality },
        config: config.assets.BTC!,
      });
      expect(record.modelVersion).toBe(MODEL_VERSION);
      // A new model version writes a new golden file; the old one stays as the record of what changed.
      await expect(`${JSON.stringify(record, null, 2)}\n`).toMatchFileSnapshot(golden(MODEL_VERSION));
    });

    it('the v1 engine, selected by version, still reproduces the v1 golden record byte for byte', async () => {
      const record = computeRiskRecord({
        inputs: { asset: 'BTC', asOf, candles, quality },
        config: v1ConfigOf(config.assets.BTC!),
        modelVersion: MODEL_VERSION_V1,
        // Written under hash scheme v1 (docs/methodology.md §8), before records named their scheme.
        hashScheme: LEGACY_HASH_SCHEME,
      });
      expect(record.modelVersion).toBe(MODEL_VERSION_V1);
      await expect(`${JSON.stringify(record, null, 2)}\n`).toMatchFileSnapshot(golden(MODEL_VERSION_V1));
    });
  },
);
