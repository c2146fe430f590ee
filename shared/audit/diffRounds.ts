import { computeRiskRecord } from '../risk/computeRiskRecord.js';
import { hashCanonical } from '../risk/provenance/hashCanonical.js';
import { hashSchemeOf } from '../risk/provenance/hashSchemeOf.js';
import type { RiskIntermediates, RiskParamsBps, RiskReason } from '../risk/types.js';
import type { AuditBundle, AuditBundleAsset } from './AuditBundle.js';
import { RoundDiffError } from './errors.js';

export const PARAMS = ['volIndexBps', 'ltvBps', 'ltBps', 'lbBps'] as const;
export type ParamName = (typeof PARAMS)[number];
type ParamDeltas = Record<ParamName, number>;

export interface RoundDiff {
  readonly asset: string;
  readonly a: { readonly round: string; readonly recordTs: number; readonly asOf: number };
  readonly b: { readonly round: string; readonly recordTs: number; readonly asOf: number };
  /** Published (candidate) parameters, and B − A in bp. */
  readonly params: readonly {
    readonly param: ParamName;
    readonly a: number;
    readonly b: number;
    readonly deltaBps: number;
  }[];
  /** Numeric intermediates that changed, largest relative change first. */
  readonly intermediates: readonly {
    readonly name: keyof RiskIntermediates;
    readonly a: number | string | null;
    readonly b: number | string | null;
    readonly relativeChange: number | null;
  }[];
  readonly flags: readonly { readonly flag: string; readonly a: boolean; readonly b: boolean }[];
  readonly inputs: {
    readonly referencePrice: readonly [number | null, number | null];
    readonly lastClose: readonly [number | null, number | null];
    readonly candles: readonly [number, number];
    /** Candles in B that A did not have (by open time). */
    readonly newCandles: number;
    readonly degraded: readonly [boolean, boolean];
    readonly qualityReasonsB: readonly string[];
  };
  readonly configChanged: boolean;
  readonly modelChanged: boolean;
  /**
   * Exact decomposition of the published change, by recomputing B with A's order book:
   * Δpublished = history + book + control, per parameter (bp). Null with the reason when B cannot be recomputed.
   */
  readonly attribution:
    | { readonly history: ParamDeltas; readonly book: ParamDeltas; readonly control: ParamDeltas }
    | { readonly unavailable: string };
  /** B's reasons: every clamp, limit, freeze and quality decision of its cycle. */
  readonly reasonsB: readonly RiskReason[];
}

function entry(bundle: AuditBundle, asset: string): AuditBundleAsset {
  const found = bundle.assets.find((item) => item.asset === asset);
  if (found === undefined) {
    throw new RoundDiffError(
      `round ${bundle.publication.round} did not publish ${asset}; it published ${bundle.publication.assets.map((a) => a.asset).join(', ')}`,
      {
        fix: `pick rounds that carry ${asset}: \`ballast history ${asset}\` lists the round of each published record`,
      },
    );
  }
  return found;
}

const delta = (b: RiskParamsBps, a: RiskParamsBps): ParamDeltas =>
  Object.fromEntries(PARAMS.map((p) => [p, b[p] - a[p]])) as ParamDeltas;

/**
 * What changed for one asset between two rounds, and which inputs drove it. The attribution
 * recomputes round B's record with round A's order book (same candles, state and config): the
 * book effect is what liquidity alone moved, the history effect what the candle history (and
 * the APC memory) moved, and the control effect what the control layer (rate limits, ramps,
 * only-tighten) added on top of the model's targets.
 */
export function diffRounds(bundleA: AuditBundle, bundleB: AuditBundle, asset: string): RoundDiff {
  const a = entry(bundleA, asset);
  const b = entry(bundleB, asset);
  const ra = a.record;
  const rb = b.record;
  const params = PARAMS.map((param) => ({
    param,
    a: ra.candidate[param],
    b: rb.candidate[param],
    deltaBps: rb.candidate[param] - ra.candidate[param],
  }));
  const intermediates = (Object.keys(rb.intermediate) as (keyof RiskIntermediates)[])
    .map((name) => {
      const va = ra.intermediate[name] ?? null;
      const vb = rb.intermediate[name] ?? null;
      const relativeChange =
        typeof va === 'number' && typeof vb === 'number' && va !== 0 ? (vb - va) / Math.abs(va) : null;
      return { name, a: va, b: vb, relativeChange };
    })
    .filter(({ a: va, b: vb }) => va !== vb)
    .sort((x, y) => Math.abs(y.relativeChange ?? Infinity) - Math.abs(x.relativeChange ?? Infinity));
  const flags = (Object.keys(rb.flags) as (keyof typeof rb.flags)[])
    .filter((flag) => ra.flags[flag] !== rb.flags[flag])
    .map((flag) => ({ flag, a: ra.flags[flag] ?? false, b: rb.flags[flag] ?? false }));
  const seen = new Set(a.inputs.candles.map((candle) => candle[0]));
  let attribution: RoundDiff['attribution'];
  if (b.config === null)
    attribution = {
      unavailable: `round ${bundleB.publication.round}: the config with hash ${rb.configHash} is not available`,
    };
  else if (rb.previousHash !== null && b.previous === null)
    attribution = {
      unavailable: `round ${bundleB.publication.round}: the previous state ${rb.previousHash} was not found`,
    };
  else {
    const hashScheme = hashSchemeOf(rb);
    const previous = {
      hashScheme,
      ...(b.previous === null ? {} : { previous: b.previous.state }),
      // A record continued from an engine checkpoint recomputes from it (docs/methodology.md §8.4).
      ...(b.checkpoint === undefined ? {} : { checkpoint: b.checkpoint.state }),
    };
    const again = computeRiskRecord({
      inputs: b.inputs,
      config: b.config,
      ...previous,
      modelVersion: rb.modelVersion,
    });
    if (hashCanonical(again, hashScheme) !== hashCanonical(rb, hashScheme)) {
      attribution = {
        unavailable: `round ${bundleB.publication.round}: recomputing ${asset} does not reproduce the stored record (run \`ballast verify\`)`,
      };
    } else {
      const { book: _book, ...withoutBook } = b.inputs;
      const swapped = computeRiskRecord({
        inputs: a.inputs.book === undefined ? withoutBook : { ...b.inputs, book: a.inputs.book },
        config: b.config,
        ...previous,
        modelVersion: rb.modelVersion,
      });
      attribution = {
        history: delta(swapped.target, ra.target),
        book: delta(rb.target, swapped.target),
        control: Object.fromEntries(
          PARAMS.map((p) => [p, rb.candidate[p] - rb.target[p] - (ra.candidate[p] - ra.target[p])]),
        ) as ParamDeltas,
      };
    }
  }
  return {
    asset,
    a: { round: bundleA.publication.round, recordTs: a.recordTs, asOf: ra.asOf },
    b: { round: bundleB.publication.round, recordTs: b.recordTs, asOf: rb.asOf },
    params,
    intermediates,
    flags,
    inputs: {
      referencePrice: [a.inputs.book?.referencePrice ?? null, b.inputs.book?.referencePrice ?? null],
      lastClose: [a.inputs.candles.at(-1)?.[4] ?? null, b.inputs.candles.at(-1)?.[4] ?? null],
      candles: [a.inputs.candles.length, b.inputs.candles.length],
      newCandles: b.inputs.candles.filter((candle) => !seen.has(candle[0])).length,
      degraded: [a.inputs.quality.degraded, b.inputs.quality.degraded],
      qualityReasonsB: b.inputs.quality.reasons,
    },
    configChanged: ra.configHash !== rb.configHash,
    modelChanged: ra.modelVersion !== rb.modelVersion,
    attribution,
    reasonsB: rb.reasons,
  };
}
