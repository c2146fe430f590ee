/**
 * The DynamoDB tables, written once: the local stack creates them from here and the CDK stack
 * declares them from here, so keys can never drift between the two. See docs/data-model.md.
 */
export interface TableDefinition {
  /** Logical name; the physical name is `${prefix}-${logicalName}`. */
  readonly logicalName: string;
  readonly partitionKey: { readonly name: string; readonly type: 'S' | 'N' };
  readonly sortKey?: { readonly name: string; readonly type: 'S' | 'N' };
  readonly globalIndexes?: readonly {
    readonly indexName: string;
    readonly partitionKey: { readonly name: string; readonly type: 'S' | 'N' };
    readonly sortKey?: { readonly name: string; readonly type: 'S' | 'N' };
  }[];
  /** Attribute holding the expiry time in epoch seconds, when items expire. */
  readonly ttlAttribute?: string;
}

export const TABLES = {
  /** Market snapshots: compact books, venue status and the engine's inputs (Brotli JSON), per asset and cycle. */
  snapshots: {
    logicalName: 'snapshots',
    partitionKey: { name: 'asset', type: 'S' },
    sortKey: { name: 'ts', type: 'N' },
    ttlAttribute: 'expiresAt',
  },
  /** Risk records: one per asset and cycle, with provenance; written once, never overwritten. */
  parameters: {
    logicalName: 'parameters',
    partitionKey: { name: 'asset', type: 'S' },
    sortKey: { name: 'ts', type: 'N' },
  },
  /**
   * Resolved asset configs by canonical hash (`configHash`, as records name them): a config is
   * the same for every record computed with it, so it is stored once here, not with each record.
   * Written once, never overwritten.
   */
  configs: {
    logicalName: 'configs',
    partitionKey: { name: 'configHash', type: 'S' },
  },
  /** Per-asset head: the last published state the control layer starts from, and health facts. */
  assets: {
    logicalName: 'assets',
    partitionKey: { name: 'asset', type: 'S' },
  },
  /** On-chain publications (rounds): the signed batch, signatures and outcome; also by tx hash. */
  publications: {
    logicalName: 'publications',
    partitionKey: { name: 'oracle', type: 'S' },
    sortKey: { name: 'round', type: 'N' },
    globalIndexes: [{ indexName: 'byTxHash', partitionKey: { name: 'txHash', type: 'S' } }],
  },
  /** Transaction ledger: one item per (chain, sender, nonce), written before broadcasting. */
  ledger: {
    logicalName: 'ledger',
    partitionKey: { name: 'sender', type: 'S' },
    sortKey: { name: 'nonce', type: 'N' },
  },
  /**
   * Engine checkpoints (docs/methodology.md §8.4): one per asset-hour, the engine state after the
   * candle opening at `hourTs`, hashed and naming its predecessor's hash, with the candles that
   * moved the predecessor to it (each reference candle is stored once, here). Written once.
   */
  checkpoints: {
    logicalName: 'checkpoints',
    partitionKey: { name: 'asset', type: 'S' },
    sortKey: { name: 'hourTs', type: 'N' },
  },
  /**
   * Reference candles (docs/data-model.md), one item per asset-hour: the engine's hourly candle of
   * `asset` opening at `hourTs`, stored once by the first collect that saw it closed. Append-only
   * in time: a collect writes only candles after the newest stored one, conditionally, so a stored
   * range never changes and snapshots, records and checkpoints reference candles by hour.
   */
  candles: {
    logicalName: 'candles',
    partitionKey: { name: 'asset', type: 'S' },
    sortKey: { name: 'hourTs', type: 'N' },
  },
  /**
   * Correlations of each cycle (docs/cross-asset.md §1): EWMA, stressed and moved, computed from
   * the cycle's snapshots; one item per cycle under the partition `cycle`, written once.
   */
  correlations: {
    logicalName: 'correlations',
    partitionKey: { name: 'scope', type: 'S' },
    sortKey: { name: 'ts', type: 'N' },
  },
  /** Leases that make the publisher a single writer per (chain, key). */
  leases: {
    logicalName: 'leases',
    partitionKey: { name: 'name', type: 'S' },
  },
  /**
   * Borrowers' positions by source (an indexed market `<chainId>:<address>`, or `push:<protocol>`):
   * `pos#<account>` items, the source's `meta` and the indexer's `cursor` (docs/positions.md).
   */
  positions: {
    logicalName: 'positions',
    partitionKey: { name: 'market', type: 'S' },
    sortKey: { name: 'key', type: 'S' },
  },
  /**
   * The position monitor (docs/positions.md, "Alerts"): each position's alert state (`state`), the
   * alerts still to deliver (`outbox`), delivered (`sent`) and dead-lettered (`dead`) alerts, and
   * the health of the positions near the edge per cycle (`health`); partition = that scope.
   */
  alerts: {
    logicalName: 'alerts',
    partitionKey: { name: 'scope', type: 'S' },
    sortKey: { name: 'key', type: 'S' },
    ttlAttribute: 'expiresAt',
  },
} as const satisfies Record<string, TableDefinition>;

export type TableKey = keyof typeof TABLES;

/** Physical table names for a deployment prefix (stage). */
export type TableNames = Record<TableKey, string>;

/** @default prefix "ballast" */
export function tableNames(prefix = 'ballast'): TableNames {
  const names = {} as Record<TableKey, string>;
  for (const key of Object.keys(TABLES) as TableKey[]) names[key] = `${prefix}-${TABLES[key].logicalName}`;
  return names;
}
