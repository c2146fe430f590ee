import { spawn } from 'node:child_process';
import { mkdirSync, openSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AssetsConfig } from '../config/assetsConfig.js';
import { StackNotRunningError, StackStartError } from './errors.js';
import {
  readStackState,
  removeStackState,
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
      if (message.type === 'ready') {
        // The detached child leads the process group every part of the stack lives in.
        const state = { ...message.state, ...(child.pid === undefined ? {} : { processGroup: child.pid }) };
        writeStackState(state);
        resolvePromise(state);
      } else
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
