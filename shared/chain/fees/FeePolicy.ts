/** EIP-1559 fee policy of one chain. Amounts in wei. */
export interface FeePolicy {
  /** Multiplier on the next block's base fee for `maxFeePerGas` headroom. @default 2 */
  readonly baseFeeMultiplier: number;
  /** Percentile of recent priority fees paid. @default 50 */
  readonly priorityPercentile: number;
  /** Floor of the priority fee. @default 1 gwei (1_000_000_000n) */
  readonly minPriorityFeePerGas: bigint;
  /** Hard cap of `maxFeePerGas`; a fee above it is never signed. @default 500 gwei */
  readonly maxFeePerGasCap: bigint;
  /** Replacement bump, in percent; EIP-1559 nodes require at least 10–12.5 %. @default 12.5 */
  readonly bumpPercent: number;
  /** Recent blocks read for the priority fee. @default 10 */
  readonly historyBlocks: number;
}

export const DEFAULT_FEE_POLICY: FeePolicy = {
  baseFeeMultiplier: 2,
  priorityPercentile: 50,
  minPriorityFeePerGas: 1_000_000_000n,
  maxFeePerGasCap: 500_000_000_000n,
  bumpPercent: 12.5,
  historyBlocks: 10,
};

export interface Fees {
  readonly maxFeePerGas: bigint;
  readonly maxPriorityFeePerGas: bigint;
}
