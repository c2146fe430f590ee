import type { Command } from 'commander';
import { DEFAULT_ASSETS_CONFIG_FILE } from '../../config/defaultAssetsConfigFile.js';
import { computeCorrelations, type CorrelationsResult } from '../../risk/crossAsset/computeCorrelations.js';
import { loadAssetsConfigFile } from '../loadAssetsConfigFile.js';
import { parseAssetList } from '../options/parseAssetList.js';
import { parseTimeFlag } from '../options/parseTimeFlag.js';
import { readCandlesDir } from '../readCandlesDir.js';

export interface CorrelationsCommandOptions {
  readonly candlesDir: string;
  readonly config?: string;
  readonly assets?: string;
  readonly at?: string;
  readonly json?: boolean;
}

/**
 * `ballast correlations --candles-dir DIR [--assets A,B,...] [--at TIME] [--json]`: the EWMA and
 * stressed correlations of the configured assets and the pairs that moved most
 * (docs/cross-asset.md), from hourly candle CSVs.
 */
export function registerCorrelationsCommand(program: Command): void {
  program
    .command('correlations')
    .description('EWMA and stressed correlations of the assets, and the pairs that moved most')
    .requiredOption(
      '--candles-dir <dir>',
      'directory of hourly candle CSVs named ASSET.csv or ASSET_USDT-1h.csv',
    )
    .option('--config <file>', 'assets configuration JSON', DEFAULT_ASSETS_CONFIG_FILE)
    .option('--assets <list>', 'comma-separated assets (default: every configured asset)')
    .option('--at <time>', 'as of this time (ISO-8601 or epoch ms); default: the last common hour')
    .option('--json', 'print the result as JSON')
    .action((options: CorrelationsCommandOptions) => {
      const result = runCorrelationsCommand(options);
      process.stdout.write(
        options.json === true ? `${JSON.stringify(result, null, 2)}\n` : formatCorrelations(result),
      );
    });
}

/** Runs the command with parsed options (used by tests). */
export function runCorrelationsCommand(options: CorrelationsCommandOptions): CorrelationsResult {
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
