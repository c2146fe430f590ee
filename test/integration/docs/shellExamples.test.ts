import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeRunnableExamples, DOC_BLOCKS } from './runDocExamples.js';
import { commandsOf, type ShellBlock } from './shellBlocks.js';

/**
 * The doc-test: every `sh`/`bash` block of README.md and docs/ carries a doctest marker
 * (shellBlocks.ts); the blocks marked `run` are executed on the local stack and the blocks marked
 * `output of` compared (runDocExamples.ts): here those of docs/, README.md's in
 * readmeExamples.test.ts. A documented command or output that drifts fails.
 */
const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const blocks: readonly ShellBlock[] = DOC_BLOCKS;
const isShell = (block: ShellBlock): boolean => block.lang === 'sh' || block.lang === 'bash';

describe('documentation shell blocks carry a doctest marker', () => {
  it.each(blocks.filter(isShell).map((b) => [`${b.file}:${b.line}`, b] as const))('%s', (_where, block) => {
    expect(
      block.marker.kind,
      `${block.file}:${block.line} needs <!-- doctest: run | skip: REASON -->`,
    ).toMatch(/^(run|skip)$/);
    if (block.marker.kind === 'skip') expect(block.marker.reason.length).toBeGreaterThan(10);
  });

  it('every output block names a command that a run block of the same file runs', () => {
    for (const block of blocks) {
      if (block.marker.kind === 'invalid') expect.fail(`${block.file}:${block.line}: ${block.marker.text}`);
      if (block.marker.kind !== 'output') continue;
      const command = block.marker.command;
      const run = blocks.filter((b) => b.file === block.file && b.marker.kind === 'run');
      expect(
        run.some((b) => commandsOf(b.body).includes(command)),
        `${block.file}:${block.line}: no run block runs \`${command}\``,
      ).toBe(true);
    }
  });

  it('the shims run what package.json says: `npm start` is `ballast run --local`, `npx ballast` is bin/ballast.js', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
      bin: Record<string, string>;
      engines: { node: string };
      devEngines: { runtime: { version: string } };
    };
    expect(pkg.scripts.start).toBe('tsx shared/cli/main.ts run --local');
    expect(pkg.bin.ballast).toBe('bin/ballast.js');
    expect(pkg.scripts.test).toBeDefined();
    // The Node range is written twice (npm warns on `engines`, stops on `devEngines`): the same.
    expect(pkg.devEngines.runtime.version).toBe(pkg.engines.node);
  });
});

describeRunnableExamples([...new Set(blocks.map((b) => b.file))].filter((file) => file !== 'README.md'));
