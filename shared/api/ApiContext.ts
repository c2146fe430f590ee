import type { PositionKeyHashes } from './positionKeyHashes.js';
import type { AssetsConfig } from '../config/assetsConfig.js';
import type { DynamoClients } from '../store/createDynamoClients.js';
import type { TableNames } from '../store/tables.js';

/** Everything the read API needs, built once per process (Lambda cold start, `ballast api --local`, tests). */
export interface ApiContext {
  readonly dynamo: DynamoClients;
  readonly tables: TableNames;
  /** The stage's assets config: the configured assets and their heartbeats; rounds carry the config of their records. */
  readonly config: AssetsConfig;
  /** The RiskOracle whose rounds `/v1/rounds/{round}` serves; absent when the stage has no chain configured. */
  readonly oracle?: { readonly chainId: number; readonly address: string };
  /**
   * `PUT /v1/positions` keys: protocol → SHA-256 hex of its API key (never the key itself), loaded
   * once from the secret; absent when the stage accepts no pushed positions.
   */
  readonly positionKeys?: () => Promise<PositionKeyHashes>;
  /** Wall clock, ms; injected so tests can pin time. */
  readonly now: () => number;
}
