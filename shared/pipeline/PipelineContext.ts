import type { AssetsConfig } from '../config/assetsConfig.js';
import type { DynamoClients } from '../store/createDynamoClients.js';
import type { TableNames } from '../store/tables.js';

/** What every stage needs, built once per process (Lambda cold start, or the local runner). */
export interface PipelineContext {
  readonly config: AssetsConfig;
  readonly dynamo: DynamoClients;
  readonly tables: TableNames;
  /**
   * Base URL standing in for every venue's host (the exchange simulator). Absent: the venues'
   * real public hosts.
   */
  readonly venueBaseUrl?: string;
  /** Wall clock in ms; injected so tests can pin time. The risk engine itself never reads a clock. */
  readonly now: () => number;
  /** Engine version the compute stage runs (docs/methodology.md §8.3). @default DEFAULTS.modelVersion */
  readonly modelVersion?: string;
}
