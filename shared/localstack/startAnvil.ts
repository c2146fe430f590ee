import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { BallastError } from '../errors/BallastError.js';
import { LOOPBACK, freePort } from './freePort.js';
import { stopChild } from './stopChild.js';
import { waitFor } from './waitFor.js';

export interface StartAnvilParams {
  /** @default a free port chosen by the OS */
  readonly port?: number;
  /** Seconds between automatically mined blocks; unset mines one block per transaction. */
  readonly blockTime?: number;
  /** Disable automatic mining (blocks only via `evm_mine`). @default false */
  readonly noMining?: boolean;
  /** @default 31337 (anvil's own default, so dev tooling recognises it) */
  readonly chainId?: number;
}

export interface StartAnvilResult {
  readonly rpcUrl: string;
  readonly chainId: number;
  readonly port: number;
  readonly process: ChildProcess;
  /** Stops anvil and waits for it to exit; safe to call more than once. */
  stop(): Promise<void>;
}

export class AnvilStartError extends BallastError {
  override name = 'AnvilStartError';
}

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
}: StartAnvilParams = {}): Promise<StartAnvilResult> {
  const binary = anvilBinaryPath();
  // A requested port is probed first: if another anvil already listens there, the health check
  // below would be answered by that one and a conflict would pass unnoticed.
  if (requestedPort !== undefined) await assertPortFree(requestedPort);
  const port = requestedPort ?? (await freePort());
  const args = ['--host', LOOPBACK, '--port', String(port), '--chain-id', String(chainId)];
  if (blockTime !== undefined) args.push('--block-time', String(blockTime));
  if (noMining) args.push('--no-mining');
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let exited: string | undefined;
  child.once('error', (error) => {
    exited = `could not run ${binary}: ${error.message}`;
  });
  child.once('exit', (code, signal) => {
    exited = `anvil exited (code ${code ?? 'none'}, signal ${signal ?? 'none'}): ${output.trim().split('\n').slice(-3).join(' | ')}`;
  });
  // A parent that dies without calling stop() must not leave anvil running.
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  const stop = async (): Promise<void> => {
    process.removeListener('exit', killOnExit);
    await stopChild(child);
  };

  const rpcUrl = `http://${LOOPBACK}:${port}`;
  try {
    await waitFor({
      what: `anvil JSON-RPC on ${rpcUrl}`,
      timeoutMs: 15_000,
      intervalMs: 25,
      failed: () =>
        exited !== undefined && /address already in use|os error 98|AddrInUse/i.test(exited)
          ? `port ${port} on ${LOOPBACK} is already in use; pass another port, or none to pick a free one`
          : exited,
      probe: async () => {
        const response = await fetch(rpcUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
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
    if (exited !== undefined)
      throw new AnvilStartError(`anvil on ${rpcUrl} stopped right after starting: ${exited}`);
  } catch (error) {
    await stop();
    throw error instanceof AnvilStartError
      ? error
      : new AnvilStartError(`anvil did not start: ${(error as Error).message}`, { cause: error });
  }
  return { rpcUrl, chainId, port, process: child, stop };
}

/** Rejects with a clear AnvilStartError when nothing may bind 127.0.0.1:port. */
async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new AnvilStartError(
          `cannot start anvil: port ${port} on ${LOOPBACK} is already in use (${error.code ?? error.message})`,
          {
            cause: error,
            fix: 'stop whatever listens there, pass another port, or pass none to pick a free one',
          },
        ),
      ),
    );
    server.listen(port, LOOPBACK, () => server.close(() => resolve()));
  });
}
