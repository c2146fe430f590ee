import type { CorrelationsResult } from '../risk/crossAsset/computeCorrelations.js';
import type { RiskParamsBps, RiskReason, PublishReason } from '../risk/types.js';
import type { RoundImpact } from '../risk/health/RoundImpact.js';
import type { PublicationStatus } from '../store/Publication.js';
import type { RecordChainStatus } from '../store/recordChainStatus.js';

/** A round's recorded impact on positions (docs/positions.md). */
export interface ReportRoundImpact {
  readonly round: string;
  /** When the round was recorded (before it was sent), ms UTC. */
  readonly createdAt: number;
  readonly impact: RoundImpact;
}

/** One cycle of one asset, as the report draws it. */
export interface ReportRecord {
  /** Collection time, ms UTC. */
  readonly ts: number;
  readonly asOf: number;
  /** Model version the record names (docs/methodology.md §8.3). */
  readonly modelVersion?: string;
  readonly candidate: RiskParamsBps;
  readonly target: RiskParamsBps;
  readonly degraded: boolean;
  readonly frozen: boolean;
  readonly publishDue: boolean;
  readonly publishReason: PublishReason;
  /** Set when the record was published on-chain (the first round, on any chain). */
  readonly round: string | null;
  readonly txHash: string | null;
  /** What became of the record on each target chain of the report (docs/multi-chain.md). */
  readonly chains: readonly RecordChainStatus[];
  readonly reasons: readonly RiskReason[];
}

export interface ReportAsset {
  readonly asset: string;
  readonly configured: boolean;
  /** Oldest first. */
  readonly records: readonly ReportRecord[];
}

/** A target chain of the report and its newest round. */
export interface ReportChain {
  readonly name: string;
  readonly chainId: number;
  readonly lastRound: string | null;
  readonly lastRoundStatus: PublicationStatus | null;
  readonly lastTxHash: string | null;
  readonly lastBlockNumber: number | null;
  readonly lastError: string | null;
}

/** Everything the governance report shows; rendering is a pure function of this. */
export interface ReportData {
  /** ms UTC */
  readonly generatedAt: number;
  readonly from: number | null;
  readonly to: number | null;
  /** Where the data came from, e.g. the table prefix. */
  readonly source: string;
  readonly assets: readonly ReportAsset[];
  /** Correlations of the assets from the candles of their latest records (docs/cross-asset.md); null with fewer than two. */
  readonly correlations?: CorrelationsResult | null;
  /** The target chains the report covers (every chain, or the one `--chain-id` names); absent: none known. */
  readonly chains?: readonly ReportChain[];
  /** Rounds of the window with their impact on positions; absent without an oracle to read rounds of. */
  readonly impacts?: readonly ReportRoundImpact[];
}
