import { hashCanonical } from '../provenance/hashCanonical.js';
import { CURRENT_HASH_SCHEME } from '../provenance/hashSchemes.js';
import { alignCloses } from './alignCloses.js';
import { alignedReturns } from './alignedReturns.js';
import { covarianceToCorrelation } from './covarianceToCorrelation.js';
import { CROSS_ASSET_DEFAULTS } from './crossAssetDefaults.js';
import { CrossAssetInputError } from './errors.js';
import { ewmaCovariance } from './ewmaCovariance.js';
import { mostMovedPairs, type MovedPair } from './mostMovedPairs.js';
import { stressedCorrelation } from './stressedCorrelation.js';
import type { CandleLike } from './types.js';

const HOUR_MS = 3_600_000;

export interface CorrelationParameters {
  readonly lambdaCorr: number;
  readonly seedReturns: number;
  readonly stressWindowHours: number;
  readonly stressLookbackHours: number;
  readonly stressMinCoverage: number;
  readonly movedLookbackHours: number;
  readonly movedPairs: number;
}

export const DEFAULT_CORRELATION_PARAMETERS: CorrelationParameters = {
  lambdaCorr: CROSS_ASSET_DEFAULTS.lambdaCorr,
  seedReturns: CROSS_ASSET_DEFAULTS.corrSeedReturns,
  stressWindowHours: CROSS_ASSET_DEFAULTS.stressWindowHours,
  stressLookbackHours: CROSS_ASSET_DEFAULTS.stressLookbackHours,
  stressMinCoverage: CROSS_ASSET_DEFAULTS.stressMinCoverage,
  movedLookbackHours: CROSS_ASSET_DEFAULTS.movedLookbackHours,
  movedPairs: CROSS_ASSET_DEFAULTS.movedPairs,
};

export interface CorrelationsResult {
  readonly modelVersion: string;
  /** Close time (ms UTC) of the last synchronous hour used. */
  readonly asOf: number;
  readonly assets: string[];
  /** EWMA correlation now, indexed like `assets`. */
  readonly correlation: number[][];
  /** Annualised EWMA volatility of each asset (σ √8760), fraction. */
  readonly volatility: number[];
  /** Highest rolling correlation of the trailing window per pair (null where no window qualified). */
  readonly stressed: (number | null)[][];
  /** EWMA correlation `movedLookbackHours` before `asOf` (null when there was too little history). */
  readonly before: number[][] | null;
  readonly moved: MovedPair[];
  /** Synchronous returns used. */
  readonly returns: number;
  readonly parameters: CorrelationParameters;
  /** SHA-256 of the canonical JSON of the synchronous hours and closes used. */
  readonly inputsHash: string;
}

/**
 * The correlation block of one cycle (docs/cross-asset.md): synchronous hourly returns of the
 * reference closes up to `asOf`, their EWMA correlation (λ_corr), each asset's EWMA volatility, the
 * stressed correlation (highest rolling window of the trailing year) and the pairs whose EWMA
 * correlation moved most over `movedLookbackHours`. Pure: the same candles give the same result.
 * @throws CrossAssetInputError with fewer than two assets or fewer synchronous returns than the seed.
 */
export function computeCorrelations(params: {
  readonly candles: Readonly<Record<string, readonly CandleLike[]>>;
  readonly asOf?: number;
  readonly parameters?: Partial<CorrelationParameters>;
}): CorrelationsResult {
  const p: CorrelationParameters = { ...DEFAULT_CORRELATION_PARAMETERS, ...params.parameters };
  const aligned = alignCloses({
    candles: params.candles,
    ...(params.asOf === undefined ? {} : { asOf: params.asOf }),
  });
  if (aligned.assets.length < 2)
    throw new CrossAssetInputError(
      `candles: ${aligned.assets.length} asset(s) given; correlations need at least two`,
    );
  const r = alignedReturns(aligned);
  const now = ewmaCovariance({ returns: r.returns, lambda: p.lambdaCorr, seedCount: p.seedReturns });
  if (now.covariance === null)
    throw new CrossAssetInputError(
      `candles: ${now.count} synchronous returns for ${aligned.assets.join(', ')}; at least ${p.seedReturns} are needed`,
    );
  const lastTs = aligned.ts[aligned.ts.length - 1]!;
  let endBefore = 0;
  while (endBefore < r.ts.length && r.ts[endBefore]! <= lastTs - p.movedLookbackHours * HOUR_MS)
    endBefore += 1;
  const then = ewmaCovariance({
    returns: r.returns,
    lambda: p.lambdaCorr,
    seedCount: p.seedReturns,
    end: endBefore,
  });
  const correlation = covarianceToCorrelation(now.covariance);
  const before = then.covariance === null ? null : covarianceToCorrelation(then.covariance);
  const stressed = stressedCorrelation({
    aligned: r,
    windowHours: p.stressWindowHours,
    lookbackHours: p.stressLookbackHours,
    minCoverage: p.stressMinCoverage,
  });
  return {
    modelVersion: CROSS_ASSET_DEFAULTS.modelVersion,
    asOf: lastTs + HOUR_MS,
    assets: [...aligned.assets],
    correlation,
    volatility: now.covariance.map((row, i) => Math.sqrt(Math.max(0, row[i]!) * 8760)),
    stressed: stressed.correlation,
    before,
    moved:
      before === null
        ? []
        : mostMovedPairs({ assets: aligned.assets, now: correlation, before, count: p.movedPairs }),
    returns: now.count,
    parameters: p,
    inputsHash: hashCanonical(
      {
        assets: aligned.assets,
        ts: aligned.ts,
        close: aligned.close.map((c) => [...c]),
      },
      CURRENT_HASH_SCHEME,
    ),
  };
}
