import { execFile } from 'node:child_process';
import { readdirSync, readlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
/** The `ballast` entry point, run as a user runs it. */
export const CLI = join(ROOT, 'bin', 'ballast.js');
/** The real candles beside the project (tests that need them skip with a reason when absent). */
export const DATA_DIR = resolve(ROOT, '..', 'shared', 'data', 'ohlcv');

const run = promisify(execFile);

export interface BallastResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs `ballast ...args` in `cwd` as a child process and returns exit code, stdout and stderr. */
export async function ballast(cwd: string, ...args: string[]): Promise<BallastResult> {
  return ballastWithEnv(cwd, process.env, ...args);
}

/** `ballast` with its own environment (e.g. a PATH without java). */
export async function ballastWithEnv(
  cwd: string,
  env: NodeJS.ProcessEnv,
  ...args: string[]
): Promise<BallastResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { cwd, env, timeout: 240_000 });
    return { code: 0, out: stdout, err: stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, out: e.stdout ?? '', err: e.stderr ?? '' };
  }
}

/** Processes whose working directory is `dir` (everything a stack started there runs there). */
export function processesIn(dir: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readlinkSync(`/proc/${entry}/cwd`) === dir) found.push(Number(entry));
    } catch {
      // gone, or not ours
    }
  }
  return found;
}
