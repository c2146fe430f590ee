import { spawn } from 'node:child_process';
import { mkdirSync, openSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AssetsConfig } from '../config/assetsConfig.js';
import { BallastError } from '../errors/BallastError.js';
import {
  readStackState,
  removeStackState,
  STACK_STATE_FILE,
  StackNotRunningError,
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

export class StackStartError extends BallastError {
  override name = 'StackStartError';
}

/** Log file of the supervisor (stdout and stderr of every part it starts). */
export const STACK_LOG_FILE = join('.ballast', 'stack.log');

/**
 * Starts the stack in a detached supervisor and resolves when it is ready (every part
 * health-checked and bootstrapped). Rejects with the supervisor's own error otherwise.
 */
export async function startStackProcess(assets: AssetsConfig, ports: StackPorts = {}): Promise<StackState> {
  // A requested port that is taken is bad input: say so before anything starts.
  for (const [part, port] of Object.entries(ports)) await assertPortFree(`--${part}-port`, port);
  mkdirSync('.ballast', { recursive: true });
  const configFile = resolve('.ballast', 'stack-request.json');
  writeFileSync(configFile, JSON.stringify({ assets, ports } satisfies StackRequest));
  const log = openSync(STACK_LOG_FILE, 'w');
  const require = createRequire(import.meta.url);
  const supervisor = join(dirname(fileURLToPath(import.meta.url)), 'supervisor.ts');
  const child = spawn(process.execPath, [require.resolve('tsx/cli'), supervisor, configFile], {
    detached: true,
    stdio: ['ignore', log, log, 'ipc'],
  });
  return new Promise<StackState>((resolvePromise, reject) => {
    child.once('message', (message: SupervisorMessage) => {
      child.disconnect();
      child.unref();
      if (message.type === 'ready') resolvePromise(message.state);
      else
        reject(
          new StackStartError(`the local stack did not start: ${message.message}`, {
            fix: `see ${STACK_LOG_FILE}`,
          }),
        );
    });
    child.once('exit', (code) =>
      reject(
        new StackStartError(`the stack supervisor exited with code ${code ?? 'none'} before it was ready`, {
          fix: `see ${STACK_LOG_FILE}`,
        }),
      ),
    );
  });
}

/** Stops the running stack (SIGTERM to its supervisor) and waits until every part is gone. */
export async function stopStackProcess(state: StackState, timeoutMs = 15_000): Promise<void> {
  try {
    process.kill(state.pid, 'SIGTERM');
  } catch {
    removeStackState();
    return;
  }
  const deadline = Date.now() + timeoutMs;
  while (isProcessAlive(state.pid)) {
    if (Date.now() > deadline) {
      // The supervisor leads its own process group (it was spawned detached): kill the group so
      // no child (anvil, java) outlives it.
      try {
        process.kill(-state.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      break;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  removeStackState(STACK_STATE_FILE);
}
