/**
 * Position health types (docs/methodology.md §11). Amounts are in units of each asset (1.5 ETH is
 * 1.5), never USD; prices are USD per unit; liquidation thresholds are basis points.
 */

/** One borrower's position, whatever its source (an indexed market or a protocol's snapshot). */
export interface HealthPosition {
  /** Unique across sources: `<source>/<account>`. */
  readonly id: string;
  readonly collateral: Readonly<Record<string, number>>;
  readonly debt: Readonly<Record<string, number>>;
  /** HF below which the holder is alerted; absent: the default (DEFAULT_ALERT_LEVEL). */
  readonly alertLevel?: number;
}

/** The liquidation thresholds a health factor is computed under: per asset and per pair (`C/D`). */
export interface HealthParams {
  readonly ltBps: Readonly<Record<string, number>>;
  /** Pair LTs, keyed by pair id `COLLATERAL/DEBT` (docs/cross-asset.md). */
  readonly pairLtBps?: Readonly<Record<string, number>>;
}

/** USD per unit of each asset (reference prices; cash assets at 1). */
export type HealthPrices = Readonly<Record<string, number>>;
