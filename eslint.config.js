import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import tseslint from 'typescript-eslint';

/** Packages the boundary rule knows: folders of shared/, plus lambdas/ and infra/. */
const PACKAGES = [
  'core',
  'errors',
  'config',
  'risk',
  'backtest',
  'portfolio',
  'market',
  'chain',
  'store',
  'observability',
  'pipeline',
  'api',
  'audit',
  'positions',
  'report',
  'localstack',
  'cli',
  'lambdas',
  'infra',
];
const types = (...names) => ({ element: { types: { anyOf: names } } });
const others = (...allowed) => PACKAGES.filter((name) => !allowed.includes(name));

/**
 * The allowed arrows, as disallow policies (anything not listed is allowed). Each says why.
 */
const BOUNDARY_POLICIES = [
  {
    from: types('core'),
    disallow: { to: types(...others('core')) },
    message: 'shared/core holds neutral primitives and imports no other package',
  },
  {
    from: types('errors'),
    disallow: { to: types(...others('errors')) },
    message: 'shared/errors is the base of every error and imports no other package',
  },
  {
    from: types('risk'),
    disallow: { to: types(...others('risk', 'core', 'config', 'errors')) },
    message:
      'the risk engine is pure: it imports only core, config and errors (never market, chain, store, pipeline, localstack)',
  },
  {
    from: types('chain'),
    disallow: { to: types('store', 'pipeline', 'api', 'audit', 'localstack', 'cli', 'lambdas', 'infra') },
    message:
      'shared/chain is the chain client only: it never imports store or pipeline (publishing lives in shared/pipeline/publish)',
  },
  {
    from: types(...others('cli', 'localstack')),
    disallow: { to: types('localstack', 'cli') },
    message:
      'local wiring (shared/localstack) and CLI-only helpers (shared/cli) are imported only by the CLI and local wiring, never by pipeline, api, audit or lambdas',
  },
  {
    from: types('localstack'),
    disallow: { to: types('cli') },
    message: 'shared/localstack never imports shared/cli (the CLI is on top)',
  },
  {
    from: types(...others('infra')),
    disallow: { to: types('lambdas', 'infra') },
    message: 'nothing imports lambdas or infra (infra bundles lambdas by path)',
  },
];

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', 'contracts/out/', '.ballast/', 'coverage/', 'bench/out/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        AbortController: 'readonly',
        fetch: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // `import { z }` (or the default) is zod's whole namespace object, which a bundler must keep
      // whole: every locale and the JSON-schema converters (786 KB in the CLI bundle, 214 KB with
      // `import * as z`, whose members esbuild shakes one by one; docs/architecture.md).
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "ImportDeclaration[source.value='zod'][importKind='value'] > :matches(ImportSpecifier[importKind='value'][imported.name='z'], ImportDefaultSpecifier)",
          message: "write `import * as z from 'zod'`, so bundles keep only the parts of zod in use",
        },
      ],
    },
  },
  {
    files: ['eslint/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', exports: 'writable' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // Package boundaries (issue 12; docs/architecture.md "Allowed imports"): which package may
  // import which. Every import is resolved (./x.js → ./x.ts) and classified by its folder.
  {
    files: ['shared/**/*.ts', 'lambdas/**/*.ts', 'infra/**/*.ts'],
    plugins: { boundaries },
    settings: {
      'import/resolver': { [fileURLToPath(new URL('eslint/resolveTypeScript.cjs', import.meta.url))]: {} },
      'boundaries/elements': PACKAGES.map((type) => ({
        type,
        pattern: type === 'lambdas' || type === 'infra' ? type : `shared/${type}`,
      })),
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'allow',
          policies: BOUNDARY_POLICIES,
        },
      ],
    },
  },
);
