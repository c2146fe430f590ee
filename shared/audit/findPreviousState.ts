import { hashCanonical } from '../risk/provenance/hashCanonical.js';
import type { HashScheme } from '../risk/provenance/hashSchemes.js';
import type { PublishedState } from '../risk/types.js';
import type { DynamoClients } from '../store/createDynamoClients.js';
import { queryRecordHistory } from '../store/queryRecordHistory.js';
import type { TableNames } from '../store/tables.js';

export interface FindPreviousStateParams {
  readonly asset: string;
  /** Key of the record whose starting state is sought. */
  readonly beforeTs: number;
  /** `record.previousHash`: sha256 of the canonical JSON of the state the engine started from. */
  readonly previousHash: string;
  /** The scheme `previousHash` was computed with: the record's own (`hashSchemeOf(record)`). */
  readonly hashScheme: HashScheme;
  /** How many earlier records to search, newest first. @default 500 */
  readonly searchLimit?: number;
}

/**
 * The state a record was computed from. Records form a hash chain: each stores the hash of the
 * state it started from, which is the `nextState` of an earlier record of the asset (usually the
 * one just before; further back when a due publication failed and the head stayed put).
 * Returns undefined when no record within `searchLimit` has that state.
 */
export async function findPreviousState(
  dynamo: DynamoClients,
  tables: TableNames,
  { asset, beforeTs, previousHash, hashScheme, searchLimit = 500 }: FindPreviousStateParams,
): Promise<{ recordTs: number; state: PublishedState } | undefined> {
  let cursor: string | undefined;
  let searched = 0;
  do {
    const limit = Math.min(100, searchLimit - searched);
    const page = await queryRecordHistory(dynamo, tables, {
      asset,
      to: beforeTs - 1,
      limit,
      order: 'desc',
      include: 'full',
      ...(cursor === undefined ? {} : { cursor }),
    });
    for (const item of page.items) {
      if (item.record !== undefined && hashCanonical(item.record.nextState, hashScheme) === previousHash) {
        return { recordTs: item.ts, state: item.record.nextState };
      }
    }
    searched += page.items.length;
    cursor = page.nextCursor;
  } while (cursor !== undefined && searched < searchLimit);
  return undefined;
}
