import * as z from 'zod';
import { QUOTE_CURRENCIES, VENUE_IDS } from '../core/venues.js';
import { DEFAULTS } from './defaults.js';
import { resolvePairConfig } from './resolvePairConfig.js';

const bps = z.number().int().min(0).max(10_000);
const range = z
  .tuple([bps, bps])
  .refine(([min, max]) => min <= max, { message: 'range must be [min, max] with min <= max' });
const fraction = z.number().gt(0).lt(1);

export const APC_MODES = ['buffer', 'stressWeight', 'floor', 'none'] as const;
export type ApcMode = (typeof APC_MODES)[number];

export const VOLATILITY_MODELS = ['ewma', 'har', 'max'] as const;
export type VolatilityModel = (typeof VOLATILITY_MODELS)[number];

export const venueMarketSchema = z.strictObject({
  venue: z.enum(VENUE_IDS),
  /** The venue's own market symbol, e.g. `BTCUSDT` (Binance), `BTC-USD` (Coinbase), `XBTUSD` (Kraken). */
  symbol: z.string().min(1),
  quote: z.enum(QUOTE_CURRENCIES),
});

export const assetConfigSchema = z
  .strictObject({
    venues: z.array(venueMarketSchema).min(1),
    /** Liquidation size Q in USD. */
    liquidationSizeUsd: z.number().positive(),
    /** Governance bounds, bp, `[min, max]`. */
    bounds: z.strictObject({ ltv: range, lt: range, lb: range }),
    minVenues: z.number().int().min(1).default(DEFAULTS.minVenues),
    maxDeviation: z.number().positive().max(0.5).default(DEFAULTS.maxDeviation),
    alphaLt: z.number().gt(0.5).lt(1).default(DEFAULTS.alphaLt),
    alphaLtv: z.number().gt(0.5).lt(1).default(DEFAULTS.alphaLtv),
    maxSlippage: z.number().positive().max(1).default(DEFAULTS.maxSlippage),
    maxLoosenPerUpdateBps: bps.default(DEFAULTS.maxLoosenPerUpdateBps),
    maxLoosenPerDayBps: bps.default(DEFAULTS.maxLoosenPerDayBps),
    loosenHalfLifeHours: z.number().gt(0).max(720).default(DEFAULTS.loosenHalfLifeHours),
    maxTightenPerUpdateBps: bps.default(DEFAULTS.maxTightenPerUpdateBps),
    deviationBps: bps.default(DEFAULTS.deviationBps),
    heartbeatSeconds: z.number().int().positive().default(DEFAULTS.heartbeatSeconds),

    // ---- risk engine fields (docs/methodology.md §3–§7); each default lives in DEFAULTS ----
    lambdaFast: fraction.default(DEFAULTS.lambdaFast),
    lambdaSlow: fraction.default(DEFAULTS.lambdaSlow),
    epsilonBps: bps.default(DEFAULTS.epsilonBps),
    horizonBaseHours: z.number().int().min(1).max(720).default(DEFAULTS.horizonBaseHours),
    horizonMaxHours: z.number().int().min(1).max(720).default(DEFAULTS.horizonMaxHours),
    /** When set, the liquidation horizon is this many hours instead of `H_base + Q/(ρ·V_h)` (backtests, calibration). */
    fixedHorizonHours: z.number().int().min(1).max(720).optional(),
    participation: z.number().gt(0).max(1).default(DEFAULTS.participation),
    reactionHours: z.number().int().min(1).max(720).default(DEFAULTS.reactionHours),
    impactY: z.number().min(0).max(10).default(DEFAULTS.impactY),
    volumeWindowDays: z.number().int().min(1).max(365).default(DEFAULTS.volumeWindowDays),
    fhsMinDays: z.number().int().min(1).max(3650).default(DEFAULTS.fhsMinDays),
    studentTNu: z.number().gt(2).max(1000).default(DEFAULTS.studentTNu),
    liquidationFeeBps: bps.default(DEFAULTS.liquidationFeeBps),
    gasBufferBps: bps.default(DEFAULTS.gasBufferBps),
    ewmaSeedReturns: z.number().int().min(1).max(10_000).default(DEFAULTS.ewmaSeedReturns),
    minHistoryDays: z.number().int().min(1).max(3650).default(DEFAULTS.minHistoryDays),
    apcMode: z.enum(APC_MODES).default(DEFAULTS.apcMode),
    volatilityModel: z.enum(VOLATILITY_MODELS).default(DEFAULTS.volatilityModel),
    harMinDays: z.number().int().min(31).max(3650).default(DEFAULTS.harMinDays),
    impliedFloor: z.number().min(0).max(5).default(DEFAULTS.impliedFloor),
    apcBuffer: z.number().min(0).max(5).default(DEFAULTS.apcBuffer),
    apcStressWeight: z.number().min(0).max(1).default(DEFAULTS.apcStressWeight),
    apcFloorFactor: z.number().min(0).max(5).default(DEFAULTS.apcFloorFactor),
    stressWindowDays: z.number().int().min(1).max(365).default(DEFAULTS.stressWindowDays),
    stressLookbackDays: z.number().int().min(1).max(3650).default(DEFAULTS.stressLookbackDays),
    proxySpreadBps: bps.default(DEFAULTS.proxySpreadBps),
    rangeVolMaxRatio: z.number().gt(1).max(100).default(DEFAULTS.rangeVolMaxRatio),
    ltRampThresholdBps: bps.default(DEFAULTS.ltRampThresholdBps),
    ltRampHours: z.number().min(0).max(720).default(DEFAULTS.ltRampHours),
    maxCandleAgeHours: z.number().min(1).max(720).default(DEFAULTS.maxCandleAgeHours),
  })
  .superRefine((asset, ctx) => {
    const [ltvMin] = asset.bounds.ltv;
    const [ltMin] = asset.bounds.lt;
    const [, lbMax] = asset.bounds.lb;
    // An eligibility freeze publishes LTV = 0; a positive lower bound would make the freeze itself out of bounds.
    if (ltvMin !== 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['bounds', 'ltv', 0],
        message: `must be 0 so an eligibility freeze (LTV = 0) stays inside the bounds, got ${ltvMin}`,
      });
    }
    // LT·(1+LB) ≤ 1 must be reachable inside the bounds for every LB the bounds allow.
    if (ltMin * (10_000 + lbMax) > 100_000_000) {
      ctx.addIssue({
        code: 'custom',
        path: ['bounds', 'lt', 0],
        message: `lt min ${ltMin} bp with lb max ${lbMax} bp breaks LT·(1+LB) ≤ 1; lower lt min to at most ${Math.floor(100_000_000 / (10_000 + lbMax))}`,
      });
    }
    if (asset.horizonBaseHours > asset.horizonMaxHours) {
      ctx.addIssue({
        code: 'custom',
        path: ['horizonBaseHours'],
        message: `must be <= horizonMaxHours (${asset.horizonMaxHours}), got ${asset.horizonBaseHours}`,
      });
    }
    if (asset.lambdaSlow < asset.lambdaFast) {
      ctx.addIssue({
        code: 'custom',
        path: ['lambdaSlow'],
        message: `must be >= lambdaFast (${asset.lambdaFast}): the slow EWMA decays more slowly, got ${asset.lambdaSlow}`,
      });
    }
  });
/** One asset's configuration with every default filled in (what the risk engine reads). */
export type AssetConfig = z.infer<typeof assetConfigSchema>;
/** One asset's configuration as written in a file (defaults optional). */
export type AssetConfigInput = z.input<typeof assetConfigSchema>;

/** A pair's id: collateral and debt asset names joined by `/`, e.g. `ETH/BTC` (docs/cross-asset.md). */
export const PAIR_ID_PATTERN = /^([A-Z0-9]{2,11})\/([A-Z0-9]{2,11})$/;

/**
 * One pair's configuration (collateral C against debt D, docs/cross-asset.md): everything the
 * engine reads is the collateral's (the pair is liquidated by selling C), except what is set here.
 * Bounds default to DEFAULTS.pairBounds for LTV and LT and to the collateral's for LB; step limits,
 * publication triggers and the liquidation size default to the collateral's.
 */
export const pairConfigSchema = z.strictObject({
  /** Governance bounds, bp, `[min, max]`; each optional. */
  bounds: z.strictObject({ ltv: range.optional(), lt: range.optional(), lb: range.optional() }).optional(),
  liquidationSizeUsd: z.number().positive().optional(),
  maxLoosenPerUpdateBps: bps.optional(),
  maxLoosenPerDayBps: bps.optional(),
  loosenHalfLifeHours: z.number().gt(0).max(720).optional(),
  maxTightenPerUpdateBps: bps.optional(),
  deviationBps: bps.optional(),
  heartbeatSeconds: z.number().int().positive().optional(),
});
/** One pair's configuration as written (every member optional). */
export type PairConfig = z.infer<typeof pairConfigSchema>;

export const assetsConfigSchema = z
  .strictObject({
    cyclePeriodSeconds: z.number().int().min(10).default(DEFAULTS.cyclePeriodSeconds),
    assets: z
      .record(
        z.string().regex(/^[A-Z0-9]{2,11}$/, 'asset names are 2–11 upper-case letters or digits'),
        assetConfigSchema,
      )
      .refine((assets) => Object.keys(assets).length > 0, { message: 'at least one asset is required' }),
    /** Pairs published beside the assets, by id `C/D`. @default {} */
    pairs: z
      .record(
        z
          .string()
          .regex(
            PAIR_ID_PATTERN,
            'pair ids are COLLATERAL/DEBT, two asset names of 2–11 upper-case letters or digits, e.g. ETH/BTC',
          ),
        pairConfigSchema,
      )
      .default({}),
  })
  .superRefine((config, ctx) => {
    const known = Object.keys(config.assets);
    for (const [id, pair] of Object.entries(config.pairs)) {
      const [, collateral, debt] = PAIR_ID_PATTERN.exec(id) ?? [];
      if (collateral === undefined || debt === undefined) continue;
      let legsOk = true;
      for (const [leg, name] of [
        ['collateral', collateral],
        ['debt', debt],
      ] as const) {
        if (config.assets[name] === undefined) {
          legsOk = false;
          ctx.addIssue({
            code: 'custom',
            path: ['pairs', id],
            message: `${leg} "${name}" is not a configured asset; allowed: ${known.join(', ')} (an asset against USD is the asset itself, not a pair)`,
          });
        }
      }
      if (collateral === debt) {
        legsOk = false;
        ctx.addIssue({
          code: 'custom',
          path: ['pairs', id],
          message: `collateral and debt are both "${collateral}"; a pair needs two different assets`,
        });
      }
      if (!legsOk) continue;
      // The resolved pair must pass every rule an asset's config passes (bounds, LT·(1+LB) ≤ 1, …).
      const resolved = assetConfigSchema.safeParse(resolvePairConfig(config.assets[collateral]!, pair));
      if (!resolved.success)
        for (const issue of resolved.error.issues)
          ctx.addIssue({ code: 'custom', path: ['pairs', id, ...issue.path], message: issue.message });
    }
  });
export type AssetsConfig = z.infer<typeof assetsConfigSchema>;
