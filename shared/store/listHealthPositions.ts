import { paginateScan } from '@aws-sdk/lib-dynamodb';
import { formatUnits } from 'ethers';
import type { HealthPosition } from '../risk/health/types.js';
import type { DynamoClients } from './createDynamoClients.js';
import type { PositionSource } from './registerPositionSource.js';
import type { TableNames } from './tables.js';

export interface ListHealthPositionsResult {
  /** Every position of every registered source, amounts in asset units; id `<market>/<account>`. */
  readonly positions: readonly HealthPosition[];
  /** The sources read, by partition key. */
  readonly sources: readonly PositionSource[];
  /** Partitions holding positions but no `meta` item: not evaluated. */
  readonly unregistered: readonly string[];
}

const toNumber = (units: unknown, decimals: number): number => Number(formatUnits(String(units), decimals));

/**
 * Reads the whole positions table (a paginated, strongly consistent scan) and returns the positions
 * of every registered source as health-factor inputs: an indexed market's token units become
 * amounts of its collateral and debt assets; pushed positions are already per asset.
 */
export async function listHealthPositions(
  { doc }: DynamoClients,
  tables: TableNames,
): Promise<ListHealthPositionsResult> {
  const sources = new Map<string, PositionSource>();
  const raw: Record<string, unknown>[] = [];
  for await (const page of paginateScan(
    { client: doc },
    { TableName: tables.positions, ConsistentRead: true },
  )) {
    for (const item of page.Items ?? []) {
      const key = item.key as string;
      if (key === 'meta') sources.set(item.market as string, item as unknown as PositionSource);
      else if (key.startsWith('pos#')) raw.push(item);
    }
  }
  const positions: HealthPosition[] = [];
  const unregistered = new Set<string>();
  for (const item of raw) {
    const market = item.market as string;
    const source = sources.get(market);
    if (source === undefined) {
      unregistered.add(market);
      continue;
    }
    const id = `${market}/${item.account as string}`;
    const alert = typeof item.alertLevel === 'number' ? { alertLevel: item.alertLevel } : {};
    if (source.kind === 'market') {
      positions.push({
        id,
        collateral: { [source.collateralAsset]: toNumber(item.collateral, source.collateralDecimals) },
        debt: { [source.debtAsset]: toNumber(item.debt, source.debtDecimals) },
        ...alert,
      });
    } else {
      positions.push({
        id,
        collateral: item.collateral as Record<string, number>,
        debt: item.debt as Record<string, number>,
        ...alert,
      });
    }
  }
  positions.sort((a, b) => a.id.localeCompare(b.id));
  return { positions, sources: [...sources.values()], unregistered: [...unregistered].sort() };
}
