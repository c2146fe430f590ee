import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { StackState } from '../../../../shared/localstack/stackState.js';

const ROOT = resolve(import.meta.dirname, '..', '..', '..', '..');
const CLI = join(ROOT, 'bin', 'ballast.js');
// Each test runs the CLI in its own empty folder, so its .ballast/ never meets a developer's stack.
const work = mkdtempSync(join(tmpdir(), 'ballast-cli-'));
const run = promisify(execFile);

async function ballast(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { cwd: work, timeout: 90_000 });
    return { code: 0, out: stdout, err: stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, out: e.stdout ?? '', err: e.stderr ?? '' };
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function portFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
  });
}

const portOf = (url: string): number => Number(new URL(url).port);

/** Pids with a listening TCP socket on `port` (from /proc/net/tcp{,6} and each process's fds). */
function listenersOn(port: number): number[] {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const rows = existsSync(table) ? readFileSync(table, 'utf8').split('\n').slice(1) : [];
    for (const row of rows) {
      // sl local_address rem_address st ... inode: st 0A is LISTEN.
      const [, local, , st, , , , , , inode] = row.trim().split(/\s+/);
      if (st === '0A' && inode !== undefined && parseInt(local?.split(':')[1] ?? '', 16) === port)
        inodes.add(inode);
    }
  }
  if (inodes.size === 0) return [];
  const pids: number[] = [];
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    const sockets = (() => {
      try {
        return readdirSync(`/proc/${entry}/fd`);
      } catch {
        return []; // the process ended while we looked
      }
    })().map((fd) => {
      try {
        return readlinkSync(`/proc/${entry}/fd/${fd}`);
      } catch {
        return ''; // that fd closed while we looked (readdirSync's own fd is one)
      }
    });
    if (sockets.some((link) => inodes.has(/^socket:\[(\d+)\]$/.exec(link)?.[1] ?? '')))
      pids.push(Number(entry));
  }
  return pids;
}

/** True when `pid` runs in this test's working folder, names it on its command line, or is in `group`. */
function ofThisStack(pid: number, group?: number): boolean {
  try {
    const pgid = Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[2]);
    return (
      readlinkSync(`/proc/${pid}/cwd`).startsWith(work) ||
      readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(work) ||
      (group !== undefined && pgid === group)
    );
  } catch {
    return false; // gone
  }
}

/**
 * Which processes of this stack still listen on `port`; empty when the stack released it. The
 * port being free is not required: the other test worker starts its own stacks and servers on
 * ports the kernel hands out, and one can take a port the moment this stack frees it.
 */
async function stackListenersOn(port: number, group?: number): Promise<number[]> {
  if (await portFree(port)) return [];
  return listenersOn(port).filter((pid) => ofThisStack(pid, group));
}

afterAll(async () => {
  // Whatever happened above, leave nothing running.
  await ballast('stack', 'down');
  rmSync(work, { recursive: true, force: true });
});

describe('ballast stack up | status | down', () => {
  it('starts once, reports the running stack on a second up, and stops every process and port', async () => {
    const up = await ballast('stack', 'up');
    expect(up.code, up.err).toBe(0);
    expect(up.out).toMatch(/local stack up:/);
    const state = JSON.parse(readFileSync(join(work, '.ballast', 'stack.json'), 'utf8')) as StackState;
    const children = spawnSync('pgrep', ['-P', String(state.pid)], { encoding: 'utf8' })
      .stdout.split('\n')
      .filter(Boolean)
      .map(Number);
    // anvil and java (DynamoDB Local) are the supervisor's children; KMS and the simulator run inside it.
    expect(children.length).toBeGreaterThanOrEqual(2);

    const again = await ballast('stack', 'up');
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/already running; reusing it/);
    expect(again.out).toContain(`pid ${state.pid}`);

    const status = await ballast('stack', 'status');
    expect(status.code, status.out).toBe(0);
    expect(status.out).not.toMatch(/DOWN/);

    // Failure paths that need a running stack: one line with the fix, the exit code of the table.
    const notContract = await ballast(
      'contract',
      'status',
      '--local',
      '--address',
      '0x0000000000000000000000000000000000000001',
    );
    expect(notContract.code, notContract.err).toBe(2);
    expect(notContract.err).toMatch(
      /^ballast: --address: 0x0+1 is not a contract on chain 31337 \(no code there\) \(fix: /,
    );
    // A regular file where a folder should be: the path cannot be written (exit 3).
    const unwritable = await ballast(
      'report',
      '--local',
      '--out',
      join(work, '.ballast', 'stack.json', 'r.html'),
    );
    expect(unwritable.code, unwritable.err).toBe(3);
    expect(unwritable.err).toMatch(
      /^ballast: --out: cannot write .*r\.html \(E[A-Z]+\) \(fix: choose a path you can write/,
    );
    const busy = createServer();
    await new Promise<void>((done) => busy.listen(0, '127.0.0.1', done));
    try {
      const port = (busy.address() as { port: number }).port;
      const api = await ballast('api', '--local', '--port', String(port));
      expect(api.code, api.err).toBe(3);
      expect(api.err).toMatch(new RegExp(`^ballast: .*EADDRINUSE.*${port} \\(fix: choose another port`));
    } finally {
      busy.close();
    }
    for (const failed of [notContract, unwritable]) {
      expect(failed.err.trimEnd().split('\n')).toHaveLength(1);
      expect(failed.err).not.toMatch(/^\s+at /m);
    }

    // A part that stops answering: status names it, one line with the fix, exit 3 (environment).
    const anvil = children
      .flatMap((child) => spawnSync('pgrep', ['-P', String(child)], { encoding: 'utf8' }).stdout.split('\n'))
      .filter(Boolean)
      .map(Number)
      .find((pid) => readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'anvil');
    expect(anvil, 'the anvil process under its watchdog').toBeDefined();
    process.kill(anvil ?? 0, 'SIGKILL');
    const unhealthy = await ballast('stack', 'status');
    expect(unhealthy.code, unhealthy.err).toBe(3);
    expect(unhealthy.out).toMatch(/DOWN anvil/);
    expect(unhealthy.err).toMatch(
      /^ballast: the local stack is up but anvil does not answer \(fix: read `npx ballast stack logs`/,
    );
    expect(unhealthy.err.trimEnd().split('\n')).toHaveLength(1);

    const down = await ballast('stack', 'down');
    expect(down.code).toBe(0);
    expect(existsSync(join(work, '.ballast', 'stack.json'))).toBe(false);
    for (const pid of [state.pid, ...children]) expect(alive(pid), `pid ${pid} still alive`).toBe(false);
    // Nothing of the stack's process group is left (the loader's helpers included).
    expect(state.processGroup).toBeGreaterThan(0);
    expect(alive(-(state.processGroup ?? 0)), 'process group still alive').toBe(false);
    for (const url of [
      state.anvil.rpcUrl,
      state.dynamodb.endpoint,
      state.kms.endpoint,
      state.exchange.baseUrl,
    ]) {
      expect(await stackListenersOn(portOf(url), state.processGroup), `${url} still bound`).toEqual([]);
    }
    const none = await ballast('stack', 'status');
    expect(none.code).toBe(3);
    expect(none.err).toBe(
      'ballast: no local stack is running (fix: start one with `npx ballast stack up`)\n',
    );
  });
});

describe('ballast run --local (what npm start runs)', () => {
  it('prints published parameters and a mined transaction, then leaves no process or port behind', async () => {
    const result = await ballast('run', '--local');
    expect(result.code, result.err).toBe(0);
    expect(result.out).toMatch(
      /^BTC\s+[\d,.]+\s+5\/5\s+[\d.]+%\s+[\d.]+%\s+[\d.]+%\s+[\d.]+%\s+publish \(first\)/m,
    );
    expect(result.out).toMatch(/^ETH\s+[\d,.]+\s+5\/5/m);
    expect(result.out).toMatch(
      /published round 1: tx 0x[0-9a-f]{64} \(block \d+, gas \d+\), signer 0x[0-9a-fA-F]{40}/,
    );
    const pid = Number(/supervisor pid (\d+)/.exec(result.out)?.[1]);
    const urls = [...result.out.matchAll(/(anvil|dynamodb|kms|exchanges) (http:\/\/127\.0\.0\.1:\d+)/g)].map(
      (m) => m[2] as string,
    );
    expect(urls).toHaveLength(4);
    expect(alive(pid)).toBe(false);
    for (const url of urls) expect(await stackListenersOn(portOf(url)), `${url} still bound`).toEqual([]);
    expect(existsSync(join(work, '.ballast', 'stack.json'))).toBe(false);
  });

  it('rejects bad input with exit code 2 before starting anything', async () => {
    const cases: [string[], RegExp][] = [
      [['run', '--local', '--bogus'], /unknown option '--bogus'/],
      [['run', '--local', '--interval', 'soon'], /--interval: "soon" is not a duration/],
      [['run', '--local', '--assets', 'BTC,DOGE'], /unknown asset "DOGE"; configured assets are BTC, ETH/],
      [['run', '--local', '--cycles', '-1'], /--cycles: "-1" is not allowed/],
    ];
    for (const [args, message] of cases) {
      const result = await ballast(...args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.err).toMatch(message);
    }
    expect(existsSync(join(work, '.ballast', 'stack.json'))).toBe(false);
  });

  it('names the flag when a requested port is taken, and starts nothing', async () => {
    const blocker = createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', () => done()));
    const port = (blocker.address() as { port: number }).port;
    try {
      const result = await ballast('run', '--local', '--anvil-port', String(port));
      expect(result.code).toBe(2);
      expect(result.err).toContain(`--anvil-port: port ${port} on 127.0.0.1 is already in use`);
      expect(existsSync(join(work, '.ballast', 'stack.json'))).toBe(false);
    } finally {
      blocker.close();
    }
  });
});
