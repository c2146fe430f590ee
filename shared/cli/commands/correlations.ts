import type { Command } from 'commander';
import { DEFAULT_ASSETS_CONFIG_FILE } from '../../config/defaultAssetsConfigFile.js';
import { computeCorrelations, type CorrelationsResult } from '../../risk/crossAsset/computeCorrelations.js';
import { InputError } from '../../errors/BallastError.js';
import { getStoredCorrelations } from '../../store/getStoredCorrelations.js';
import { loadAssetsConfigFile } from '../loadAssetsConfigFile.js';
import { addStoreOptions } from '../options/addStoreOptions.js';
import { resolveApiContext, type StoreOptions } from '../resolveApiContext.js';
import { parseAssetList } from '../options/parseAssetList.js';
import { parseTimeFlag } from '../options/parseTimeFlag.js';
import { readCandlesDir } from '../readCandlesDir.js';

export interface CorrelationsCommandOptions extends StoreOptions {
  readonly candlesDir?: string;
  readonly config?: string;
  readonly assets?: string;
  readonly at?: string;
  readonly json?: boolean;
}

/**
 * `ballast correlations (--candles-dir DIR [--assets A,B,...] | --local) [--at TIME] [--json]`: the
 * EWMA and stressed correlations of the assets and the pairs that moved most (docs/cross-asset.md
 * §1), computed from hourly candle CSVs, or as a cycle stored them (the running local stack with
 * `--local`, or the tables named by `--endpoint`/`--table-prefix`).
 */
export function registerCorrelationsCommand(program: Command): void {
  addStoreOptions(
    program
      .command('correlations')
      .description('EWMA and stressed correlations of the assets, and the pairs that moved most')
      .option(
        '--candles-dir <dir>',
        'compute from a directory of hourly candle CSVs named ASSET.csv or ASSET_USDT-1h.csv',
      )
      .option(
        '--assets <list>',
        'with --candles-dir: comma-separated assets (default: every configured asset)',
      )
      .option(
        '--at <time>',
        'as of this time (ISO-8601 or epoch ms); default: the last common hour, or the latest stored cycle',
      )
      .option('--json', 'print the result as JSON'),
  ).action(async (options: CorrelationsCommandOptions) => {
    const result =
      options.candlesDir === undefined
        ? await readStoredCorrelations(options)
        : runCorrelationsCommand(options);
    process.stdout.write(
      options.json === true ? `${JSON.stringify(result, null, 2)}\n` : formatCorrelations(result),
    );
  });
}

/** The correlations a cycle stored (the last one at or before --at). */
async function readStoredCorrelations(options: CorrelationsCommandOptions): Promise<CorrelationsResult> {
  if (options.local !== true && options.endpoint === undefined && options.tablePrefix === undefined)
    throw new InputError(
      'correlations: give --candles-dir DIR to compute from candle files, or --local (or --endpoint/--table-prefix) to read what the cycles stored',
    );
  if (options.assets !== undefined)
    throw new InputError(
      `--assets ${options.assets}: only with --candles-dir; stored correlations cover the assets of their cycle`,
    );
  const at = parseTimeFlag('--at', options.at);
  const { context } = resolveApiContext(
    options,
    loadAssetsConfigFile(options.config ?? DEFAULT_ASSETS_CONFIG_FILE),
  );
  try {
    const stored = await getStoredCorrelations(context.dynamo, context.tables, at);
    if (stored === undefined)
      throw new InputError(
        at === undefined
          ? 'correlations: no cycle has stored correlations yet (a cycle stores them when it collects at least two assets)'
          : `--at: no cycle stored correlations at or before ${new Date(at).toISOString()}`,
        { fix: 'run a cycle first: `npx ballast run --local --keep`' },
      );
    return stored.result;
  } finally {
    context.dynamo.client.destroy();
  }
}

/** Runs the command with parsed options (used by tests). */
export function runCorrelationsCommand(options: CorrelationsCommandOptions): CorrelationsResult {
  if (options.candlesDir === undefined) throw new InputError('--candles-dir: missing');
  const config = loadAssetsConfigFile(options.config ?? DEFAULT_ASSETS_CONFIG_FILE);
  const assets =
    options.assets === undefined
      ? Object.keys(config.assets)
      : parseAssetList('--assets', options.assets, config);
  const at = parseTimeFlag('--at', options.at);
  return computeCorrelations({
    candles: readCandlesDir(options.candlesDir, assets),
    ...(at === undefined ? {} : { asOf: at }),
  });
}

/** A correlation table, the stressed one, and the pairs that moved most. */
export function formatCorrelations(r: CorrelationsResult): string {
  const cell = (x: number | null): string => (x === null ? '   n/a' : x.toFixed(2).padStart(6));
  const table = (m: readonly (readonly (number | null)[])[]): string[] =>
    [`${''.padEnd(6)}${r.assets.map((a) => a.padStart(6)).join('')}`].concat(
      r.assets.map((a, i) => `${a.padEnd(6)}${m[i]!.map(cell).join('')}`),
    );
  return [
    `correlations at ${new Date(r.asOf).toISOString()} (${r.modelVersion}, λ ${r.parameters.lambdaCorr}, ${r.returns} synchronous hourly returns)`,
    'EWMA correlation:',
    ...table(r.correlation),
    `stressed (highest ${r.parameters.stressWindowHours / 24}-day window of the last ${r.parameters.stressLookbackHours / 24} days):`,
    ...table(r.stressed),
    `moved most over ${r.parameters.movedLookbackHours} h:`,
    ...r.moved.map(
      (p) =>
        `  ${p.a}-${p.b}: ${p.before.toFixed(2)} → ${p.now.toFixed(2)} (${p.change >= 0 ? '+' : ''}${p.change.toFixed(2)})`,
    ),
    '',
  ].join('\n');
}
