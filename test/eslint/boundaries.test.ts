/**
 * The import-boundary rule bites: ESLint's Node API lints small fixture files placed (in name
 * only) inside a package, importing a real file of another package. Forbidden arrows must report
 * `boundaries/dependencies`; allowed ones must pass. `npm run lint` proves main has none.
 */
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const eslint = new ESLint({ cwd: root });

/** Real files to import, one per package (the resolver must find them). */
const TARGET: Record<string, string> = {
  core: 'shared/core/time.ts',
  config: 'shared/config/assetsConfig.ts',
  market: 'shared/market/types.ts',
  chain: 'shared/chain/oracle/constants.ts',
  store: 'shared/store/tables.ts',
  pipeline: 'shared/pipeline/runCycle.ts',
  localstack: 'shared/localstack/freePort.ts',
  cli: 'shared/cli/main.ts',
  infra: 'infra/createApp.ts',
};

/** Boundary messages ESLint reports for `importer` importing the package's target file. */
async function boundaryErrors(importer: string, target: string): Promise<string[]> {
  const from = `${root}${importer}`;
  const relative = `${'../'.repeat(importer.split('/').length - 1)}${target.replace(/\.ts$/, '.js')}`;
  const [result] = await eslint.lintText(`export * from '${relative}';\n`, { filePath: from });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'boundaries/dependencies')
    .map((message) => message.message);
}

describe('import-boundary lint rule (eslint-plugin-boundaries)', () => {
  const forbidden: [string, string][] = [
    ['shared/risk/fixture.ts', 'market'],
    ['shared/risk/fixture.ts', 'chain'],
    ['shared/risk/fixture.ts', 'store'],
    ['shared/risk/fixture.ts', 'pipeline'],
    ['shared/risk/fixture.ts', 'localstack'],
    ['shared/chain/fixture.ts', 'store'],
    ['shared/chain/fixture.ts', 'pipeline'],
    ['shared/pipeline/fixture.ts', 'localstack'],
    ['shared/pipeline/fixture.ts', 'cli'],
    ['shared/api/fixture.ts', 'localstack'],
    ['shared/api/fixture.ts', 'cli'],
    ['shared/audit/fixture.ts', 'localstack'],
    ['shared/audit/fixture.ts', 'cli'],
    ['lambdas/api/fixture.ts', 'cli'],
    ['lambdas/api/fixture.ts', 'localstack'],
    ['lambdas/api/fixture.ts', 'infra'],
    ['shared/core/fixture.ts', 'config'],
    ['shared/localstack/fixture.ts', 'cli'],
  ];
  it.each(forbidden)('%s importing %s is an error', async (importer, to) => {
    const errors = await boundaryErrors(importer, TARGET[to] ?? '');
    expect(errors).toHaveLength(1);
  });

  const allowed: [string, string][] = [
    ['shared/risk/fixture.ts', 'core'],
    ['shared/risk/fixture.ts', 'config'],
    ['shared/market/fixture.ts', 'core'],
    ['shared/pipeline/fixture.ts', 'store'],
    ['shared/pipeline/fixture.ts', 'chain'],
    ['shared/cli/fixture.ts', 'localstack'],
    ['shared/localstack/fixture.ts', 'pipeline'],
    ['lambdas/api/fixture.ts', 'pipeline'],
  ];
  it.each(allowed)('%s importing %s passes', async (importer, to) => {
    expect(await boundaryErrors(importer, TARGET[to] ?? '')).toEqual([]);
  });

  it('also sees imports, type-only imports and dynamic imports (the CLI loads commands lazily)', async () => {
    const file = `${root}shared/pipeline/fixture.ts`;
    for (const text of [
      "import { main } from '../cli/main.js';\nexport const x = main;\n",
      "import type { LocalApiServer } from '../cli/startLocalApiServer.js';\nexport type X = LocalApiServer;\n",
      "export const load = () => import('../localstack/freePort.js');\n",
    ]) {
      const [result] = await eslint.lintText(text, { filePath: file });
      expect(
        result?.messages.filter((message) => message.ruleId === 'boundaries/dependencies'),
        text,
      ).toHaveLength(1);
    }
  });
});
