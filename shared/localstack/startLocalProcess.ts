import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { LocalProcessStartError } from './errors.js';
import { waitFor } from './waitFor.js';

export interface StartLocalProcessParams {
  /** Who is started, for messages (e.g. "anvil"). */
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  /** What the probe checks, for messages (e.g. "anvil JSON-RPC on http://127.0.0.1:8545"). */
  readonly what: string;
  /** Resolves true once the process serves; a throw counts as not ready yet. */
  readonly probe: () => Promise<boolean>;
  /** Output that means the port was taken (e.g. /address already in use/i). */
  readonly portInUse: RegExp;
  readonly port: number;
  /** @default 30000 */
  readonly timeoutMs?: number;
  /** @default 50 */
  readonly intervalMs?: number;
  /** Appends the process's stdout and stderr to this file (`ballast stack logs`). */
  readonly logFile?: string;
}

export interface LocalProcess {
  /** The watchdog shell that owns the process (it leads the process group). */
  readonly process: ChildProcess;
  /** The last 4,000 characters of output. */
  output(): string;
  /**
   * Stops the process group (SIGTERM, then SIGKILL after `graceMs`, @default 3000) and waits until
   * every process of it is gone; safe to call more than once.
   */
  stop(graceMs?: number): Promise<void>;
}

/**
 * The watchdog shell: it runs the command in the background and a reader of its own stdin, a pipe
 * from this process. When this process dies, whatever kills it (SIGKILL included), the pipe
 * closes, `read` sees end of file and the reader kills the command, so a local part never outlives
 * its owner. When the command exits, the shell exits with its code.
 */
const WATCHDOG = [
  'exec 3<&0',
  '"$@" </dev/null 3<&- & child=$!',
  '(while read -r _; do :; done; kill $child 2>/dev/null) <&3 & reader=$!',
  'exec 3<&-',
  'wait $child; code=$?',
  'kill $reader 2>/dev/null',
  'exit $code',
].join('\n');

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // already gone
  }
}

/**
 * Spawns a local part (anvil, DynamoDB Local) in its own process group under a watchdog, waits
 * until `probe` answers, and returns a handle that stops it: SIGTERM to the group, SIGKILL after
 * `graceMs`. A process that exits while starting, or a taken port, fails with its last output.
 */
export async function startLocalProcess({
  name,
  command,
  args,
  what,
  probe,
  portInUse,
  port,
  timeoutMs = 30_000,
  intervalMs = 50,
  logFile,
}: StartLocalProcessParams): Promise<LocalProcess> {
  if (logFile !== undefined) mkdirSync(dirname(logFile), { recursive: true });
  const child = spawn('/bin/sh', ['-c', WATCHDOG, name, command, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const collect = (chunk: Buffer): void => {
    const text = chunk.toString('utf8');
    output = (output + text).slice(-4000);
    if (logFile !== undefined) appendFileSync(logFile, text);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  // The pipe stays open for the watchdog; errors on it (the shell gone) are not ours to report.
  child.stdin?.on('error', () => undefined);
  let exited: string | undefined;
  child.once('error', (error) => {
    exited = `could not run ${command}: ${error.message}`;
  });
  child.once('exit', (code, signal) => {
    exited = `${name} exited (code ${code ?? 'none'}, signal ${signal ?? 'none'}): ${output.trim().split('\n').slice(-3).join(' | ')}`;
  });
  const pgid = child.pid;
  // A parent that exits without calling stop() must not leave the part running.
  const killOnExit = (): void => {
    if (pgid !== undefined) killGroup(pgid, 'SIGKILL');
  };
  process.once('exit', killOnExit);
  let stopping: Promise<void> | undefined;
  const stop = (graceMs = 3_000): Promise<void> => {
    stopping ??= (async () => {
      process.removeListener('exit', killOnExit);
      child.stdin?.destroy();
      if (pgid === undefined) return;
      killGroup(pgid, 'SIGTERM');
      const deadline = Date.now() + graceMs;
      while (groupAlive(pgid) || (child.exitCode === null && child.signalCode === null)) {
        if (Date.now() > deadline) {
          killGroup(pgid, 'SIGKILL');
          if (child.exitCode === null && child.signalCode === null)
            await new Promise((resolve) => child.once('exit', resolve));
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    })();
    return stopping;
  };
  try {
    await waitFor({
      what,
      timeoutMs,
      intervalMs,
      failed: () =>
        exited !== undefined && portInUse.test(exited)
          ? `port ${port} on 127.0.0.1 is already in use; pass another port, or none to pick a free one`
          : exited,
      probe,
    });
    if (exited !== undefined)
      throw new LocalProcessStartError(`${what} stopped right after starting: ${exited}`);
  } catch (error) {
    await stop();
    throw error;
  }
  return { process: child, output: () => output, stop: (graceMs?: number) => stop(graceMs) };
}
