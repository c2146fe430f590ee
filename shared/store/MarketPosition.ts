/** One account's position after the latest applied event. Amounts are token units, decimal strings. */
export interface MarketPosition {
  readonly account: string;
  readonly collateral: string;
  readonly debt: string;
  /** Block and log index of the event that set it. */
  readonly block: number;
  readonly logIndex: number;
  readonly txHash: string;
}
