import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { APC_MODES, type ApcMode, type AssetConfig, type AssetsConfig } from '../../config/assetsConfig.js';
import { ConfigError } from '../../config/errors.js';
import { DEFAULTS } from '../../config/defaults.js';
import { parseAssetsConfig } from '../../config/parseAssetsConfig.js';
import { BacktestInputError } from '../../backtest/errors.js';
import type { PhaseTiming } from '../../backtest/createPhaseTimer.js';
import type { BacktestSummary } from '../../backtest/summarizeBacktest.js';
import { writeBacktest } from '../../backtest/writeBacktest.js';
import { DEFAULT_ASSETS_CONFIG_FILE } from '../../config/defaultAssetsConfigFile.js';
import { writePairBacktest } from '../../backtest/pair/writePairBacktest.js';
import { resolvePairConfig } from '../../config/resolvePairConfig.js';
import { riskConfigOf } from '../../config/riskConfigOf.js';
import { EXIT_CODES } from '../exitCodes.js';
import { InputError } from '../../errors/BallastError.js';
import { parseTimeFlag } from '../options/parseTimeFlag.js';

export interface BacktestOptions {
  readonly candles: string;
  readonly asset?: string;
  readonly quoteCandles?: string;
  readonly pair?: string;
  readonly config?: string;
  readonly staticLtv?: string;
  readonly staticLt?: string;
  readonly from?: string;
  readonly to?: string;
  readonly out?: string;
  readonly raw?: boolean;
  readonly quiet?: boolean;
  readonly horizon: string;
  readonly apc?: string;
  readonly allowGaps?: boolean;
  readonly timings?: boolean;
}

/**
 * `ballast backtest --candles FILE.csv --asset NAME [--config FILE] [--static-ltv BPS --static-lt BPS]
 * [--from DATE --to DATE] [--out DIR] [--raw] [--quiet] [--horizon HOURS|volume] [--apc MODE] [--allow-gaps] [--timings]`:
 * the walk-forward validation of docs/methodology.md §9. Writes series.csv, summary.json and report.html.
 * A progress bar goes to stderr on a terminal only. Bad input exits 2 with the field and line.
 */
export function registerBacktestCommand(program: Command): void {
  program
    .command('backtest')
    .description('walk-forward backtest on hourly candles: coverage tests, static comparison, report')
    .requiredOption(
      '--candles <file>',
      'CSV with columns ts_ms,open,high,low,close,volume (hourly, ascending)',
    )
    .option('--asset <name>', 'asset whose configuration to use, e.g. BTC (or give --pair)')
    .option(
      '--pair <C/D>',
      'backtest the pair collateral C against debt D on the ratio of --candles (C) to --quote-candles (D)',
    )
    .option('--quote-candles <file>', "the debt asset's USD candles for --pair (same CSV format)")
    .option('--config <file>', 'assets configuration JSON', DEFAULT_ASSETS_CONFIG_FILE)
    .option('--static-ltv <bps>', 'static LTV to compare with, bp (e.g. 7300 for Aave v3 WBTC)')
    .option('--static-lt <bps>', 'static LT to compare with, bp (e.g. 7800 for Aave v3 WBTC)')
    .option(
      '--from <date>',
      'start of the evaluated period (YYYY-MM-DD, RFC 3339 time with a zone, or epoch ms); earlier candles warm up',
    )
    .option('--to <date>', 'end of the period, exclusive (same forms as --from); later candles are ignored')
    .option('--out <dir>', 'output directory (default: .ballast/backtest-out/<ASSET>)')
    .option('--raw', 'write the raw model to series.csv (APC off, no bounds, no control layer)')
    .option('--quiet', 'no progress bar')
    .option(
      '--horizon <hours|volume>',
      'model liquidation horizon: whole hours, or "volume" for H_base + Q/(ρ·V_h)',
      String(DEFAULTS.backtestHorizonHours),
    )
    .option('--apc <mode>', `override the asset's anti-procyclicality mode: ${APC_MODES.join(', ')}`)
    .option('--allow-gaps', 'proceed over gaps longer than a day (they are skipped, never filled)')
    .option(
      '--timings',
      'also print the CPU and wall time of each phase: start-up, read, walk, evaluate, write',
    )
    .action((options: BacktestOptions) => {
      try {
        runBacktestCommand(options, `ballast ${process.argv.slice(2).join(' ')}`);
      } catch (error) {
        if (error instanceof InputError || error instanceof ConfigError) {
          if (process.stderr.isTTY) process.stderr.write('\n');
          process.stderr.write(`ballast: ${error.message}\n`);
          process.exitCode = EXIT_CODES.input;
          return;
        }
        throw error;
      }
    });
}

/** Runs the command with parsed options; returns the summary (used by tests). */
export function runBacktestCommand(
  options: BacktestOptions,
  command: string,
): ReturnType<typeof writeBacktest> {
  const configPath = options.config ?? DEFAULT_ASSETS_CONFIG_FILE;
  let text: string;
  try {
    text = readFileSync(configPath, 'utf8');
  } catch (error) {
    throw new BacktestInputError(`--config: cannot read ${configPath}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const assets = parseAssetsConfig(text, configPath);
  if (options.pair !== undefined || options.quoteCandles !== undefined)
    return runPairBacktestCommand(options, assets, configPath, command);
  if (options.asset === undefined)
    throw new BacktestInputError(
      '--asset: missing; give the asset whose configuration to use, or --pair C/D with --quote-candles',
    );
  const base = assets.assets[options.asset];
  if (base === undefined)
    throw new BacktestInputError(
      `--asset: "${options.asset}" is not in ${configPath}; configured assets: ${Object.keys(assets.assets).join(', ')}`,
    );
  const config = withOverrides(base, options);
  const staticParams = parseStatic(options);
  const period = parsePeriod(options);
  const showProgress = process.stderr.isTTY === true && options.quiet !== true;
  const result = writeBacktest({
    candlesPath: options.candles,
    asset: options.asset,
    config,
    outDir: options.out ?? join('.ballast', 'backtest-out', options.asset),
    emitted: options.raw === true ? 'raw' : 'published',
    ...period,
    ...(staticParams === undefined ? {} : { staticParams }),
    command,
    ...(showProgress ? { onProgress: progressBar } : {}),
    ...(options.allowGaps === true ? { allowGaps: true } : {}),
  });
  if (showProgress) process.stderr.write('\n');
  printSummary(result, options.raw === true, options.timings === true);
  return result;
}

/** `--pair C/D --quote-candles D.csv`: the same walk-forward on the ratio series (docs/cross-asset.md). */
function runPairBacktestCommand(
  options: BacktestOptions,
  assetsConfig: AssetsConfig,
  configPath: string,
  command: string,
): ReturnType<typeof writeBacktest> {
  const assets = assetsConfig.assets;
  if (options.pair === undefined || options.quoteCandles === undefined)
    throw new BacktestInputError('--pair and --quote-candles go together: give both or neither');
  if (options.asset !== undefined)
    throw new BacktestInputError(
      `--asset ${options.asset} with --pair: the pair's collateral names the configuration; drop --asset`,
    );
  const match = /^([A-Za-z0-9]+)\/([A-Za-z0-9]+)$/.exec(options.pair);
  if (match === null || match[1] === match[2])
    throw new BacktestInputError(
      `--pair: "${options.pair}" is not allowed; expected COLLATERAL/DEBT with two different configured assets, e.g. ETH/BTC`,
    );
  const [, c, d] = match as unknown as [string, string, string];
  for (const id of [c, d])
    if (assets[id] === undefined)
      throw new BacktestInputError(
        `--pair: "${id}" is not in ${configPath}; configured assets: ${Object.keys(assets).join(', ')}`,
      );
  // The pair's configured bounds and limits when the config lists it, else the pair defaults.
  const resolved = riskConfigOf(assetsConfig, `${c}/${d}`) ?? resolvePairConfig(assets[c]!, {});
  const config = withOverrides(resolved, options);
  const staticParams = parseStatic(options);
  const period = parsePeriod(options);
  const showProgress = process.stderr.isTTY === true && options.quiet !== true;
  const result = writePairBacktest({
    candlesPath: options.candles,
    quoteCandlesPath: options.quoteCandles,
    pair: `${c}/${d}`,
    config,
    outDir: options.out ?? join('.ballast', 'backtest-out', `${c}-${d}`),
    emitted: options.raw === true ? 'raw' : 'published',
    ...period,
    ...(staticParams === undefined ? {} : { staticParams }),
    command,
    ...(showProgress ? { onProgress: progressBar } : {}),
  });
  if (showProgress) process.stderr.write('\n');
  printSummary(result, options.raw === true, options.timings === true);
  return result;
}

function parseStatic(options: BacktestOptions): { ltvBps: number; ltBps: number } | undefined {
  if ((options.staticLtv === undefined) !== (options.staticLt === undefined))
    throw new BacktestInputError('--static-ltv and --static-lt go together: give both or neither');
  if (options.staticLtv === undefined || options.staticLt === undefined) return undefined;
  const staticParams = {
    ltvBps: parseBps('--static-ltv', options.staticLtv),
    ltBps: parseBps('--static-lt', options.staticLt),
  };
  if (staticParams.ltvBps > staticParams.ltBps)
    throw new BacktestInputError(
      `--static-ltv ${staticParams.ltvBps} is above --static-lt ${staticParams.ltBps}; LTV must be ≤ LT`,
    );
  return staticParams;
}

/**
 * The summary: the LT test of the emitted series, its mean LTV, then the LTV promise of the raw
 * model (docs/methodology.md §9.2: a position opened at max LTV reaching LT within H_react), which
 * is what LTV calibration is judged on.
 */
function printSummary(result: ReturnType<typeof writeBacktest>, raw: boolean, timings: boolean): void {
  process.stdout.write(formatBacktestSummary(result.summary, raw, result.elapsedMs));
  process.stdout.write(`wrote ${result.files.series}, ${result.files.summary}, ${result.files.report}\n`);
  if (timings) process.stdout.write(formatTimings(result.timings));
}

/** `timings (ms CPU/wall): start-up 80/61, read 31/27, …`: CPU is the whole process's (compiler and GC threads too). */
function formatTimings(timings: readonly PhaseTiming[]): string {
  const all = timings.map((t) => `${t.phase} ${t.cpuMs.toFixed(0)}/${t.wallMs.toFixed(0)}`);
  const cpu = timings.reduce((sum, t) => sum + t.cpuMs, 0);
  const wall = timings.reduce((sum, t) => sum + t.wallMs, 0);
  return `timings (ms CPU/wall): ${all.join(', ')}; total ${cpu.toFixed(0)}/${wall.toFixed(0)}\n`;
}

/** The summary lines `ballast backtest` prints. */
function formatBacktestSummary(s: BacktestSummary, raw: boolean, elapsedMs: number): string {
  const series = raw ? s.raw : s.published;
  const pct = (rate: number): string => `${(rate * 100).toFixed(2)} %`;
  const ltv = s.raw.ltv;
  return (
    `${s.asset} ${s.range.rows} h in ${(elapsedMs / 1000).toFixed(1)} s (APC ${s.apcMode}, ${raw ? 'raw' : 'published'} series): ` +
    `${series.breaches}/${series.samples} breaches, Kupiec LR ${series.kupiec.lrPof.toFixed(2)}, Christoffersen LR_ind ${series.christoffersen.lrInd.toFixed(2)}, ` +
    `mean LTV ${(series.mean.overall.ltvBps / 100).toFixed(1)} % (calm ${(series.mean.calm.ltvBps / 100).toFixed(1)} %)\n` +
    `raw LTV promise (α ${Number((ltv.alphaLtv * 100).toFixed(2))} %, LT within ${ltv.reactionHours} h): ${ltv.breaches}/${ltv.samples} breaches, ` +
    `${pct(ltv.breachRate)} (expected ${pct(ltv.expectedRate)}), Kupiec LR ${ltv.lrPof.toFixed(2)}${ltv.rejectTwoSided ? ' rejected' : ''}, ` +
    `Christoffersen LR_ind ${ltv.lrInd.toFixed(2)}${ltv.rejectInd ? ' rejected' : ''}\n`
  );
}

function progressBar(done: number, total: number): void {
  const width = 30;
  const filled = Math.round((done / total) * width);
  process.stderr.write(
    `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.floor((done / total) * 100)}% ${done}/${total} h`,
  );
}

function parseHorizon(value: string): { fixedHorizonHours?: number } {
  if (value === 'volume') return {};
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 720)
    throw new BacktestInputError(
      `--horizon: "${value}" is not allowed; expected whole hours from 1 to 720, or "volume"`,
    );
  return { fixedHorizonHours: Number(value) };
}

function parseApc(value: string): ApcMode {
  if (!(APC_MODES as readonly string[]).includes(value))
    throw new BacktestInputError(`--apc: "${value}" is not allowed; expected one of ${APC_MODES.join(', ')}`);
  return value as ApcMode;
}

function parseBps(flag: string, value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 10_000)
    throw new BacktestInputError(
      `${flag}: "${value}" is not allowed; expected whole basis points from 0 to 10000`,
    );
  return Number(value);
}

/** `--from`/`--to`, parsed like every other time flag (parseTimeFlag), from before to. */
function parsePeriod(options: BacktestOptions): { from?: number; to?: number } {
  const from = parseTimeFlag('--from', options.from);
  const to = parseTimeFlag('--to', options.to);
  if (from !== undefined && to !== undefined && from >= to)
    throw new BacktestInputError(`--from ${options.from} is not before --to ${options.to}`);
  return { ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) };
}

/** The asset's (or pair's) configuration with the command's --horizon and --apc. */
function withOverrides(base: AssetConfig, options: BacktestOptions): AssetConfig {
  const config: AssetConfig = {
    ...base,
    ...parseHorizon(options.horizon),
    ...(options.apc === undefined ? {} : { apcMode: parseApc(options.apc) }),
  };
  if (options.horizon === 'volume') delete (config as { fixedHorizonHours?: number }).fixedHorizonHours;
  return config;
}
