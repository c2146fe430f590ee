import { execFile, spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  commandsOf,
  comparableLines,
  documentationFiles,
  shellBlocksOf,
  type ShellBlock,
} from './shellBlocks.js';

/**
 * The doc-test's runner: the blocks marked `run` are executed, command by command, on the local
 * stack as a user runs them from a fresh checkout beside ../shared/data, and the plain blocks
 * marked `output of` must match what their command printed. Two test files call it
 * (readmeExamples.test.ts for README.md, shellExamples.test.ts for docs/), so the two workers run
 * the README's stacks and the other docs' at the same time.
 */
const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const CLI = join(ROOT, 'bin', 'ballast.js');
const SHARED = resolve(ROOT, '..', 'shared');
const DATA = join(SHARED, 'data', 'ohlcv');

/** Every fenced block of README.md and docs/. */
export const DOC_BLOCKS: readonly ShellBlock[] = documentationFiles(ROOT).flatMap((file) =>
  shellBlocksOf(ROOT, file),
);

/** Commands of a `run` block that the doc-test does not execute, and why. */
const NOT_EXECUTED: Readonly<Record<string, string>> = {
  'npm ci': 'installs the dependencies this test already runs with (CI runs it first)',
  'npm test': 'the suite this test is part of',
};

/** Commands that serve until Ctrl-C: the doc-test checks what they serve, then sends SIGINT. */
const SERVES = /\bballast api\b/;

interface Ran {
  readonly command: string;
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
}

/** A fresh checkout folder beside a `shared/` link, with `npx` and `npm` shims first on PATH. */
function checkout(): { dir: string; env: NodeJS.ProcessEnv; remove: () => void } {
  const base = mkdtempSync(join(tmpdir(), 'ballast-doctest-'));
  const dir = join(base, 'checkout');
  const bin = join(base, 'bin');
  mkdirSync(dir);
  mkdirSync(bin);
  if (existsSync(SHARED)) symlinkSync(realpathSync(SHARED), join(base, 'shared'));
  const shim = (name: string, body: string): void => {
    writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  };
  const node = `'${process.execPath}' '${CLI}'`;
  shim(
    'npx',
    `if [ "$1" = ballast ]; then shift; exec ${node} "$@"; fi\necho "doc-test: npx $1 is not run here" >&2; exit 127`,
  );
  shim(
    'npm',
    `if [ "$1" = start ]; then exec ${node} run --local; fi\necho "doc-test: npm $1 is not run here" >&2; exit 127`,
  );
  return {
    dir,
    env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` },
    remove: () => rmSync(base, { recursive: true, force: true }),
  };
}

/** Runs one documented command in bash; a server is probed, then stopped with SIGINT. */
function runCommand(command: string, cwd: string, env: NodeJS.ProcessEnv): Promise<Ran> {
  if (!SERVES.test(command))
    return new Promise((done) =>
      execFile('bash', ['-c', command], { cwd, env, timeout: 600_000 }, (error, out, err) =>
        done({
          command,
          code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1,
          out,
          err,
        }),
      ),
    );
  return new Promise((done, fail) => {
    const child = spawn('bash', ['-c', `exec ${command}`], { cwd, env });
    let out = '';
    let err = '';
    let probed = false;
    child.stderr.on('data', (chunk: Buffer) => (err += String(chunk)));
    child.stdout.on('data', (chunk: Buffer) => {
      out += String(chunk);
      const url = /http:\/\/127\.0\.0\.1:\d+/.exec(out)?.[0];
      if (url === undefined || probed) return;
      probed = true;
      fetch(`${url}/openapi.json`, { signal: AbortSignal.timeout(30_000) })
        .then(async (response) => {
          out += `\n[doc-test] GET /openapi.json: ${response.status} openapi ${String(((await response.json()) as { openapi?: unknown }).openapi)}\n`;
        })
        .catch((error: unknown) => (out += `\n[doc-test] GET /openapi.json failed: ${String(error)}\n`))
        .finally(() => child.kill('SIGINT'));
    });
    child.once('error', fail);
    child.once('exit', (code, signal) =>
      done({ command, code: code ?? (signal === 'SIGINT' ? 0 : -1), out, err }),
    );
  });
}

/** The runnable examples of `files`, each file in a fresh checkout of its own, on the local stack. */
export function describeRunnableExamples(files: readonly string[]): void {
  const blocks = DOC_BLOCKS;
  const runFiles = files.filter((file) => blocks.some((b) => b.file === file && b.marker.kind === 'run'));
  describe.each(runFiles)('the runnable examples of %s, on the local stack', (file) => {
    // Made when the file's tests start (not when they are collected or filtered out), removed after.
    let place: ReturnType<typeof checkout> | undefined;
    const ran: Ran[] = [];
    beforeAll(() => {
      place = checkout();
    });
    afterAll(async () => {
      if (place === undefined) return;
      await runCommand('npx ballast stack down', place.dir, place.env);
      place.remove();
    });

    for (const block of blocks.filter((b) => b.file === file && b.marker.kind === 'run')) {
      it(`${file}:${block.line} runs, every command exits 0`, async () => {
        for (const command of commandsOf(block.body)) {
          if (NOT_EXECUTED[command] !== undefined) continue;
          const result = await runCommand(command, place!.dir, place!.env);
          ran.push(result);
          expect(result.code, `${command}\n${result.out}\n${result.err}`).toBe(0);
          if (SERVES.test(command)) expect(result.out).toContain('GET /openapi.json: 200 openapi 3.1');
        }
      }, 900_000);
    }

    for (const block of blocks.filter((b) => b.file === file && b.marker.kind === 'output')) {
      const command = block.marker.kind === 'output' ? block.marker.command : '';
      it.skipIf(!existsSync(DATA))(
        `${file}:${block.line} is what \`${command}\` prints (skipped: no ../shared/data/ohlcv, the simulation would differ)`,
        () => {
          const result = ran.find((r) => r.command === command);
          expect(result, `\`${command}\` ran before`).toBeDefined();
          const printed = comparableLines(result?.out ?? '');
          const documented = comparableLines(block.body.join('\n'));
          const start = printed.indexOf(documented[0] ?? '');
          expect(
            printed.slice(Math.max(start, 0), Math.max(start, 0) + documented.length).join('\n'),
            `${command} printed:\n${result?.out ?? ''}`,
          ).toBe(documented.join('\n'));
        },
      );
    }
  });
}
