import { getAssetHead } from '../../store/getAssetHead.js';
import { getRiskRecord } from '../../store/getRiskRecord.js';
import type { RecordKey, StoredRiskRecord } from '../../store/StoredRiskRecord.js';
import { readLatest } from '../../chain/oracle/readLatest.js';
import { roundOnChain } from '../../store/roundOnChain.js';
import { readGuardrails } from '../../chain/oracle/readGuardrails.js';
import type { RiskParams } from '../../chain/oracle/types.js';
import { stepFromChain, type ChainStepLimits } from '../../risk/control/stepFromChain.js';
import type { PublishedAsset } from '../../store/Publication.js';
import { laneIncludes } from './laneIncludes.js';
import type { PublisherContext } from './PublisherContext.js';

/** A due record the publisher leaves out, and why. */
export interface SkippedRecord extends RecordKey {
  readonly reason: 'already-published' | 'superseded';
  /** The round that carries it (already published), or that carries a newer record (superseded). */
  readonly round?: string;
  /** `ts` of the newer record already published for the asset (superseded). */
  readonly byTs?: number;
}

/** The four parameters a batch carries for one asset, bp. */
export interface SentParamsBps {
  readonly volIndexBps: number;
  readonly ltvBps: number;
  readonly ltBps: number;
  readonly lbBps: number;
}

/** A record this lane publishes, with the values it sends to this chain. */
export type DueRecord = StoredRiskRecord & {
  /** The record's candidate, or, on a chain that lags, its values stepped from what the chain holds. */
  readonly sent: SentParamsBps;
  /** Set when `sent` is not the candidate: how it was stepped (kept on the round, checked by verify). */
  readonly catchUp?: PublishedAsset['catchUp'];
  /** What this chain holds for the asset before the round (null: nothing yet): the impact's "from". */
  readonly held: { readonly ltBps: number } | null;
};

export interface LoadDueRecordsResult {
  /** Sorted by asset, so a batch's order never depends on the order the stages finished in. */
  readonly due: DueRecord[];
  readonly skipped: SkippedRecord[];
  /** Assets in `due` only because this chain lags behind another (catch-up, docs/multi-chain.md). */
  readonly catchUp: string[];
}

/**
 * The records this chain's lane publishes (docs/multi-chain.md), among the lane's assets:
 * - a due record not yet on THIS chain (its chain mark) and not superseded by a newer record that
 *   moved the asset's head (on any chain, or by compute);
 * - catch-up: a record the engine found not due, when this chain lags, i.e. what the chain holds
 *   for the asset was observed before the newest publication on any chain, differs from the
 *   engine's on-chain values (the record's `published`), or it holds nothing while another chain
 *   does. The current record is sent, never the backlog it missed.
 * What is sent steps from what THIS chain holds (stepFromChain, within its contract's guardrails),
 * so a chain that lags by more than one step is not refused (`StepTooLarge`) but ramps over
 * several rounds; when the step reaches the record's candidate, the candidate is sent as is.
 */
export async function loadDueRecords(
  context: PublisherContext,
  records: readonly (RecordKey & { readonly publishDue: boolean })[],
): Promise<LoadDueRecordsResult> {
  const chainId = context.rpc.chainId;
  const due: DueRecord[] = [];
  const skipped: SkippedRecord[] = [];
  const catchUp: string[] = [];
  const oracle = (provider: Parameters<Parameters<typeof context.rpc.call>[0]>[0]) => ({
    address: context.oracleAddress,
    runner: provider,
  });
  await Promise.all(
    records
      .filter((r) => laneIncludes(context.lane, r.asset))
      .map(async (r) => {
        const [head, stored] = await Promise.all([
          getAssetHead(context.dynamo, context.tables, r.asset),
          getRiskRecord(context.dynamo, context.tables, r),
        ]);
        let onChain: RiskParams | undefined | null = null; // null: not read yet
        if (!r.publishDue) {
          // Only another chain's newer publication makes a quiet record worth sending here.
          if (head?.lastObservedAt === undefined) return;
          onChain = await context.rpc.call((provider) => readLatest(oracle(provider), r.asset));
          if (!lagsBehind(onChain, head.lastObservedAt, stored.record.published)) return;
        }
        const key = { asset: r.asset, ts: r.ts };
        const round = roundOnChain(stored, chainId);
        if (round !== undefined) skipped.push({ ...key, reason: 'already-published', round });
        else if (head !== undefined && supersedes(head.recordTs, r, stored))
          skipped.push({
            ...key,
            reason: 'superseded',
            byTs: head.recordTs,
            ...(head.lastRound === undefined ? {} : { round: head.lastRound }),
          });
        else {
          onChain ??= await context.rpc.call((provider) => readLatest(oracle(provider), r.asset));
          const held = onChain === undefined ? null : { ltBps: onChain.ltBps };
          due.push({ ...(await stepRecord(context, stored, r.publishDue, onChain)), held });
          if (!r.publishDue) catchUp.push(r.asset);
        }
      }),
  );
  catchUp.sort();
  due.sort((a, b) => a.asset.localeCompare(b.asset));
  skipped.sort((a, b) => a.asset.localeCompare(b.asset) || a.ts - b.ts);
  return { due, skipped, catchUp };
}

const RATE_LIMITED = ['ltvBps', 'ltBps', 'lbBps'] as const;
const SENT = ['volIndexBps', 'ltvBps', 'ltBps', 'lbBps'] as const;

/**
 * What this chain is sent for `stored`: the engine's values (a due record's candidate, which is
 * its `published`; a catch-up's `published`, what the chain in step holds), stepped from what the
 * chain holds within the guardrails read from its contract. Guardrails are read only when the
 * chain's values differ from the target, or for a catch-up of a chain that holds nothing.
 */
async function stepRecord(
  context: PublisherContext,
  stored: StoredRiskRecord,
  publishDue: boolean,
  onChain: RiskParams | undefined,
): Promise<Omit<DueRecord, 'held'>> {
  const { candidate, published: target } = stored.record;
  const differs = onChain === undefined ? !publishDue : RATE_LIMITED.some((k) => onChain[k] !== target[k]);
  if (!differs && publishDue) return { ...stored, sent: pick(candidate) };
  const guardrails = differs
    ? await context.rpc.call((provider) =>
        readGuardrails({ address: context.oracleAddress, runner: provider }, stored.asset),
      )
    : undefined;
  const limits: ChainStepLimits | undefined =
    guardrails === undefined || guardrails.maxLtBps === 0 // not configured there: the contract says so
      ? undefined
      : {
          maxLoosenBps: guardrails.maxLoosenBps,
          maxTightenBps: guardrails.maxTightenBps,
          ltv: [guardrails.minLtvBps, guardrails.maxLtvBps],
          lt: [guardrails.minLtBps, guardrails.maxLtBps],
          lb: [guardrails.minLbBps, guardrails.maxLbBps],
        };
  const stepped =
    limits === undefined
      ? pick(target)
      : { volIndexBps: target.volIndexBps, ...stepFromChain({ from: onChain, target, limits }) };
  if (SENT.every((k) => stepped[k] === candidate[k])) return { ...stored, sent: pick(candidate) };
  return {
    ...stored,
    sent: stepped,
    ...(limits === undefined
      ? {}
      : {
          catchUp: {
            from:
              onChain === undefined
                ? null
                : { ltvBps: onChain.ltvBps, ltBps: onChain.ltBps, lbBps: onChain.lbBps },
            limits,
          },
        }),
  };
}

const pick = (p: SentParamsBps): SentParamsBps => ({
  volIndexBps: p.volIndexBps,
  ltvBps: p.ltvBps,
  ltBps: p.ltBps,
  lbBps: p.lbBps,
});

/**
 * Whether the head has moved past `r`: to a newer record, or to `r` itself by a publication that
 * left no chain mark on it. A due record's head moves only when it is published; when another
 * chain published it (its mark is there, not this chain's), this chain still publishes it.
 * A record that was not due moved the head at compute time and may still be a chain's catch-up.
 */
function supersedes(
  headTs: number,
  r: { readonly ts: number; readonly publishDue: boolean },
  stored: StoredRiskRecord,
): boolean {
  if (headTs !== r.ts) return headTs > r.ts;
  const anyRound = Object.values(stored.chains ?? {}).some((mark) => mark.round !== undefined);
  return r.publishDue && !anyRound && stored.round === undefined;
}

/**
 * Whether this chain lags for an asset: it holds nothing, holds parameters observed before the
 * newest publication on any chain (ms), or holds other values than the engine's (a catch-up that
 * had to ramp, docs/multi-chain.md).
 */
function lagsBehind(
  onChain: RiskParams | undefined,
  lastObservedAt: number,
  published: SentParamsBps,
): boolean {
  if (onChain === undefined) return true;
  return onChain.observedAt * 1000 < lastObservedAt || RATE_LIMITED.some((k) => onChain[k] !== published[k]);
}
