import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { collateralProxySlippage } from '../../backtest/pair/collateralProxySlippage.js';
import { runBacktest } from '../../backtest/runBacktest.js';
import type { AssetsConfig } from '../../config/assetsConfig.js';
import type { Candle } from '../../core/types.js';
import { DEFAULT_ASSETS_CONFIG_FILE } from '../../config/defaultAssetsConfigFile.js';
import { InputError } from '../../errors/BallastError.js';
import { backtestPortfolio, type PortfolioBacktestResult } from '../../portfolio/backtestPortfolio.js';
import { evaluatePortfolio, type PortfolioResult } from '../../portfolio/evaluatePortfolio.js';
import { isolatedRiskFromCandles } from '../../portfolio/isolatedRiskFromCandles.js';
import { parsePosition } from '../../portfolio/parsePosition.js';
import { CASH_ASSETS, type Position } from '../../portfolio/positionSchema.js';
import { loadAssetsConfigFile } from '../loadAssetsConfigFile.js';
import { parseInteger } from '../options/parseInteger.js';
import { parseTimeFlag } from '../options/parseTimeFlag.js';
import { readCandlesDir } from '../readCandlesDir.js';

export interface PortfolioCommandOptions {
  readonly positions: string;
  readonly candlesDir: string;
  readonly config?: string;
  readonly at?: string;
  readonly json?: boolean;
  readonly backtest?: boolean;
  readonly stride?: string;
  readonly isolated?: string;
  readonly minDays?: string;
}

/**
 * `ballast portfolio --positions FILE.json --candles-dir DIR [--at TIME] [--json]
 * [--backtest [--stride N] [--isolated raw|published]]`: portfolio margin of one position
 * (docs/cross-asset.md): health factor and required collateral under isolated and portfolio
 * margin, the diversification credit and the dominant asset; `--backtest` walks the position's USD
 * mix forward over the candles (§9 on the portfolio value).
 */
export function registerPortfolioCommand(program: Command): void {
  program
    .command('portfolio')
    .description('portfolio margin of a position: isolated vs portfolio requirement, credit, dominant asset')
    .requiredOption('--positions <file>', 'position JSON: {"collateral": {"BTC": 1}, "debt": {"USD": 30000}}')
    .requiredOption(
      '--candles-dir <dir>',
      'directory of hourly candle CSVs named ASSET.csv or ASSET_USDT-1h.csv',
    )
    .option('--config <file>', 'assets configuration JSON', DEFAULT_ASSETS_CONFIG_FILE)
    .option('--at <time>', 'evaluate at this time (ISO-8601 or epoch ms); default: the last common hour')
    .option('--json', 'print the result as JSON')
    .option(
      '--backtest',
      "walk the position's USD mix forward over the candles (breach test on the portfolio value)",
    )
    .option('--stride <hours>', 'backtest: hours between historical scenarios (1 = every hour)', '4')
    .option('--min-days <days>', 'backtest: days of scenarios before the first sample', '180')
    .option('--isolated <series>', 'backtest: isolated LT series to compare with: raw or published', 'raw')
    .action((options: PortfolioCommandOptions) => {
      const out = runPortfolioCommand(options);
      process.stdout.write(
        options.json === true ? `${JSON.stringify(out, null, 2)}\n` : formatPortfolio(out),
      );
    });
}

export interface PortfolioCommandOutput {
  readonly result: PortfolioResult;
  readonly backtest?: Omit<PortfolioBacktestResult, 'samples'>;
}

/** Runs the command with parsed options (used by tests). */
export function runPortfolioCommand(options: PortfolioCommandOptions): PortfolioCommandOutput {
  let text: string;
  try {
    text = readFileSync(options.positions, 'utf8');
  } catch (error) {
    throw new InputError(`--positions: cannot read ${options.positions}: ${(error as Error).message}`);
  }
  const position = parsePosition(text, options.positions);
  const config = loadAssetsConfigFile(options.config ?? DEFAULT_ASSETS_CONFIG_FILE);
  const assets = [...new Set([...Object.keys(position.collateral), ...Object.keys(position.debt)])].filter(
    (a) => !(CASH_ASSETS as readonly string[]).includes(a),
  );
  for (const [sideName, side] of [
    ['collateral', position.collateral],
    ['debt', position.debt],
  ] as const)
    for (const asset of Object.keys(side))
      if (!(CASH_ASSETS as readonly string[]).includes(asset) && config.assets[asset] === undefined)
        throw new InputError(
          `${options.positions}: ${sideName}.${asset}: "${asset}" is not allowed; expected a configured asset (${Object.keys(config.assets).join(', ')}) or ${CASH_ASSETS.join(', ')}`,
        );
  const candles = readCandlesDir(options.candlesDir, assets);
  const at = parseTimeFlag('--at', options.at);
  const lastCommon = Math.min(...assets.map((a) => candles[a]![candles[a]!.length - 1]![0])) + 3_600_000;
  const asOf = at === undefined ? lastCommon : Math.min(at, lastCommon);
  const isolated = Object.fromEntries(
    Object.keys(position.collateral)
      .filter((a) => config.assets[a] !== undefined)
      .map((a) => [
        a,
        isolatedRiskFromCandles({ asset: a, candles: candles[a]!, config: config.assets[a]!, asOf }),
      ]),
  );
  const result = evaluatePortfolio({
    position,
    candles,
    isolated,
    asOf,
    options: { epsilonBps: epsilonOf(position, config) },
  });
  if (options.backtest !== true) return { result };
  const stride = parseInteger('--stride', options.stride ?? '4', { min: 1, max: 168 });
  if (options.isolated !== 'raw' && options.isolated !== 'published' && options.isolated !== undefined)
    throw new InputError(`--isolated: "${options.isolated}" is not allowed; expected raw or published`);
  const { samples: _samples, ...backtest } = runPortfolioBacktest(
    position,
    result,
    candles,
    config,
    stride,
    options.isolated === 'published' ? 'published' : 'raw',
    parseInteger('--min-days', options.minDays ?? '180', { min: 1, max: 3650 }),
  );
  return { result, backtest };
}

function epsilonOf(position: Position, config: AssetsConfig): number {
  const eps = Object.keys(position.collateral)
    .map((a) => config.assets[a]?.epsilonBps)
    .filter((x): x is number => x !== undefined);
  return eps.length === 0 ? 50 : Math.max(...eps);
}

function runPortfolioBacktest(
  position: Position,
  result: PortfolioResult,
  candles: Readonly<Record<string, readonly Candle[]>>,
  config: AssetsConfig,
  stride: number,
  isolatedSeries: 'raw' | 'published',
  minScenarioDays: number,
): PortfolioBacktestResult {
  const cash = (a: string) => (CASH_ASSETS as readonly string[]).includes(a);
  const collateral = Object.fromEntries(Object.entries(result.collateralUsd).filter(([a]) => !cash(a)));
  const debt = Object.fromEntries(Object.entries(result.debtUsd).filter(([a]) => !cash(a)));
  const debtUsd = Object.entries(result.debtUsd)
    .filter(([a]) => cash(a))
    .reduce((s, [, v]) => s + v, 0);
  const slipAt: Record<string, (ts: number) => number | undefined> = {};
  const isolatedLtAt: Record<string, (ts: number) => number | undefined> = {};
  for (const asset of Object.keys(collateral)) {
    const assetConfig = { ...config.assets[asset]!, fixedHorizonHours: result.parameters.horizonHours };
    const slip = collateralProxySlippage(candles[asset]!, assetConfig);
    const slipMap = new Map(candles[asset]!.map((c, i) => [c[0], slip[i]!]));
    slipAt[asset] = (ts) => slipMap.get(ts);
    const run = runBacktest({ asset, candles: candles[asset]!, config: assetConfig });
    const rows = isolatedSeries === 'raw' ? run.raw : run.published;
    const ltMap = new Map<number, number>();
    for (let k = 0; k < rows.length; k++) ltMap.set(rows.ts[k]!, rows.ltBps[k]!);
    isolatedLtAt[asset] = (ts) => ltMap.get(ts);
  }
  if (Object.keys(position.collateral).some(cash))
    throw new InputError(
      '--backtest: cash collateral is not supported in the backtest; hold priced assets as collateral',
    );
  return backtestPortfolio({
    candles,
    collateral,
    debt,
    debtUsd,
    slipAt,
    isolatedLtAt,
    options: { stride, epsilonBps: result.parameters.epsilonBps },
    minScenarioDays,
  });
}

const pct = (x: number | null): string => (x === null ? 'n/a' : `${(x * 100).toFixed(2)} %`);
const usd = (x: number | null): string =>
  x === null ? 'unbounded' : `${x.toLocaleString('en-US', { maximumFractionDigits: 0 })} USD`;

/** Human-readable summary of a portfolio evaluation (and backtest). */
export function formatPortfolio({ result: r, backtest }: PortfolioCommandOutput): string {
  const lines = [
    `portfolio ${r.name ?? ''} at ${new Date(r.asOf).toISOString()} (${r.modelVersion}, ${r.scenarios} scenarios, H ${r.parameters.horizonHours} h, α ${r.parameters.alpha})`,
    `  collateral ${usd(r.collateralValue)}, debt ${usd(r.debtValue)}`,
    `  drop quantile of collateral/debt q = ${pct(r.q)}; dominant asset: ${r.dominantAsset ?? 'none'}`,
    `  isolated:  LT ${pct(r.isolatedLt)}, HF ${r.healthIsolated?.toFixed(3) ?? '∞'}, required collateral ${usd(r.requiredIsolated)}`,
    `  portfolio: LT ${pct(r.portfolioLt)}, HF ${r.healthPortfolio?.toFixed(3) ?? '∞'}, required collateral ${usd(r.requiredPortfolio)}`,
    `  diversification credit ${usd(r.diversificationCredit)} (${pct(r.diversificationCreditShare)})`,
  ];
  if (backtest !== undefined) {
    const p = backtest.portfolio;
    lines.push(
      `  backtest ${new Date(backtest.firstSampleTs).toISOString().slice(0, 10)} to ${new Date(backtest.lastSampleTs).toISOString().slice(0, 10)}: portfolio ${p.breaches}/${p.samples} breaches (Kupiec LR ${p.kupiec.lrPof.toFixed(2)}, one-sided p ${p.kupiec.binomialTailP.toFixed(3)}), mean LT ${(p.meanLtBps / 100).toFixed(2)} %`,
    );
    if (backtest.isolated !== null)
      lines.push(
        `  isolated on the same days: ${backtest.isolated.breaches}/${backtest.isolated.samples} breaches, mean LT ${(backtest.isolated.meanLtBps / 100).toFixed(2)} %; mean diversification credit ${pct(backtest.meanDiversificationCreditShare)}`,
      );
  }
  return `${lines.join('\n')}\n`;
}
