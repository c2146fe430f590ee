import { spawn } from 'node:child_process';
import {
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AssetsConfig } from '../config/assetsConfig.js';
import { StackNotRunningError, StackStartError } from './errors.js';
import {
  readStackState,
  removeStackState,
  STACK_LOG_DIR,
  STACK_STATE_FILE,
  writeStackState,
  type StackState,
} from './stackState.js';
import type { StackRequest, SupervisorMessage } from './supervisor.js';
import { assertPortFree } from './assertPortFree.js';
import type { StackPorts } from './startLocalStack.js';

/** True when a process with this pid exists (signal 0 probes without signalling). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The running stack, or undefined; a state file left by a dead supervisor is removed. */
export function findRunningStack(): StackState | undefined {
  let state: StackState;
  try {
    state = readStackState();
  } catch (error) {
    if (error instanceof StackNotRunningError) return undefined;
    throw error;
  }
  if (isProcessAlive(state.pid)) return state;
  removeStackState();
  return undefined;
}

/** Log file of the supervisor (its own output; each part writes `<part>.log` beside it). */
export const STACK_LOG_FILE = join(STACK_LOG_DIR, 'supervisor.log');

/** What a stack is started with beyond the assets: fixed ports, and a replay. */
export interface StackStartOptions {
  readonly ports?: StackPorts;
  /** Replay history from this time, ms UTC. */
  readonly replayFromMs?: number;
  /** Folder of `<ASSET>_USDT-1h.csv` candles. */
  readonly dataDir?: string;
  /** Local chains (anvils), docs/multi-chain.md. @default 1 */
  readonly chains?: number;
}

/**
 * How the running stack differs from what a command asks for, in words (empty when it fits):
 * a second `stack up` or a `run` with other options is told instead of silently reusing it.
 */
export function stackOptionDifferences(state: StackState, wanted: StackStartOptions): string[] {
  const have = state.options ?? { ports: {} };
  const out: string[] = [];
  for (const [part, port] of Object.entries(wanted.ports ?? {}))
    if (have.ports[part] !== port)
      out.push(`--${part}-port ${port} (running: ${have.ports[part] ?? 'any free port'})`);
  if (wanted.replayFromMs !== have.replayFromMs) {
    const iso = (ms: number | undefined) => (ms === undefined ? 'no replay' : new Date(ms).toISOString());
    out.push(`replay from ${iso(wanted.replayFromMs)} (running: ${iso(have.replayFromMs)})`);
  }
  if (wanted.chains !== undefined && wanted.chains !== (have.chains ?? 1))
    out.push(`--chains ${wanted.chains ?? 1} (running: ${have.chains ?? 1})`);
  return out;
}

/**
 * Starts the stack in a detached supervisor and resolves when it is ready (every part
 * health-checked and bootstrapped). Rejects with the supervisor's own error otherwise. Interrupted
 * (SIGINT, SIGTERM) while it starts, it stops the supervisor and everything it started, removes
 * the state, and exits 130; if this process dies instead, the supervisor sees its IPC channel close
 * and stops itself.
 */
export async function startStackProcess(
  assets: AssetsConfig,
  { ports = {}, replayFromMs, dataDir, chains }: StackStartOptions = {},
): Promise<StackState> {
  // A requested port that is taken is bad input: say so before anything starts.
  for (const [part, port] of Object.entries(ports)) await assertPortFree(`--${part}-port`, port);
  mkdirSync(STACK_LOG_DIR, { recursive: true });
  const configFile = resolve('.ballast', 'stack-request.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      assets,
      ports,
      ...(replayFromMs === undefined ? {} : { replayFromMs }),
      ...(dataDir === undefined ? {} : { dataDir: resolve(dataDir) }),
      ...(chains === undefined || chains === 1 ? {} : { chains }),
    } satisfies StackRequest),
  );
  for (const part of ['anvil', 'dynamodb']) rmSync(join(STACK_LOG_DIR, `${part}.log`), { force: true });
  const log = openSync(STACK_LOG_FILE, 'w');
  const require = createRequire(import.meta.url);
  const supervisor = join(dirname(fileURLToPath(import.meta.url)), 'supervisor.ts');
  // One Node process with tsx's loader (not tsx's CLI, which would add a second process between us).
  const child = spawn(
    process.execPath,
    ['--import', pathToFileURL(require.resolve('tsx')).href, supervisor, configFile],
    { detached: true, stdio: ['ignore', log, log, 'ipc'] },
  );
  closeSync(log);
  const interrupted = (): void => {
    process.stderr.write('\nballast: interrupted; stopping the local stack\n');
    if (child.pid !== undefined) killTree(child.pid, 'SIGTERM');
    const pid = child.pid;
    void (async () => {
      if (pid !== undefined) await waitGone(pid, 10_000);
      removeStackState();
      process.exit(130);
    })();
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  const settled = (): void => {
    process.removeListener('SIGINT', interrupted);
    process.removeListener('SIGTERM', interrupted);
  };
  return new Promise<StackState>((resolvePromise, reject) => {
    // The supervisor's own report of why it failed; the promise rejects with it once the
    // supervisor has stopped what it started and exited, so nothing outlives the command.
    let failure: StackStartError | undefined;
    child.once('message', (message: SupervisorMessage) => {
      if (message.type === 'ready') {
        settled();
        child.disconnect();
        child.unref();
        // The detached child leads the process group every part of the stack lives in.
        const state = { ...message.state, ...(child.pid === undefined ? {} : { processGroup: child.pid }) };
        writeStackState(state);
        resolvePromise(state);
      } else
        failure = new StackStartError(`the local stack did not start: ${message.message}`, {
          fix:
            message.fix === undefined ? `see ${STACK_LOG_FILE}` : `${message.fix}; more in ${STACK_LOG_FILE}`,
        });
    });
    child.once('exit', (code) => {
      settled();
      if (failure !== undefined) {
        reject(failure);
        return;
      }
      reject(
        new StackStartError(`the stack supervisor exited with code ${code ?? 'none'} before it was ready`, {
          fix: `see ${STACK_LOG_FILE}`,
        }),
      );
    });
  });
}

/** SIGTERM/SIGKILL to a process group led by `pid`, and to `pid` itself. */
function killTree(pid: number, signal: NodeJS.Signals): void {
  for (const target of [-pid, pid]) {
    try {
      process.kill(target, signal);
    } catch {
      // already gone
    }
  }
}

async function waitGone(pid: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (isProcessAlive(pid) || isGroupAlive(pid)) {
    if (Date.now() > deadline) {
      killTree(pid, 'SIGKILL');
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Stack supervisors of this checkout that no state file points at (their CLI was killed, or the
 * state file was removed): processes whose command line runs this checkout's supervisor.ts and
 * whose working directory is this one. Linux /proc; elsewhere none are found.
 */
export function findOrphanSupervisors(): number[] {
  const supervisor = join(dirname(fileURLToPath(import.meta.url)), 'supervisor.ts');
  const here = resolve('.');
  const found: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return found;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (!cmdline.includes(supervisor)) continue;
      if (realpathSync(`/proc/${entry}/cwd`) !== realpathSync(here)) continue;
      found.push(Number(entry));
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found;
}

/** Stops orphaned supervisors of this checkout (and their parts), waiting until they are gone. */
export async function stopOrphanSupervisors(): Promise<number[]> {
  const orphans = findOrphanSupervisors();
  for (const pid of orphans) killTree(pid, 'SIGTERM');
  await Promise.all(orphans.map((pid) => waitGone(pid, 15_000)));
  return orphans;
}

/** True while any process of the group exists. */
function isGroupAlive(processGroup: number): boolean {
  try {
    process.kill(-processGroup, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Stops the running stack: SIGTERM to its supervisor (which stops anvil and DynamoDB Local and
 * waits for them), then waits until every process of the stack's group is gone; past the timeout
 * the whole group is killed.
 */
export async function stopStackProcess(state: StackState, timeoutMs = 15_000): Promise<void> {
  const running = (): boolean =>
    isProcessAlive(state.pid) || (state.processGroup !== undefined && isGroupAlive(state.processGroup));
  try {
    process.kill(state.pid, 'SIGTERM');
  } catch {
    // The supervisor is gone already; still make sure its group is.
  }
  const deadline = Date.now() + timeoutMs;
  while (running()) {
    if (Date.now() > deadline) {
      try {
        process.kill(-(state.processGroup ?? state.pid), 'SIGKILL');
      } catch {
        // already gone
      }
      break;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  removeStackState(STACK_STATE_FILE);
}
