import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Provider } from 'ethers';
import type { PositionMarketConfig } from '../config/positionMarketConfig.js';
import { PositionsCursorMovedError } from '../store/errors.js';
import { marketKey } from './marketKey.js';
import { syncMarketPositions, type SyncMarketPositionsResult } from './syncMarketPositions.js';

/**
 * Time an indexer run keeps in hand: no step starts with less than this left, so the run ends
 * (and reports its lag) before the Lambda timeout. A step is one eth_getLogs range and one
 * DynamoDB transaction. @default 10_000 ms
 */
export const DEFAULT_INDEXER_STOP_MARGIN_MS = 10_000;

export interface IndexedMarket {
  readonly config: PositionMarketConfig;
  /** Runs a call against the market's chain (FailoverRpc.call, or one provider locally). */
  readonly withProvider: <T>(call: (provider: Provider) => Promise<T>) => Promise<T>;
}

export interface IndexMarketsParams {
  readonly markets: readonly IndexedMarket[];
  readonly doc: DynamoDBDocumentClient;
  /** The positions table. */
  readonly tableName: string;
  /** Milliseconds the caller may still run (the Lambda's `getRemainingTimeInMillis`); read before every step. */
  readonly remainingMs: () => number;
  /** @default DEFAULT_INDEXER_STOP_MARGIN_MS */
  readonly stopMarginMs?: number;
}

export interface MarketIndexOutcome {
  /** `<chainId>:<checksummed address>` (marketKey). */
  readonly market: string;
  /** `up-to-date`: at the head less its confirmations; `out-of-time`: the run ended first; `failed`: a step threw. */
  readonly status: 'up-to-date' | 'out-of-time' | 'failed';
  /** Steps taken (syncMarketPositions calls), events applied, reorgs repaired, in this run. */
  readonly steps: number;
  readonly events: number;
  readonly reorgs: number;
  /** Last block applied, and the head less confirmations it was measured against (when a step reported them). */
  readonly block?: number;
  readonly target?: number;
  /** `target − block`, ≥ 0, when both are known. */
  readonly lagBlocks?: number;
  readonly error?: Error;
}

export type IndexMarketsResult = readonly MarketIndexOutcome[];

interface Progress {
  market: string;
  status: MarketIndexOutcome['status'] | 'running';
  steps: number;
  events: number;
  reorgs: number;
  block?: number;
  target?: number;
  error?: Error;
}

function record(progress: Progress, result: SyncMarketPositionsResult, confirmations: number): void {
  if (result.kind === 'applied') {
    progress.events += result.events;
    progress.block = result.to;
    progress.target = result.head - confirmations;
  } else if (result.kind === 'up-to-date') {
    progress.block = result.block;
    progress.target = result.head - confirmations;
    progress.status = 'up-to-date';
  } else if (result.kind === 'reorg') {
    progress.reorgs += 1;
    progress.block = result.forkBlock;
  }
}

/**
 * The positions indexer's run: steps every market (syncMarketPositions) round-robin, one step each
 * in turn, until each is up to date or fewer than `stopMarginMs` remain, so one market's backlog
 * cannot starve another. A market whose step throws is reported `failed` and left for the next run;
 * the others go on. A step that lost a race to another indexer (PositionsCursorMovedError) wrote
 * nothing and is simply taken again from the new cursor. Every step commits on its own, so a run
 * killed at any point loses nothing: the next one continues from the stored cursor.
 */
export async function indexMarkets({
  markets,
  doc,
  tableName,
  remainingMs,
  stopMarginMs = DEFAULT_INDEXER_STOP_MARGIN_MS,
}: IndexMarketsParams): Promise<IndexMarketsResult> {
  const progress: Progress[] = markets.map(({ config }) => ({
    market: marketKey(config.chainId, config.address),
    status: 'running',
    steps: 0,
    events: 0,
    reorgs: 0,
  }));
  for (;;) {
    const running = markets
      .map((m, i) => ({ m, p: progress[i] as Progress }))
      .filter(({ p }) => p.status === 'running');
    if (running.length === 0) break;
    let stepped = false;
    for (const { m, p } of running) {
      if (remainingMs() <= stopMarginMs) break;
      stepped = true;
      p.steps += 1;
      try {
        const result = await m.withProvider((provider) =>
          syncMarketPositions({
            provider,
            doc,
            tableName,
            chainId: m.config.chainId,
            market: m.config.address,
            startBlock: m.config.startBlock,
            confirmations: m.config.confirmations,
            ...(m.config.maxBlockRange === undefined ? {} : { maxBlockRange: m.config.maxBlockRange }),
          }),
        );
        record(p, result, m.config.confirmations);
      } catch (error) {
        if (error instanceof PositionsCursorMovedError) continue;
        p.status = 'failed';
        p.error = error instanceof Error ? error : new Error(String(error));
      }
    }
    if (!stepped) break;
  }
  return progress.map(({ status, block, target, error, ...rest }) => ({
    ...rest,
    status: status === 'running' ? 'out-of-time' : status,
    ...(block === undefined ? {} : { block }),
    ...(target === undefined ? {} : { target }),
    ...(block === undefined || target === undefined ? {} : { lagBlocks: Math.max(0, target - block) }),
    ...(error === undefined ? {} : { error }),
  }));
}
