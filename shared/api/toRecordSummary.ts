import type { HistoryItem } from '../store/queryRecordHistory.js';
import { recordChainStatus, type RecordChainStatus } from '../store/recordChainStatus.js';
import { toIso } from './toIso.js';

/** A risk record's figures and provenance as the API serves them (no undefined: absent is null). */
export interface RecordSummary {
  readonly asset: string;
  readonly ts: number;
  /** `ts` as ISO-8601: when the cycle's market data was collected. */
  readonly collectedAt: string;
  /** The engine's observation time (close of the last complete hourly candle), ISO-8601. */
  readonly asOf: string;
  readonly volIndexBps: number;
  readonly ltvBps: number;
  readonly ltBps: number;
  readonly lbBps: number;
  readonly publishDue: boolean;
  readonly publishReason: string;
  readonly degraded: boolean;
  readonly frozen: boolean;
  /** The first round that carried the record, on any chain (`chains` has each chain's). */
  readonly round: string | null;
  readonly txHash: string | null;
  /** What became of the record on each target chain read (docs/multi-chain.md). */
  readonly chains: RecordChainStatus[];
  readonly modelVersion: string;
  readonly configHash: string;
  readonly inputsHash: string;
  readonly recordHash: string;
}

export function toRecordSummary(
  item: HistoryItem,
  chains: readonly { readonly name: string; readonly chainId: number }[],
): RecordSummary {
  return {
    asset: item.asset,
    ts: item.ts,
    collectedAt: toIso(item.ts) ?? '',
    asOf: toIso(item.asOf) ?? '',
    volIndexBps: item.volIndexBps,
    ltvBps: item.ltvBps,
    ltBps: item.ltBps,
    lbBps: item.lbBps,
    publishDue: item.publishDue,
    publishReason: item.publishReason,
    degraded: item.degraded,
    frozen: item.frozen,
    round: item.round ?? null,
    txHash: item.txHash ?? null,
    chains: chains.map((chain) => recordChainStatus(item, chain)),
    modelVersion: item.modelVersion,
    configHash: item.configHash,
    inputsHash: item.inputsHash,
    recordHash: item.recordHash,
  };
}
