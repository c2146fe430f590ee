import type { PositionKeyHashes } from './positionKeyHashes.js';
import type { AssetsConfig } from '../config/assetsConfig.js';
import type { DynamoClients } from '../store/createDynamoClients.js';
import type { TableNames } from '../store/tables.js';

/** A target chain as the readers see it: its name, id and RiskOracle (and, for the CLI, an RPC URL). */
export interface ReadChain {
  readonly name: string;
  readonly chainId: number;
  readonly address: string;
  readonly rpcUrl?: string;
}

/** Everything the read API needs, built once per process (Lambda cold start, `ballast api --local`, tests). */
export interface ApiContext {
  readonly dynamo: DynamoClients;
  readonly tables: TableNames;
  /** The stage's assets config: the configured assets and their heartbeats; rounds carry the config of their records. */
  readonly config: AssetsConfig;
  /** The stage's first chain's RiskOracle; absent when the stage has no chain configured. */
  readonly oracle?: { readonly chainId: number; readonly address: string };
  /**
   * Every target chain of the stage, in config order (docs/multi-chain.md): what `chain`
   * selects and the per-chain status lists. @default the one chain of `oracle`, named `chain-<id>`
   */
  readonly chains?: readonly ReadChain[];
  /**
   * `PUT /v1/positions` keys: protocol → SHA-256 hex of its API key (never the key itself), loaded
   * once from the secret; absent when the stage accepts no pushed positions.
   */
  readonly positionKeys?: () => Promise<PositionKeyHashes>;
  /** Wall clock, ms; injected so tests can pin time. */
  readonly now: () => number;
}
