import './terminalEnvironment.js';
/**
 * The detached process that owns a running local stack (`ballast stack up`, `ballast run --local`).
 * It starts every part, bootstraps them (tables, KMS key, oracle contract), writes
 * `.ballast/stack.json`, reports readiness to its parent over IPC, and stops every child on
 * SIGTERM/SIGINT before removing the state file.
 */
import { readFileSync } from 'node:fs';
import { parseAssetsConfig } from '../config/parseAssetsConfig.js';
import { BallastError } from '../errors/BallastError.js';
import { bootstrapLocalStack } from './bootstrapLocalStack.js';
import {
  removeStackState,
  STACK_LOG_DIR,
  toStackState,
  writeStackState,
  type StackState,
} from './stackState.js';
import { startLocalStack, type LocalStack, type StackPorts } from './startLocalStack.js';

/** What the parent asks the supervisor to start (written to a file, passed by path). */
export interface StackRequest {
  readonly assets: unknown;
  readonly ports: StackPorts;
  /** Replay history from this time, ms UTC (`ballast run --local --replay`). */
  readonly replayFromMs?: number;
  /** Folder of `<ASSET>_USDT-1h.csv` candles to serve. @default ../shared/data/ohlcv */
  readonly dataDir?: string;
  /** Local chains (anvils), docs/multi-chain.md. @default 1 */
  readonly chains?: number;
}

export type SupervisorMessage =
  | { type: 'ready'; state: StackState }
  /** `fix`: the failed part's own fix (e.g. how to install java), for the parent's one line. */
  | { type: 'error'; message: string; fix?: string };

const configFile = process.argv[2];
let stack: LocalStack | undefined;
let stopping = false;
let ready = false;

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    await stack?.stop();
    removeStackState();
  }
  process.exit(code);
}

process.on('SIGTERM', () => void shutdown(0));
process.on('SIGINT', () => void shutdown(0));
process.on('SIGHUP', () => void shutdown(0));
// The parent that asked for the stack died before it was ready (Ctrl-C, SIGKILL): nobody wants it.
process.on('disconnect', () => {
  if (!ready) void shutdown(1);
});

try {
  if (configFile === undefined) throw new Error('usage: supervisor.ts <stack-request.json>');
  const request = JSON.parse(readFileSync(configFile, 'utf8')) as StackRequest;
  const assets = parseAssetsConfig(request.assets, configFile);
  stack = await startLocalStack({
    assets,
    ports: request.ports,
    logDir: STACK_LOG_DIR,
    ...(request.replayFromMs === undefined ? {} : { replayFromMs: request.replayFromMs }),
    ...(request.dataDir === undefined ? {} : { dataDir: request.dataDir }),
    ...(request.chains === undefined ? {} : { chains: request.chains }),
  });
  if (stopping) await new Promise(() => undefined);
  const boot = await bootstrapLocalStack({ stack, assets, replay: request.replayFromMs !== undefined });
  if (stopping) await new Promise(() => undefined);
  const state: StackState = {
    ...toStackState(process.pid, stack, boot),
    options: {
      ports: request.ports,
      ...(request.replayFromMs === undefined ? {} : { replayFromMs: request.replayFromMs }),
      ...(request.dataDir === undefined ? {} : { dataDir: request.dataDir }),
      ...(request.chains === undefined ? {} : { chains: request.chains }),
    },
  };
  writeStackState(state);
  ready = true;
  process.send?.({ type: 'ready', state } satisfies SupervisorMessage);
  process.disconnect?.();
  // Stay alive until told to stop; the children (anvil, java) and the in-process servers live with us.
  setInterval(() => undefined, 1 << 30);
} catch (error) {
  const fix = error instanceof BallastError ? error.fix : undefined;
  const message = (error instanceof Error ? error.message : String(error)).replace(/\n\s*fix: [\s\S]*$/, '');
  process.send?.({
    type: 'error',
    message,
    ...(fix === undefined ? {} : { fix }),
  } satisfies SupervisorMessage);
  await shutdown(1);
}
