import type { ChainMark } from './chainMarks.js';
import { publishErrorOnChain } from './publishErrorOnChain.js';
import { roundOnChain } from './roundOnChain.js';

/**
 * A record on one chain (docs/multi-chain.md): `published` (a mined round carried it there),
 * `failed` (that chain refused or reverted it: `error`), `pending` (due, not on that chain: its
 * round is in flight, the chain is down or lagging, or a newer record superseded it), `not-due`
 * (the engine found nothing to publish and no catch-up carried it there).
 */
export type RecordChainState = 'published' | 'failed' | 'pending' | 'not-due';

export interface RecordChainStatus {
  /** The chain's name in the stage config (`local-31338` on a local stack). */
  readonly chain: string;
  readonly chainId: number;
  readonly status: RecordChainState;
  readonly round: string | null;
  readonly txHash: string | null;
  /** Block of the mined round; null for records marked before block marks were kept. */
  readonly blockNumber: number | null;
  readonly error: string | null;
}

/** The fields of a stored record (or a history item) that say what became of it per chain. */
export interface ChainMarkedRecord {
  readonly publishDue: boolean;
  readonly round?: string;
  readonly txHash?: string;
  readonly roundChainId?: number;
  readonly publishError?: string;
  readonly chains?: Readonly<Record<string, ChainMark>>;
}

/** What became of a record on `chain`, from its marks (old records without marks: shared/store/chainMarks.ts). */
export function recordChainStatus(
  record: ChainMarkedRecord,
  chain: { readonly name: string; readonly chainId: number },
): RecordChainStatus {
  const mark = record.chains?.[String(chain.chainId)];
  const round = roundOnChain(record, chain.chainId);
  const error = round === undefined ? publishErrorOnChain(record, chain.chainId) : undefined;
  const legacy = mark?.round === undefined && round !== undefined;
  const status: RecordChainState =
    round !== undefined
      ? 'published'
      : error !== undefined
        ? 'failed'
        : record.publishDue
          ? 'pending'
          : 'not-due';
  return {
    chain: chain.name,
    chainId: chain.chainId,
    status,
    round: round ?? null,
    txHash: (legacy ? record.txHash : mark?.txHash) ?? null,
    blockNumber: legacy ? null : (mark?.blockNumber ?? null),
    error: error ?? null,
  };
}
