/**
 * Layout rules lint cannot see (docs/architecture.md "Enforced").
 *
 * Errors: every error class of a package is declared in its `errors.ts` (the base,
 * `shared/errors/BallastError.ts`, excepted), so a package's failures are found in one place.
 *
 * Tests: the test tree mirrors the source tree (docs/architecture.md "Tests"): a test of
 * `shared/<package>/<folder>/x.ts` sits in `test/unit/<package>/<folder>/` or
 * `test/integration/<package>/<folder>/`; `test/unit/lambdas/…` and `test/integration/lambdas/…`
 * mirror `lambdas/`. Tests of the top-level folders sit in `test/<folder>/` (contracts, infra, eslint),
 * shared helpers and data in `test/fixtures/`.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const TEST = join(ROOT, 'test');

/** Folders inside the mirrored trees that hold no tests of their own, and why. */
const NOT_MIRRORED = new Set([
  // helpers the integration tests share (start a stack, run the CLI in-process)
  'test/integration/support',
  // golden records the engine's tests compare against (docs/methodology.md)
  'test/unit/risk/__golden__',
]);

/** Top-level folders of test/: the two mirrored trees, shared fixtures, and tests of top-level source folders. */
const TOP_LEVEL = ['unit', 'integration', 'fixtures', 'contracts', 'infra', 'eslint'];

/** Every folder below `dir` that holds a file somewhere (git keeps no empty folder). */
function folders(dir: string): string[] {
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isDirectory() && holdsFile(path))
    .flatMap((path) => [path, ...folders(path)]);
}

function holdsFile(dir: string): boolean {
  return readdirSync(dir).some((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? holdsFile(path) : true;
  });
}

/** The source folder a mirrored test folder stands for, or undefined when there is none. */
function sourceOf(testFolder: string): string | undefined {
  const inside = relative(TEST, testFolder).split('/').slice(1).join('/');
  const candidates = [join(ROOT, 'shared', inside), join(ROOT, inside)];
  return candidates.find((path) => existsSync(path) && statSync(path).isDirectory());
}

describe('test tree', () => {
  it('has only the known top-level folders', () => {
    const top = readdirSync(TEST).filter((name) => statSync(join(TEST, name)).isDirectory());
    expect(top.filter((name) => !TOP_LEVEL.includes(name))).toEqual([]);
  });

  it.each(['unit', 'integration'])('test/%s mirrors a source folder in every folder', (tree) => {
    const orphans = folders(join(TEST, tree))
      .map((path) => relative(ROOT, path))
      .filter((path) => ![...NOT_MIRRORED].some((skip) => path === skip || path.startsWith(`${skip}/`)))
      .filter((path) => sourceOf(join(ROOT, path)) === undefined);
    expect(orphans).toEqual([]);
  });

  it.each(['contracts', 'infra', 'eslint'])('test/%s tests the top-level folder %s', (name) => {
    expect(existsSync(join(ROOT, name))).toBe(true);
  });
});

/** Every `.ts` file below `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

describe('errors', () => {
  it('declares every exported error class in an errors.ts', () => {
    const misplaced = ['shared', 'lambdas', 'infra']
      .flatMap((top) => sources(join(ROOT, top)))
      .filter((path) => basename(path) !== 'errors.ts' && !path.endsWith('shared/errors/BallastError.ts'))
      .filter((path) => /^export class \w+ extends \w*Error\b/m.test(readFileSync(path, 'utf8')))
      .map((path) => relative(ROOT, path));
    expect(misplaced).toEqual([]);
  });
});
