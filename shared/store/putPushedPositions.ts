import { BallastError } from '../errors/BallastError.js';
import { BatchWriteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoClients } from './createDynamoClients.js';
import type { TableNames } from './tables.js';

/** One position a protocol pushes: amounts in asset units. Both sides empty removes it. */
export interface PushedPosition {
  readonly account: string;
  readonly collateral: Readonly<Record<string, number>>;
  readonly debt: Readonly<Record<string, number>>;
  readonly alertLevel?: number | undefined;
}

export interface PutPushedPositionsParams {
  readonly protocol: string;
  readonly positions: readonly PushedPosition[];
  /** ms UTC, stored as `updatedAt`. */
  readonly now: number;
}

/** DynamoDB's limit on requests in one BatchWriteItem. */
const BATCH = 25;

/**
 * Stores a protocol's pushed positions in partition `push:<protocol>` of the positions table
 * (docs/positions.md): registers the source, then writes each position (or deletes it when both
 * its sides are empty) in batches of 25, re-sending what DynamoDB leaves unprocessed. A retry with
 * the same body writes the same items: the call is idempotent.
 */
export async function putPushedPositions(
  { doc }: DynamoClients,
  tables: TableNames,
  { protocol, positions, now }: PutPushedPositionsParams,
): Promise<{ readonly stored: number; readonly removed: number }> {
  const market = `push:${protocol}`;
  await doc.send(
    new PutCommand({ TableName: tables.positions, Item: { market, key: 'meta', kind: 'push', protocol } }),
  );
  let stored = 0;
  let removed = 0;
  const requests = positions.map((p) => {
    const empty = Object.keys(p.collateral).length === 0 && Object.keys(p.debt).length === 0;
    if (empty) {
      removed++;
      return { DeleteRequest: { Key: { market, key: `pos#${p.account}` } } };
    }
    stored++;
    return {
      PutRequest: {
        Item: {
          market,
          key: `pos#${p.account}`,
          account: p.account,
          collateral: p.collateral,
          debt: p.debt,
          ...(p.alertLevel === undefined ? {} : { alertLevel: p.alertLevel }),
          updatedAt: now,
        },
      },
    };
  });
  for (let i = 0; i < requests.length; i += BATCH) {
    let pending: Record<string, unknown>[] | undefined = requests.slice(i, i + BATCH);
    for (let attempt = 0; pending !== undefined && pending.length > 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1_000, 50 * 2 ** attempt)));
      const result = await doc.send(
        new BatchWriteCommand({ RequestItems: { [tables.positions]: pending as never } }),
      );
      pending = result.UnprocessedItems?.[tables.positions] as Record<string, unknown>[] | undefined;
      if (attempt > 8 && pending !== undefined && pending.length > 0)
        throw new BallastError(
          `DynamoDB left ${pending.length} position writes unprocessed after ${attempt + 1} attempts`,
          { fix: 'the table is throttled; send the same request again (it is idempotent)' },
        );
    }
  }
  return { stored, removed };
}
