/**
 * Every CloudWatch metric Ballast emits, named once: the handlers and stages emit them through
 * these constants, and the alarms and the dashboard (infra/) read them from here, so a renamed
 * metric can never leave an alarm watching nothing. Units and dimensions are in
 * docs/operations.md.
 */
export const BALLAST_METRICS = {
  /** Seconds since the on-chain observation of an asset (dimension `Asset`). */
  assetStaleness: 'AssetStalenessSeconds',
  /** A collect cycle below venue quorum (dimension `Asset`). */
  degradedCycles: 'DegradedCycles',
  /** Age of the oldest attempt of a transaction still pending, seconds. */
  pendingTxAge: 'PendingTxAgeSeconds',
  /** The signer's balance, ether. */
  signerBalance: 'SignerBalanceEth',
  /** KMS requests throttled (each retried). */
  kmsThrottles: 'KmsThrottles',
  /** Assets in a sent batch. */
  batchSize: 'BatchSize',
  /** Gas used by a mined batch. */
  batchGasUsed: 'BatchGasUsed',
  /** Batches or assets refused, reverted or dropped. */
  publishFailures: 'PublishFailures',
  /** A publish step that found the lease held by another invocation. */
  publisherBusy: 'PublisherBusy',
  /** RPC calls moved to the next endpoint. */
  rpcFailovers: 'RpcFailovers',
  /** Fees above the chain's cap: nothing signed, or no further replacement. */
  feeCapReached: 'FeeCapReached',
  /** Fee-bumped replacements of a pending transaction. */
  txReplacements: 'TxReplacements',
  /**
   * Blocks between a followed market's indexed cursor and the chain head less its confirmations,
   * after an indexer run (dimension `Market`, `<chainId>:<address>`).
   */
  indexerLag: 'IndexerLagBlocks',
  /** Position alert-state changes the monitor wrote in a cycle (each one alert). */
  alertTransitions: 'AlertTransitions',
  /** Position alerts dead-lettered in a cycle: every delivery attempt failed (alarmed). */
  alertsDeadLettered: 'AlertsDeadLettered',
  /** Failed alert delivery attempts in a cycle (webhook or topic), each retried or dead-lettered. */
  alertDeliveryFailures: 'AlertDeliveryFailures',
} as const;

/**
 * CloudWatch namespace of every Ballast metric; the CDK stack passes it to the Lambdas as
 * POWERTOOLS_METRICS_NAMESPACE.
 * @default "Ballast"
 */
export const BALLAST_METRICS_NAMESPACE = 'Ballast';
