import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AssetsConfig } from '../config/assetsConfig.js';
import { DEFAULT_ANVIL_CHAIN_ID, startAnvil, type StartAnvilResult } from './startAnvil.js';
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
  /**
   * Chains (anvils) to run, with chain ids 31337, 31338, …: more than one for multi-chain
   * publication (docs/multi-chain.md). `npm start` runs one. @default 1
   */
  readonly chains?: number;
}

/** One local chain of the stack. */
export interface LocalChain {
  /** `local-<chainId>` */
  readonly name: string;
  readonly rpcUrl: string;
  readonly chainId: number;
  /**
   * Stops this chain's node, as an outage would (multi-chain stacks only; its state is kept in a
   * state file). Calls to its RPC URL fail until `start()`.
   */
  stop(): Promise<void>;
  /** Starts a stopped node again on the same port, with the blocks and contracts it had. */
  start(): Promise<void>;
}

/** Most local chains a stack runs. @default 4 */
export const MAX_LOCAL_CHAINS = 4;

export const STACK_PARTS = ['anvil', 'dynamodb', 'kms', 'exchange'] as const;
export type StackPorts = Partial<Record<(typeof STACK_PARTS)[number], number>>;

export interface LocalStack {
  /** The first chain (the only one unless started with `chains`). */
  readonly anvil: { readonly rpcUrl: string; readonly chainId: number };
  /** Every chain, the first one included. */
  readonly chains: readonly LocalChain[];
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
  chains = 1,
}: StartLocalStackParams): Promise<LocalStack> {
  if (!Number.isInteger(chains) || chains < 1 || chains > MAX_LOCAL_CHAINS)
    throw new RangeError(
      `chains: ${chains} is not allowed; expected a whole number from 1 to ${MAX_LOCAL_CHAINS}`,
    );
  const log = (part: string) => (logDir === undefined ? {} : { logFile: join(logDir, `${part}.log`) });
  // Multi-chain stacks keep each chain's state in a file, so a chain can be stopped and restarted.
  const stateDir = chains > 1 ? mkdtempSync(join(tmpdir(), 'ballast-chains-')) : undefined;
  const anvilParams = (index: number, port: number | undefined) => {
    const chainId = DEFAULT_ANVIL_CHAIN_ID + index;
    return {
      chainId,
      ...(port === undefined ? {} : { port }),
      ...(replayFromMs === undefined ? {} : { timestamp: (replayFromMs - 3_600_000) / 1000 }),
      ...(stateDir === undefined ? {} : { stateFile: join(stateDir, `anvil-${chainId}.json`) }),
      ...log(index === 0 ? 'anvil' : `anvil-${chainId}`),
    };
  };
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
    if (stateDir !== undefined) rmSync(stateDir, { recursive: true, force: true });
  };
  // Each chain's node, replaced when it is stopped and started again.
  const nodes: (StartAnvilResult | undefined)[] = [];
  const startNode = async (index: number, port: number | undefined): Promise<StartAnvilResult> => {
    const node = await startAnvil(anvilParams(index, port));
    nodes[index] = node;
    return node;
  };
  stops.push(async () => {
    await Promise.allSettled(nodes.map((node) => node?.stop()));
  });
  const results = await Promise.allSettled([
    Promise.all(Array.from({ length: chains }, (_, i) => startNode(i, i === 0 ? ports.anvil : undefined))),
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
  const [anvils, dynamodb, kms, exchange] = results.map(
    (result) => (result as PromiseFulfilledResult<unknown>).value,
  ) as [
    StartAnvilResult[],
    Awaited<ReturnType<typeof startDynamoDbLocal>>,
    Awaited<ReturnType<typeof startKmsServer>>,
    Awaited<ReturnType<typeof startExchangeSimulator>>,
  ];
  const anvil = anvils[0] as StartAnvilResult;
  const localChains: LocalChain[] = anvils.map((node, index) => ({
    name: `local-${node.chainId}`,
    rpcUrl: node.rpcUrl,
    chainId: node.chainId,
    stop: async () => {
      if (stateDir === undefined)
        throw new RangeError('only a multi-chain stack (chains > 1) can stop and restart a chain');
      const running = nodes[index];
      nodes[index] = undefined;
      await running?.stop();
    },
    start: async () => {
      if (nodes[index] === undefined && !stopped) await startNode(index, node.port);
    },
  }));
  return {
    anvil: { rpcUrl: anvil.rpcUrl, chainId: anvil.chainId },
    chains: localChains,
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
