import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { StackState } from '../../../shared/localstack/stackState.js';
import { ballast, CLI, processesIn } from '../cli/ballastProcess.js';

const work = mkdtempSync(join(tmpdir(), 'ballast-hygiene-'));
afterAll(async () => {
  await ballast(work, 'stack', 'down');
  rmSync(work, { recursive: true, force: true });
});

/** What is left of the stack in `work` once `stack down` returned (children may take a moment to exit). */
async function leftovers(): Promise<{ processes: number[]; state: boolean }> {
  const deadline = Date.now() + 15_000;
  let processes = processesIn(work);
  while (processes.length > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    processes = processesIn(work);
  }
  return { processes, state: existsSync(join(work, '.ballast', 'stack.json')) };
}

/** Starts `ballast ...args` and sends SIGINT after `delayMs`; resolves with its exit code. */
function interrupt(args: string[], delayMs: number): Promise<number | null> {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: work, stdio: 'ignore' });
  const timer = setTimeout(() => child.kill('SIGINT'), delayMs);
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    }),
  );
}

describe('process hygiene: nothing survives Ctrl-C or a killed supervisor', () => {
  it('SIGINT at ten random moments of `stack up` and `run`: stack down leaves no process and no state', async () => {
    // Random moments across start-up (the stack is ready after about 5–10 s on 2 cores).
    const moments = Array.from({ length: 10 }, (_, i) => ({
      args: i % 2 === 0 ? ['stack', 'up'] : ['run', '--local'],
      delayMs: Math.round(200 + Math.random() * 9_000),
    }));
    for (const { args, delayMs } of moments) {
      const code = await interrupt(args, delayMs);
      const what = `${args.join(' ')} interrupted after ${delayMs} ms (exit ${code})`;
      await ballast(work, 'stack', 'down');
      const left = await leftovers();
      expect(left.processes, what).toEqual([]);
      expect(left.state, what).toBe(false);
    }
  }, 900_000);

  it('SIGKILL to the supervisor takes anvil and DynamoDB Local with it; stack down cleans the state', async () => {
    const up = await ballast(work, 'stack', 'up');
    expect(up.code, up.err).toBe(0);
    const state = JSON.parse(readFileSync(join(work, '.ballast', 'stack.json'), 'utf8')) as StackState;
    process.kill(state.pid, 'SIGKILL');
    const down = await ballast(work, 'stack', 'down');
    expect(down.code).toBe(0);
    const left = await leftovers();
    expect(left.processes).toEqual([]);
    expect(left.state).toBe(false);
  }, 180_000);
});
