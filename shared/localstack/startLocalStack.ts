import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AssetsConfig } from '../config/assetsConfig.js';
import { startAnvil } from './startAnvil.js';
import { startDynamoDbLocal } from './startDynamoDbLocal.js';
import { startExchangeSimulator } from './exchangeSim/startExchangeSimulator.js';
import { startKmsServer } from './kms/startKmsServer.js';

export interface StartLocalStackParams {
  readonly assets: AssetsConfig;
  /**
   * Real hourly candles to replay in the exchange simulator; when the folder is absent the
   * simulator runs a seeded simulation instead.
   * @default "../shared/data/ohlcv" relative to the working directory
   */
  readonly dataDir?: string;
  /** Seed of the simulator's book shapes and simulated prices. @default 1 */
  readonly seed?: number;
  /** Fixed ports; a part without one gets a free port from the OS. */
  readonly ports?: StackPorts;
  /**
   * Replay history from this time (ms UTC): the simulator's clock starts there and serves candles
   * as recorded, and the chain's genesis is an hour earlier. @default undefined (real time)
   */
  readonly replayFromMs?: number;
  /** Folder for the parts' log files (`<part>.log`). @default none */
  readonly logDir?: string;
}

export const STACK_PARTS = ['anvil', 'dynamodb', 'kms', 'exchange'] as const;
export type StackPorts = Partial<Record<(typeof STACK_PARTS)[number], number>>;

export interface LocalStack {
  readonly anvil: { readonly rpcUrl: string; readonly chainId: number };
  readonly dynamodb: { readonly endpoint: string };
  readonly kms: {
    readonly endpoint: string;
    /** Requests served per KMS operation (e.g. `Sign`), for tests that count signatures. */
    requestCounts: () => Readonly<Record<string, number>>;
    /** Makes the next `count` requests (of `operation`, or any) fail, e.g. `setFault('throttle', 2, 'Sign')`. */
    setFault: Awaited<ReturnType<typeof startKmsServer>>['setFault'];
  };
  readonly exchange: {
    readonly baseUrl: string;
    setFault: Awaited<ReturnType<typeof startExchangeSimulator>>['setFault'];
  };
  /** Stops every part; safe to call more than once. */
  stop(): Promise<void>;
}

/** Default location of the real candles beside the project. */
export const DEFAULT_DATA_DIR = join('..', 'shared', 'data', 'ohlcv');

/**
 * Starts the embedded local stack, every part on 127.0.0.1 and a free port, in parallel:
 * anvil, DynamoDB Local, the KMS-compatible endpoint and the exchange simulator.
 * If any part fails to start, the parts already up are stopped before the error is thrown.
 */
export async function startLocalStack({
  assets,
  dataDir = DEFAULT_DATA_DIR,
  seed = 1,
  ports = {},
  replayFromMs,
  logDir,
}: StartLocalStackParams): Promise<LocalStack> {
  const log = (part: string) => (logDir === undefined ? {} : { logFile: join(logDir, `${part}.log`) });
  const stops: (() => Promise<void>)[] = [];
  const track = <T extends { stop(): Promise<void> }>(part: Promise<T>): Promise<T> =>
    part.then((started) => {
      stops.push(() => started.stop());
      return started;
    });
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await Promise.allSettled(stops.map((fn) => fn()));
  };
  const results = await Promise.allSettled([
    track(
      startAnvil({
        ...(ports.anvil === undefined ? {} : { port: ports.anvil }),
        ...(replayFromMs === undefined ? {} : { timestamp: (replayFromMs - 3_600_000) / 1000 }),
        ...log('anvil'),
      }),
    ),
    track(
      startDynamoDbLocal({
        ...(ports.dynamodb === undefined ? {} : { port: ports.dynamodb }),
        ...log('dynamodb'),
      }),
    ),
    track(startKmsServer(ports.kms === undefined ? {} : { port: ports.kms })),
    track(
      startExchangeSimulator({
        assets,
        seed,
        ...(existsSync(dataDir) ? { dataDir } : {}),
        ...(ports.exchange === undefined ? {} : { port: ports.exchange }),
        ...(replayFromMs === undefined ? {} : { replayFromMs }),
      }),
    ),
  ] as const);
  const failures = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failures.length > 0) {
    await stop();
    throw failures[0]?.reason;
  }
  const [anvil, dynamodb, kms, exchange] = results.map(
    (result) => (result as PromiseFulfilledResult<unknown>).value,
  ) as [
    Awaited<ReturnType<typeof startAnvil>>,
    Awaited<ReturnType<typeof startDynamoDbLocal>>,
    Awaited<ReturnType<typeof startKmsServer>>,
    Awaited<ReturnType<typeof startExchangeSimulator>>,
  ];
  return {
    anvil: { rpcUrl: anvil.rpcUrl, chainId: anvil.chainId },
    dynamodb: { endpoint: dynamodb.endpoint },
    kms: {
      endpoint: kms.endpoint,
      requestCounts: () => kms.requestCounts(),
      setFault: (kind, count, operation) => kms.setFault(kind, count, operation),
    },
    exchange: { baseUrl: exchange.baseUrl, setFault: exchange.setFault.bind(exchange) },
    stop,
  };
}
