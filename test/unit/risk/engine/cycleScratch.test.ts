import { describe, expect, it } from 'vitest';
import type { AssetConfigInput } from '../../../../shared/config/assetsConfig.js';
import { HOUR_MS } from '../../../../shared/core/time.js';
import { createCycleScratch } from '../../../../shared/risk/engine/createCycleScratch.js';
import { evaluateCycle, type EvaluateCycleResult } from '../../../../shared/risk/evaluateCycle.js';
import { createRiskSeries } from '../../../../shared/risk/series/createRiskSeries.js';
import type { PublishedState, RiskBook } from '../../../../shared/risk/types.js';
import { modelSpecFor } from '../../../../shared/risk/version/modelSpecFor.js';
import { MODEL_VERSION_V1, MODEL_VERSION_V2 } from '../../../../shared/risk/version/modelVersions.js';
import { syntheticCandles, testAssetConfig } from '../../../fixtures/risk/syntheticCandles.js';

const quality = { degraded: false, reasons: [] as string[] };

/** A thin book every fifth hour (book walk and its square-root extrapolation), none otherwise. */
function bookAt(hour: number, close: number): RiskBook | undefined {
  if (hour % 5 !== 0) return undefined;
  return {
    referencePrice: close,
    bids: [
      [close * 0.999, 50_000],
      [close * 0.99, 200_000],
    ],
    bestBid: close * 0.999,
    bestAsk: close * 1.001,
  };
}

/**
 * The scratch path (a walk-forward's createCycleScratch, no object per hour) and the fresh path
 * (production: new objects every cycle) side by side, hour by hour on one series: the same result,
 * field for field and key for key (JSON text), and the previous state a scratch cycle started from
 * is left intact while the next one is computed.
 */
function compareWalks(version: string, overrides: Partial<AssetConfigInput>, explain: boolean): number {
  const config = testAssetConfig(overrides);
  const spec = modelSpecFor(version, config);
  const candles = syntheticCandles({ seed: 77, hours: 24 * 40, gaps: new Set([500, 501]) });
  const series = createRiskSeries(config, spec);
  const scratch = createCycleScratch();
  let freshPrevious: PublishedState | undefined;
  let scratchPrevious: PublishedState | undefined;
  let compared = 0;
  const text = (r: EvaluateCycleResult): string => JSON.stringify(r);
  for (let t = 0; t < candles.length; t++) {
    const candle = candles[t]!;
    series.push(candle);
    if (t < 24 * 18) continue; // before minHistoryDays: insufficient history either way (still compared below)
    const common = {
      asset: 'TEST',
      asOf: candle[0] + HOUR_MS,
      series,
      config,
      book: bookAt(t, candle[4]),
      quality,
      spec,
      explain,
    };
    const fresh = evaluateCycle({ ...common, previous: freshPrevious });
    const previousText = JSON.stringify(scratchPrevious);
    const reused = evaluateCycle({ ...common, previous: scratchPrevious, scratch });
    expect(JSON.stringify(scratchPrevious)).toBe(previousText);
    expect(text(reused)).toBe(text(fresh));
    freshPrevious = fresh.nextState;
    scratchPrevious = reused.nextState;
    compared += 1;
  }
  return compared;
}

describe('evaluateCycle with a scratch (the backtest path) equals the fresh path (production)', () => {
  for (const version of [MODEL_VERSION_V2, MODEL_VERSION_V1])
    for (const apcMode of ['buffer', 'none', 'stressWeight', 'floor'] as const)
      it(`${version}, APC ${apcMode}`, () => {
        expect(compareWalks(version, { apcMode, fixedHorizonHours: 24 }, false)).toBeGreaterThan(400);
      });

  it('with reasons (explain) and the volume horizon', () => {
    expect(compareWalks(MODEL_VERSION_V2, {}, true)).toBeGreaterThan(400);
  });
});
