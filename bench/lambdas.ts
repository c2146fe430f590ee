/**
 * Lambda bundle size and module init time.
 *
 *   npx tsx bench/lambdas.ts [--runs 7] [--stage prod]
 *
 * Bundles each handler with esbuild exactly as the CDK stack does (the options come from
 * infra/constructs/defaults.ts), then imports each bundle in a fresh Node process N times and
 * reports the median import time (module init: what a cold start pays before the handler runs).
 * Also reports the same bundle with `@aws-sdk/*` left external (the runtime's SDK), for comparison.
 * Goals: ≤ 1.5 MB per bundle, ≤ 300 ms init.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { loadStageConfig } from '../infra/config/loadStageConfig.js';
import { HANDLER_ENTRIES, LAMBDA_NODE_OPTIONS, type HandlerName } from '../infra/constructs/defaults.js';
import { lambdaBundling } from '../infra/constructs/lambdaBundling.js';
import { toEsbuildOptions } from '../infra/constructs/toEsbuildOptions.js';

const GOAL_BYTES = 1.5 * 1024 * 1024;
const GOAL_INIT_MS = 300;

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: { runs: { type: 'string', default: '7' }, stage: { type: 'string', default: 'prod' } },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`--runs must be a positive integer, got "${values.runs}"`);
  process.exit(2);
}

const config = loadStageConfig({ stage: values.stage, repoRoot });
const chain = config.stage.chains[0]!;
const bundling = lambdaBundling({ assetsConfigJson: JSON.stringify(config.assets) });

// The environment the stack sets (values are placeholders; nothing is contacted at import).
const lambdaEnv: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  AWS_REGION: 'eu-west-1',
  AWS_LAMBDA_FUNCTION_NAME: 'bench',
  BALLAST_TABLE_PREFIX: `ballast-${config.stage.stage}`,
  BALLAST_KMS_KEY_ID: 'arn:aws:kms:eu-west-1:000000000000:key/00000000-0000-0000-0000-000000000000',
  BALLAST_ORACLE_ADDRESS: chain.oracleAddress,
  BALLAST_CHAIN_ID: String(chain.chainId),
  BALLAST_RPC_URLS_PARAM: chain.rpcUrlsParameterName,
  POWERTOOLS_SERVICE_NAME: 'ballast-bench',
  POWERTOOLS_METRICS_NAMESPACE: 'Ballast',
  POWERTOOLS_LOG_LEVEL: 'ERROR',
  // As in Lambda: source maps are parsed at load, and that is part of init.
  NODE_OPTIONS: LAMBDA_NODE_OPTIONS,
};

// Runs in the child: time from before the import to after it settles (the bundle's top level).
// CPU time (user + system) is reported beside wall time: it is far less sensitive to a busy machine.
const IMPORT_PROBE =
  'const c0 = process.cpuUsage(); const t0 = performance.now(); const m = await import(process.argv[1]); ' +
  'const ms = performance.now() - t0; const c = process.cpuUsage(c0); ' +
  "if (typeof m.handler !== 'function') throw new Error('no handler export'); " +
  'console.log(JSON.stringify({ ms, cpuMs: (c.user + c.system) / 1000 }));';

interface Row {
  readonly name: string;
  readonly variant: string;
  readonly bytes: number;
  readonly initMs: number;
  readonly initCpuMs: number;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function initTimeMs(file: string): { ms: number; cpuMs: number } {
  const samples: number[] = [];
  const cpuSamples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const child = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', IMPORT_PROBE, pathToFileURL(file).href],
      {
        env: lambdaEnv,
        encoding: 'utf8',
      },
    );
    if (child.status !== 0) throw new Error(`importing ${file} failed:\n${child.stderr}`);
    const sample = JSON.parse(child.stdout.trim().split('\n').pop()!) as { ms: number; cpuMs: number };
    samples.push(sample.ms);
    cpuSamples.push(sample.cpuMs);
  }
  return { ms: median(samples), cpuMs: median(cpuSamples) };
}

const outRoot = join(repoRoot, 'bench', 'out', 'lambdas');
mkdirSync(outRoot, { recursive: true });
const rows: Row[] = [];
for (const name of Object.keys(HANDLER_ENTRIES) as HandlerName[]) {
  const entry = join(repoRoot, HANDLER_ENTRIES[name]);
  if (!existsSync(entry)) {
    console.log(`skip ${name}: ${HANDLER_ENTRIES[name]} does not exist yet`);
    continue;
  }
  const variants = [
    { variant: 'shipped (SDK bundled)', options: bundling },
    { variant: 'SDK external', options: { ...bundling, externalModules: ['@aws-sdk/*'] } },
  ];
  for (const { variant, options } of variants) {
    const outfile = join(
      outRoot,
      `${name}-${variant.startsWith('shipped') ? 'shipped' : 'sdk-external'}`,
      'index.mjs',
    );
    await build(toEsbuildOptions(options, entry, outfile));
    const init = initTimeMs(outfile);
    rows.push({ name, variant, bytes: statSync(outfile).size, initMs: init.ms, initCpuMs: init.cpuMs });
  }
}

const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(2);
console.log(
  `\nnpx tsx bench/lambdas.ts --runs ${runs} --stage ${values.stage}   (node ${process.version}, ${process.arch})`,
);
console.log(`median of ${runs} fresh-process imports; goals: ≤ ${mb(GOAL_BYTES)} MB, ≤ ${GOAL_INIT_MS} ms`);
// Init times scale with machine load: print it so numbers from a busy machine are read as such.
console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${cpus().length} CPUs\n`,
);
console.log('handler   variant                  bundle MB   init ms  init CPU ms   size/goal  init/goal');
for (const row of rows) {
  console.log(
    `${row.name.padEnd(9)} ${row.variant.padEnd(24)} ${mb(row.bytes).padStart(9)} ${row.initMs.toFixed(1).padStart(9)}` +
      ` ${row.initCpuMs.toFixed(1).padStart(12)}` +
      `   ${(row.bytes / GOAL_BYTES).toFixed(2).padStart(8)}  ${(row.initMs / GOAL_INIT_MS).toFixed(2).padStart(8)}` +
      (row.variant.startsWith('shipped') && (row.bytes > GOAL_BYTES || row.initMs > GOAL_INIT_MS)
        ? '   OVER GOAL'
        : ''),
  );
}
