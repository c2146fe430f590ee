import type { AssetConfig } from '../config/assetsConfig.js';
import { DAY_MS, HOUR_MS } from '../core/time.js';
import type { Candle } from '../core/types.js';
import { BacktestInputError } from './errors.js';

export interface AssertJudgeableCandlesParams {
  readonly asset: string;
  readonly candles: readonly Candle[];
  readonly config: AssetConfig;
  /** Proceed over gaps longer than a day (they are still counted, never filled). @default false */
  readonly allowGaps?: boolean;
}

/** An hourly close-to-close move beyond this factor either way is not a market move but a bad print or another series. */
const MAX_HOURLY_FACTOR = 3;

const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

/**
 * The backtest refuses what it cannot judge (docs/methodology.md §9.4), with a one-line error:
 * - candles that are not hourly (most consecutive opens not one hour apart);
 * - a gap longer than a day, named by where it starts, unless `allowGaps`;
 * - a price series implausible for the asset's configuration: OHLC not consistent (high below open
 *   or close, low above them), a close-to-close move beyond ×3 or ÷3 within one hour, or an average
 *   daily USD volume below the configured liquidation size Q (the file is then not the market Q was
 *   configured for, or Q is wrong).
 * @throws BacktestInputError naming the asset, the hour and the value.
 */
export function assertJudgeableCandles({
  asset,
  candles,
  config,
  allowGaps = false,
}: AssertJudgeableCandlesParams): void {
  if (candles.length < 2) return;
  // One pass over the candles (V8 compiles one loop once, not three loops one after the other),
  // noting what is wrong; the errors then come in the order of the checks above: not hourly, long
  // gaps, the first inconsistent or implausible candle, the volume.
  let hourly = 0;
  const longGaps: string[] = [];
  let firstBad = -1; // the first candle that is not a consistent OHLC or moves beyond the factor
  let volumeUsd = 0;
  let prevTs = Number.NaN;
  let prevClose = Number.NaN;
  for (let i = 0; i < candles.length; i++) {
    // Indexed, not destructured (no iterator per candle).
    const candle = candles[i]!;
    const ts = candle[0];
    const open = candle[1];
    const high = candle[2];
    const low = candle[3];
    const close = candle[4];
    const step = ts - prevTs; // NaN for the first candle: neither hourly nor a gap
    const isHour = step === HOUR_MS;
    if (isHour) hourly += 1;
    if (step > DAY_MS) longGaps.push(`${(step / HOUR_MS - 1).toFixed(0)} h missing after ${iso(prevTs)} UTC`);
    const factor = close / prevClose;
    const bad =
      isInconsistentOhlc(open, high, low, close) ||
      (isHour && (factor > MAX_HOURLY_FACTOR || factor < 1 / MAX_HOURLY_FACTOR));
    if (bad && firstBad < 0) firstBad = i;
    volumeUsd += candle[5] * close;
    prevTs = ts;
    prevClose = close;
  }
  if (hourly * 2 < candles.length - 1)
    throw new BacktestInputError(
      `${asset}: candles are not hourly: only ${hourly} of ${candles.length - 1} consecutive opens are one hour apart`,
      { fix: 'give hourly candles (the methodology and the breach test are hourly)' },
    );
  if (longGaps.length > 0 && !allowGaps)
    throw new BacktestInputError(
      `${asset}: ${longGaps.length} gap${longGaps.length > 1 ? 's' : ''} longer than a day: ${longGaps.slice(0, 3).join('; ')}${longGaps.length > 3 ? '; …' : ''}`,
      {
        fix: 'fill the history, cut it with --from/--to, or pass --allow-gaps to proceed (gaps are skipped, never filled)',
      },
    );
  if (firstBad >= 0) throwBadCandle(asset, candles, firstBad);
  const days = (candles[candles.length - 1]![0] + HOUR_MS - candles[0]![0]) / DAY_MS;
  const advUsd = volumeUsd / days;
  if (advUsd < config.liquidationSizeUsd)
    throw new BacktestInputError(
      `${asset}: average daily volume ${advUsd.toExponential(3)} USD is below the configured liquidation size Q = ${config.liquidationSizeUsd} USD: the series is implausible for this asset's configuration`,
      {
        fix: 'check that the candle file is this asset (volume in base units) and that liquidationSizeUsd is right',
      },
    );
}

/** The error for candle `i`, which the pass found inconsistent (checked first) or implausible. */
function throwBadCandle(asset: string, candles: readonly Candle[], i: number): never {
  const [ts, open, high, low, close] = candles[i]!;
  if (isInconsistentOhlc(open, high, low, close))
    throw new BacktestInputError(
      `${asset}: candle ${iso(ts)} UTC is not a consistent OHLC (open ${open}, high ${high}, low ${low}, close ${close})`,
    );
  const prevClose = candles[i - 1]![4];
  throw new BacktestInputError(
    `${asset}: close moves ×${(close / prevClose).toPrecision(3)} within the hour ${iso(ts)} UTC (${prevClose} → ${close}); beyond ×${MAX_HOURLY_FACTOR} either way it is a bad print or another series`,
  );
}

/** High below the open or the close, or low above them. */
function isInconsistentOhlc(open: number, high: number, low: number, close: number): boolean {
  return high < Math.max(open, close) || low > Math.min(open, close);
}
