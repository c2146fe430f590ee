import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { assertPortFree } from './assertPortFree.js';
import { AnvilStartError } from './errors.js';
import { LOOPBACK, freePort } from './freePort.js';
import { startLocalProcess, type LocalProcess } from './startLocalProcess.js';

export interface StartAnvilParams {
  /** @default a free port chosen by the OS */
  readonly port?: number;
  /** Seconds between automatically mined blocks; unset mines one block per transaction. */
  readonly blockTime?: number;
  /** Disable automatic mining (blocks only via `evm_mine`). @default false */
  readonly noMining?: boolean;
  /** @default 31337 (anvil's own default, so dev tooling recognises it) */
  readonly chainId?: number;
  /** Appends anvil's output to this file. */
  readonly logFile?: string;
  /** Genesis block time, seconds UTC (a replay starts the chain in the past). @default now */
  readonly timestamp?: number;
  /**
   * State file (`anvil --state`): loaded at start when it exists, written when anvil stops, so a
   * chain stopped and started again on the same port keeps its blocks and contracts. @default none
   */
  readonly stateFile?: string;
}

export interface StartAnvilResult {
  readonly rpcUrl: string;
  readonly chainId: number;
  readonly port: number;
  /** The watchdog that owns anvil (it leads anvil's process group). */
  readonly process: ChildProcess;
  /** Stops anvil and waits for it to exit; safe to call more than once. */
  stop(): Promise<void>;
}

/** How long a stopping anvil with a state file may take to write it before it is killed, ms. @default 30000 */
const STATE_DUMP_GRACE_MS = 30_000;

/** Default chain id of the local chain. @default 31337 */
export const DEFAULT_ANVIL_CHAIN_ID = 31_337;

/** Platform package suffixes published by @foundry-rs/anvil (platform-arch, Node's names → Foundry's). */
const ARCH: Readonly<Record<string, string>> = { x64: 'amd64', arm64: 'arm64' };

/**
 * Path of the anvil binary shipped in the platform package of @foundry-rs/anvil
 * (e.g. @foundry-rs/anvil-linux-amd64/bin/anvil).
 */
function anvilBinaryPath(): string {
  const pkg = `@foundry-rs/anvil-${process.platform}-${ARCH[process.arch] ?? process.arch}`;
  const require = createRequire(import.meta.url);
  let dir: string;
  try {
    dir = dirname(require.resolve(`${pkg}/package.json`));
  } catch (error) {
    throw new AnvilStartError(`the anvil binary package ${pkg} is not installed`, {
      cause: error,
      fix: 'run `npm ci` in the project root (anvil comes with the optional dependency @foundry-rs/anvil-linux-amd64; on another platform install @foundry-rs/anvil-<os>-<arch> where the registry serves it)',
    });
  }
  const binary = join(dir, 'bin', process.platform === 'win32' ? 'anvil.exe' : 'anvil');
  if (!existsSync(binary)) {
    throw new AnvilStartError(`${pkg} is installed but has no binary at ${binary}`, {
      fix: 'reinstall it: `rm -rf node_modules/@foundry-rs && npm ci`',
    });
  }
  return binary;
}

/**
 * Starts anvil on 127.0.0.1 (never another interface) and resolves once it answers
 * `eth_chainId` with the expected chain id. A port already in use fails fast with that reason.
 */
export async function startAnvil({
  port: requestedPort,
  blockTime,
  noMining = false,
  chainId = DEFAULT_ANVIL_CHAIN_ID,
  logFile,
  timestamp,
  stateFile,
}: StartAnvilParams = {}): Promise<StartAnvilResult> {
  const binary = anvilBinaryPath();
  // A requested port is probed first: if another anvil already listens there, the health check
  // below would be answered by that one and a conflict would pass unnoticed.
  if (requestedPort !== undefined) await assertPortFree('anvil', requestedPort);
  const port = requestedPort ?? (await freePort());
  const args = ['--host', LOOPBACK, '--port', String(port), '--chain-id', String(chainId)];
  if (blockTime !== undefined) args.push('--block-time', String(blockTime));
  if (noMining) args.push('--no-mining');
  if (timestamp !== undefined) args.push('--timestamp', String(Math.floor(timestamp)));
  if (stateFile !== undefined) args.push('--state', stateFile);
  const rpcUrl = `http://${LOOPBACK}:${port}`;
  let anvil: LocalProcess;
  try {
    anvil = await startLocalProcess({
      name: 'anvil',
      command: binary,
      args,
      what: `anvil JSON-RPC on ${rpcUrl}`,
      port,
      portInUse: /address already in use|os error 98|AddrInUse/i,
      timeoutMs: 15_000,
      intervalMs: 25,
      ...(logFile === undefined ? {} : { logFile }),
      probe: async () => {
        const response = await fetch(rpcUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
          signal: AbortSignal.timeout(2_000),
        });
        const body = (await response.json()) as { result?: string };
        if (body.result === undefined) return false;
        if (Number(body.result) !== chainId) {
          throw new AnvilStartError(
            `${rpcUrl} answered chain id ${Number(body.result)}, expected ${chainId}`,
          );
        }
        return true;
      },
    });
  } catch (error) {
    throw error instanceof AnvilStartError
      ? error
      : new AnvilStartError(`anvil did not start: ${(error as Error).message}`, { cause: error });
  }
  return {
    rpcUrl,
    chainId,
    port,
    process: anvil.process,
    // With a state file anvil writes its chain on SIGTERM: a loaded machine must not SIGKILL it
    // mid-write (a restarted chain would come back without its last blocks).
    stop: () => anvil.stop(stateFile === undefined ? undefined : STATE_DUMP_GRACE_MS),
  };
}
