import type { RecordKey } from './StoredRiskRecord.js';
import type { DynamoClients } from './createDynamoClients.js';
import { StoredItemError } from './errors.js';
import { getSnapshot } from './getSnapshot.js';
import type { TableNames } from './tables.js';

/** Assets valued at 1 USD in health factors (debt tokens, stablecoins). */
export const CASH_PRICES: Readonly<Record<string, number>> = { USD: 1, USDC: 1, USDT: 1 };

/**
 * Reference prices of a cycle, USD per unit: each asset record's snapshot (pairs give none), and
 * cash at 1. A record without its snapshot (expired, or seeded by hand) gives no price, so
 * positions holding that asset are counted as unknown, never as safe.
 */
export async function readCyclePrices(
  dynamo: DynamoClients,
  tables: TableNames,
  cycle: readonly RecordKey[],
): Promise<Record<string, number>> {
  const prices: Record<string, number> = { ...CASH_PRICES };
  const snapshots = await Promise.all(
    cycle.map(({ asset, ts }) =>
      getSnapshot(dynamo, tables, asset, ts, { withCandles: false }).catch((error: unknown) => {
        if (error instanceof StoredItemError) return undefined;
        throw error;
      }),
    ),
  );
  for (const snapshot of snapshots) {
    const price = snapshot?.compact.referencePrice;
    if (snapshot !== undefined && price != null && !snapshot.asset.includes('/'))
      prices[snapshot.asset] = price;
  }
  return prices;
}
