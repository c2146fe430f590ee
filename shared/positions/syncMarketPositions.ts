import { getAddress, zeroPadValue, type Provider } from 'ethers';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { MAX_ITEMS_PER_COMMIT, commitPositions } from '../store/commitPositions.js';
import { readPositionsCursor } from '../store/readPositionsCursor.js';
import type { CommittedRange, PositionsCursor } from '../store/PositionsCursor.js';
import type { MarketPosition } from '../store/MarketPosition.js';
import { marketKey } from './marketKey.js';
import { EXAMPLE_MARKET_TOPICS, decodePositionEvent, type PositionEvent } from './exampleMarketEvents.js';
import { PositionsIndexerError } from './errors.js';

/** Blocks per eth_getLogs request and commit. @default 2_000 */
export const DEFAULT_MAX_BLOCK_RANGE = 2_000;
/** Committed ranges remembered to find a fork point: the deepest reorg handled, in commits. @default 64 */
export const DEFAULT_RECENT_COMMITS = 64;

export interface SyncMarketPositionsParams {
  readonly provider: Provider;
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly chainId: number | bigint;
  /** ExampleLendingMarket address. */
  readonly market: string;
  /** First block to read (the market's deployment block). */
  readonly startBlock: number;
  /** Blocks behind the head left unread. 0 follows the head and repairs reorgs. @default 0 */
  readonly confirmations?: number;
  /** @default DEFAULT_MAX_BLOCK_RANGE */
  readonly maxBlockRange?: number;
  /** @default DEFAULT_RECENT_COMMITS */
  readonly recentCommits?: number;
}

export type SyncMarketPositionsResult =
  | {
      readonly kind: 'applied';
      readonly from: number;
      readonly to: number;
      readonly events: number;
      readonly accounts: readonly string[];
      readonly head: number;
    }
  | { readonly kind: 'up-to-date'; readonly block: number; readonly head: number }
  /** The tip moved while reading: nothing written, the next call reads again. */
  | { readonly kind: 'tip-changed'; readonly block: number }
  | {
      readonly kind: 'reorg';
      /** Newest committed block still on the chain; the cursor is back there. */
      readonly forkBlock: number;
      readonly orphanedEvents: number;
      /** Accounts restored to their state at `forkBlock` (or removed when they had none). */
      readonly repaired: readonly string[];
    };

function toPosition(event: PositionEvent): MarketPosition {
  return {
    account: getAddress(event.account),
    collateral: event.collateralAfter.toString(),
    debt: event.debtAfter.toString(),
    block: event.block,
    logIndex: event.logIndex,
    txHash: event.txHash,
  };
}

/** Followed events of `market` in [from, to], in chain order; optionally of one account only. */
async function readEvents(
  provider: Provider,
  market: string,
  from: number,
  to: number,
  account?: string,
): Promise<PositionEvent[]> {
  const topics: (string | string[])[] = [[...EXAMPLE_MARKET_TOPICS]];
  if (account !== undefined) topics.push(zeroPadValue(account, 32));
  const logs = await provider.getLogs({ address: market, topics, fromBlock: from, toBlock: to });
  return logs
    .filter((log) => !log.removed)
    .map(decodePositionEvent)
    .filter((event): event is PositionEvent => event !== undefined)
    .sort((a, b) => a.block - b.block || a.logIndex - b.logIndex);
}

/**
 * One step of the positions indexer of an ExampleLendingMarket: applies the next block range (up to
 * the head minus `confirmations`) to the positions table, or repairs a reorg, in one DynamoDB
 * transaction with the cursor. Call it on a schedule or in a loop until `up-to-date`.
 *
 * Exactly-once by construction: every market event carries the account's position after it, so a
 * range sets positions (never adds to them), and the range's positions and the cursor past it are
 * one conditional transaction. A crash before the commit leaves nothing (the range is read again);
 * after it, everything (the next call starts after it). A reorg is found by the hash of the cursor
 * block; the indexer walks its recent commits back to the newest one still on the chain, restores
 * every account a later commit touched to its last event up to that block (read from the chain),
 * and moves the cursor back there; the new blocks are applied by the following calls.
 */
export async function syncMarketPositions({
  provider,
  doc,
  tableName,
  chainId,
  market,
  startBlock,
  confirmations = 0,
  maxBlockRange = DEFAULT_MAX_BLOCK_RANGE,
  recentCommits = DEFAULT_RECENT_COMMITS,
}: SyncMarketPositionsParams): Promise<SyncMarketPositionsResult> {
  const key = marketKey(chainId, market);
  const cursor = await readPositionsCursor(doc, tableName, key);
  if (cursor !== undefined) {
    const onChain = await provider.getBlock(cursor.block);
    if (onChain?.hash !== cursor.hash)
      return repairReorg(provider, doc, tableName, key, market, startBlock, cursor);
  }

  const head = await provider.getBlockNumber();
  const from = (cursor?.block ?? startBlock - 1) + 1;
  const target = head - confirmations;
  if (from > target) return { kind: 'up-to-date', block: cursor?.block ?? startBlock - 1, head };
  let to = Math.min(target, from + maxBlockRange - 1);

  for (;;) {
    const tip = await provider.getBlock(to);
    if (tip?.hash === null || tip?.hash === undefined) return { kind: 'tip-changed', block: to };
    const events = await readEvents(provider, market, from, to);
    // A log of the tip block from another fork, or a tip replaced while reading: read again later.
    if (events.some((e) => e.block === to && e.blockHash !== tip.hash))
      return { kind: 'tip-changed', block: to };
    const latest = new Map<string, MarketPosition>();
    for (const event of events) latest.set(getAddress(event.account), toPosition(event));
    if (latest.size + 1 > MAX_ITEMS_PER_COMMIT) {
      if (to === from) {
        throw new PositionsIndexerError(
          `block ${from} of market ${market} changes ${latest.size} positions, more than one DynamoDB transaction holds (${MAX_ITEMS_PER_COMMIT - 1})`,
          {
            fix: 'this example indexer commits a block atomically; split such blocks across transactions first',
          },
        );
      }
      to = from + Math.floor((to - from) / 2);
      continue;
    }
    const accounts = [...latest.keys()];
    const range: CommittedRange = { block: to, hash: tip.hash, accounts, events: events.length };
    const next: PositionsCursor = {
      block: to,
      hash: tip.hash,
      eventsApplied: (cursor?.eventsApplied ?? 0) + events.length,
      recent: [...(cursor?.recent ?? []), range].slice(-recentCommits),
    };
    await commitPositions(doc, tableName, { market: key, previous: cursor, next, put: [...latest.values()] });
    return { kind: 'applied', from, to, events: events.length, accounts, head };
  }
}

async function repairReorg(
  provider: Provider,
  doc: DynamoDBDocumentClient,
  tableName: string,
  key: string,
  market: string,
  startBlock: number,
  cursor: PositionsCursor,
): Promise<SyncMarketPositionsResult> {
  // Newest remembered commit whose block is still the one we applied.
  let keep = -1;
  for (let i = cursor.recent.length - 1; i >= 0; i--) {
    const range = cursor.recent[i] as CommittedRange;
    if ((await provider.getBlock(range.block))?.hash === range.hash) {
      keep = i;
      break;
    }
  }
  if (keep < 0) {
    throw new PositionsIndexerError(
      `market ${market}: the chain reorganised below every one of the last ${cursor.recent.length} commits (cursor block ${cursor.block})`,
      { fix: 'delete the market from the positions table and index it again from its start block' },
    );
  }
  const fork = cursor.recent[keep] as CommittedRange;
  const orphaned = cursor.recent.slice(keep + 1);
  const accounts = [...new Set(orphaned.flatMap((range) => range.accounts))];
  const put: MarketPosition[] = [];
  const remove: string[] = [];
  for (const account of accounts) {
    // The account's last event up to the fork block holds its position there.
    const events = await readEvents(provider, market, startBlock, fork.block, account);
    const last = events.at(-1);
    if (last === undefined) remove.push(account);
    else put.push(toPosition(last));
  }
  if (put.length + remove.length + 1 > MAX_ITEMS_PER_COMMIT) {
    throw new PositionsIndexerError(
      `market ${market}: a reorg back to block ${fork.block} touches ${accounts.length} positions, more than one DynamoDB transaction holds`,
      { fix: 'delete the market from the positions table and index it again from its start block' },
    );
  }
  const orphanedEvents = orphaned.reduce((sum, range) => sum + range.events, 0);
  const next: PositionsCursor = {
    block: fork.block,
    hash: fork.hash,
    eventsApplied: cursor.eventsApplied - orphanedEvents,
    recent: cursor.recent.slice(0, keep + 1),
  };
  await commitPositions(doc, tableName, { market: key, previous: cursor, next, put, remove });
  return { kind: 'reorg', forkBlock: fork.block, orphanedEvents, repaired: accounts };
}
