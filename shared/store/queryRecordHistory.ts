import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { chainMarkNames, chainMarksFromItem, type ChainMark } from './chainMarks.js';
import { HistoryQueryError } from './errors.js';
import { readJsonAttribute } from './readJsonAttribute.js';
import type { PublishReason, RiskRecord } from '../risk/types.js';
import type { DynamoClients } from './createDynamoClients.js';
import type { TableNames } from './tables.js';

/** Largest page the store serves in one call (the API allows less). @default 1000 */
export const HISTORY_MAX_LIMIT = 1_000;

/** One record in a history page: the published figures and provenance, without the full record unless asked. */
export interface HistoryItem {
  readonly asset: string;
  /** Collection time of the cycle's snapshot, ms UTC (the item's sort key). */
  readonly ts: number;
  /** The engine's observation time (close of the last complete hourly candle), ms UTC. */
  readonly asOf: number;
  readonly modelVersion: string;
  readonly configHash: string;
  readonly inputsHash: string;
  readonly recordHash: string;
  readonly publishDue: boolean;
  readonly publishReason: PublishReason;
  readonly degraded: boolean;
  readonly frozen: boolean;
  /** The candidate parameters (what is published when `publishDue`), bp. */
  readonly volIndexBps: number;
  readonly ltvBps: number;
  readonly ltBps: number;
  readonly lbBps: number;
  /** Set once the record's parameters were published on-chain: the first round, on any chain. */
  readonly round?: string;
  readonly txHash?: string;
  /** The chain of `round` (absent on records published before chain marks existed). */
  readonly roundChainId?: number;
  /** Single-chain publishers before per-chain marks: why the record did not reach the chain. */
  readonly publishError?: string;
  /**
   * Per chain id: round, transaction, block or refusal on that chain (shared/store/chainMarks.ts);
   * with `include: 'summary'`, only the chains named in `chainIds`.
   */
  readonly chains?: Readonly<Record<string, ChainMark>>;
  /** The whole record; only with `include: 'full'`. */
  readonly record?: RiskRecord;
}

export interface QueryRecordHistoryParams {
  readonly asset: string;
  /** Inclusive lower bound on `ts`, ms UTC. @default 0 */
  readonly from?: number;
  /** Inclusive upper bound on `ts`, ms UTC. @default Number.MAX_SAFE_INTEGER */
  readonly to?: number;
  /** Items per page, 1..HISTORY_MAX_LIMIT. @default 100 */
  readonly limit?: number;
  /** `nextCursor` of the previous page, unchanged. */
  readonly cursor?: string;
  /** @default 'asc' (oldest first) */
  readonly order?: 'asc' | 'desc';
  /** 'summary' reads the figures only; 'full' also parses each stored record. @default 'summary' */
  readonly include?: 'summary' | 'full';
  /** Chains whose marks a summary reads (a full read has them all). @default [] */
  readonly chainIds?: readonly number[];
}

export interface QueryRecordHistoryResult {
  readonly items: HistoryItem[];
  /** Opaque cursor of the next page; absent on the last page. */
  readonly nextCursor?: string;
}

const SUMMARY_ATTRIBUTES = [
  'asset',
  'ts',
  'asOf',
  'modelVersion',
  'configHash',
  'inputsHash',
  'recordHash',
  'publishDue',
  'publishReason',
  'degraded',
  'frozen',
  'volIndexBps',
  'ltvBps',
  'ltBps',
  'lbBps',
  'round',
  'txHash',
  'roundChainId',
  'publishError',
] as const;

interface CursorKey {
  readonly asset: string;
  readonly ts: number;
}

/** The cursor is the key of the last item served, as base64url JSON: `{"asset":"BTC","ts":…}`. */
function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify({ asset: key.asset, ts: key.ts }), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string, asset: string, from: number, to: number): CursorKey {
  const invalid = (why: string): HistoryQueryError =>
    new HistoryQueryError('cursor', `"${cursor.slice(0, 80)}" is not a cursor of this query (${why})`, {
      fix: 'pass the nextCursor of the previous page unchanged, with the same asset, from and to; omit it for the first page',
    });
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(cursor)) throw invalid('not base64url');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid('does not decode');
  }
  if (typeof parsed !== 'object' || parsed === null) throw invalid('does not decode');
  const key = parsed as Record<string, unknown>;
  if (key.asset !== asset) throw invalid(`it belongs to asset ${JSON.stringify(key.asset)}`);
  if (typeof key.ts !== 'number' || !Number.isSafeInteger(key.ts)) throw invalid('no position');
  if (key.ts < from || key.ts > to) throw invalid('its position is outside from..to');
  return { asset, ts: key.ts };
}

function toItem(raw: Record<string, unknown>, full: boolean): HistoryItem {
  const item: Record<string, unknown> = {};
  for (const name of SUMMARY_ATTRIBUTES) if (raw[name] !== undefined) item[name] = raw[name];
  if (item.round !== undefined) item.round = String(item.round);
  if (item.roundChainId !== undefined) item.roundChainId = Number(item.roundChainId);
  const chains = chainMarksFromItem(raw);
  if (Object.keys(chains).length > 0) item.chains = chains;
  if (full) item.record = readJsonAttribute(raw, 'record') as RiskRecord;
  return item as unknown as HistoryItem;
}

/**
 * One page of an asset's risk records with `from ≤ ts ≤ to`, in key order. Pages are complete
 * and stable: the cursor is the key of the last item served, so walking every page returns each
 * record exactly once even while new (later) records are being written. A page is filled across
 * DynamoDB's 1 MB responses; one extra item is read to know whether another page exists, so the
 * last page never comes with a cursor to an empty page.
 * @throws HistoryQueryError naming the parameter (`from`, `to`, `limit`, `cursor`) that is not allowed.
 */
export async function queryRecordHistory(
  { doc }: DynamoClients,
  tables: TableNames,
  {
    asset,
    from = 0,
    to = Number.MAX_SAFE_INTEGER,
    limit = 100,
    cursor,
    order = 'asc',
    include = 'summary',
    chainIds = [],
  }: QueryRecordHistoryParams,
): Promise<QueryRecordHistoryResult> {
  if (!Number.isSafeInteger(from) || from < 0)
    throw new HistoryQueryError('from', `${from} is not allowed; expected ms UTC >= 0`);
  if (!Number.isSafeInteger(to) || to < 0)
    throw new HistoryQueryError('to', `${to} is not allowed; expected ms UTC >= 0`);
  if (from > to) throw new HistoryQueryError('from', `${from} is after to (${to}); expected from <= to`);
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > HISTORY_MAX_LIMIT) {
    throw new HistoryQueryError(
      'limit',
      `${limit} is not allowed; expected a whole number from 1 to ${HISTORY_MAX_LIMIT}`,
    );
  }
  const full = include === 'full';
  // Projection names: the summary attributes, then each asked chain's marks (`round@31338`, …).
  const projected = [...SUMMARY_ATTRIBUTES, ...chainIds.flatMap((id) => Object.values(chainMarkNames(id)))];
  const alias = new Map(projected.map((name, i) => [name, `#a${i}`]));
  const position = cursor === undefined ? undefined : decodeCursor(cursor, asset, from, to);
  // A cursor at the window's last key has nothing after it; DynamoDB refuses it as a start key.
  if (position !== undefined && (order === 'asc' ? position.ts >= to : position.ts <= from))
    return { items: [] };
  let startKey: Record<string, unknown> | undefined = position === undefined ? undefined : { ...position };
  const raw: Record<string, unknown>[] = [];
  do {
    const page = await doc.send(
      new QueryCommand({
        TableName: tables.parameters,
        KeyConditionExpression: 'asset = :asset AND #ts BETWEEN :from AND :to',
        ExpressionAttributeNames: {
          '#ts': 'ts',
          ...(full ? {} : Object.fromEntries([...alias].map(([name, key]) => [key, name]))),
        },
        ...(full ? {} : { ProjectionExpression: [...alias.values()].join(', ') }),
        ExpressionAttributeValues: { ':asset': asset, ':from': from, ':to': to },
        ScanIndexForward: order === 'asc',
        Limit: limit + 1 - raw.length,
        ExclusiveStartKey: startKey,
      }),
    );
    raw.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined && raw.length <= limit);
  const items = raw.slice(0, limit).map((item) => toItem(item, full));
  const last = items[items.length - 1];
  return raw.length > limit && last !== undefined ? { items, nextCursor: encodeCursor(last) } : { items };
}
