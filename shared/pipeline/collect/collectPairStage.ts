import { createHash } from 'node:crypto';
import { InputError } from '../../errors/BallastError.js';
import { parsePairId } from '../../config/parsePairId.js';
import type { CompactMarketSnapshot } from '../../market/compactSnapshot.js';
import { pairRiskInputs } from '../../risk/crossAsset/pairRiskInputs.js';
import { getSnapshot, type StoredSnapshot } from '../../store/getSnapshot.js';
import { putSnapshot } from '../../store/putSnapshot.js';
import { UnknownAssetError } from '../errors.js';
import type { PipelineContext } from '../PipelineContext.js';
import type { CollectStageResult } from './collectStage.js';

/** Where a pair's leg was stored this cycle: the key collect returned for that asset. */
export interface PairLegKey {
  readonly asset: string;
  readonly ts: number;
}

export interface CollectPairStageParams {
  /** Pair id `C/D`, configured under `pairs`. */
  readonly pair: string;
  /** The collateral's and the debt's snapshots of this cycle. */
  readonly collateral: PairLegKey;
  readonly debt: PairLegKey;
}

/**
 * Stage 1 for a pair (docs/cross-asset.md §2): no venue is read again. The legs' snapshots this
 * cycle's asset collects stored are read back, the pair's engine inputs are derived from them
 * (pairRiskInputs: the ratio candles and C's book in units of D), and the pair's snapshot is stored
 * under the pair id, keyed by the later leg's collection time, naming both legs. A retry with the
 * same legs writes the same bytes, so nothing new.
 */
export async function collectPairStage(
  context: PipelineContext,
  { pair, collateral, debt }: CollectPairStageParams,
): Promise<CollectStageResult> {
  const legs = parsePairId(pair);
  if (context.config.pairs[pair] === undefined || legs === undefined)
    throw new UnknownAssetError(pair, Object.keys(context.config.pairs));
  if (legs.collateral !== collateral.asset || legs.debt !== debt.asset)
    throw new InputError(
      `legs: collateral "${collateral.asset}" and debt "${debt.asset}" were given for pair "${pair}"; expected ${legs.collateral} and ${legs.debt}`,
      { fix: "pass the keys collect returned for the pair's own collateral and debt" },
    );
  const [c, d] = await Promise.all([
    getSnapshot(context.dynamo, context.tables, collateral.asset, collateral.ts),
    getSnapshot(context.dynamo, context.tables, debt.asset, debt.ts),
  ]);
  const inputs = pairRiskInputs({ pair, collateral: c.inputs, debt: d.inputs });
  const ts = Math.max(c.ts, d.ts);
  const compact = pairCompactSnapshot(pair, ts, inputs, c, d);
  const { inputsHash } = await putSnapshot(context.dynamo, context.tables, {
    asset: pair,
    ts,
    compact,
    inputs,
  });
  return {
    asset: pair,
    ts,
    degraded: inputs.quality.degraded,
    inputsHash,
    referencePrice: inputs.book?.referencePrice ?? null,
    // The venues are the collateral's: its book is the pair's (the debt's only scales it).
    venues: c.compact.venues.map((v) => ({
      venue: v.venue,
      ok: v.ok,
      ...(v.excludedReason === undefined ? {} : { excludedReason: v.excludedReason }),
    })),
  };
}

/** The pair's compact record: the ratio's scalars and candles by hash, C's depth in USD, the legs. */
function pairCompactSnapshot(
  pair: string,
  ts: number,
  inputs: ReturnType<typeof pairRiskInputs>,
  c: StoredSnapshot,
  d: StoredSnapshot,
): CompactMarketSnapshot {
  const k = d.compact.referencePrice;
  const scale = (price: number | null): number | null => (price === null || k === null ? null : price / k);
  const first = inputs.candles[0];
  const last = inputs.candles[inputs.candles.length - 1];
  return {
    asset: pair,
    ts,
    referencePrice: inputs.book?.referencePrice ?? null,
    bestBid: scale(c.compact.bestBid),
    bestAsk: scale(c.compact.bestAsk),
    depth2PctUsd: c.compact.depth2PctUsd,
    slippage: c.compact.slippage,
    depthCurve: c.compact.depthCurve,
    topBids: k === null ? [] : c.compact.topBids.map(([price, size]) => [price / k, size * k] as const),
    bidLevels: c.compact.bidLevels,
    candles: {
      count: inputs.candles.length,
      firstTs: first?.[0] ?? null,
      lastTs: last?.[0] ?? null,
      lastClose: last?.[4] ?? null,
      sha256: createHash('sha256').update(JSON.stringify(inputs.candles)).digest('hex'),
    },
    venues: c.compact.venues,
    quoteRates: c.compact.quoteRates,
    quorum: {
      required: Math.max(c.compact.quorum.required, d.compact.quorum.required),
      accepted: Math.min(c.compact.quorum.accepted, d.compact.quorum.accepted),
    },
    degraded: inputs.quality.degraded,
    reasons: inputs.quality.reasons,
    expiresAt: Math.min(c.compact.expiresAt, d.compact.expiresAt),
    legs: {
      collateral: { asset: c.asset, ts: c.ts, inputsHash: c.inputsHash },
      debt: { asset: d.asset, ts: d.ts, inputsHash: d.inputsHash },
    },
  };
}
