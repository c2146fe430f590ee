import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  BACKTEST_REFERENCE_CASES,
  engineReferenceHashes,
  OHLCV_DIR,
  runBacktestReferenceCase,
} from '../../fixtures/backtest/backtestReferenceCases.js';

/**
 * Bit-for-bit guard for speed work on the engine and the backtest (issue 20): the three files of
 * each reference backtest on the real five-year candles, and the engine checkpoint and record after
 * two and five years, hash exactly as they did before the optimisations
 * (test/fixtures/backtest/backtestReference.json). A change of the model itself updates the
 * reference on purpose: `npx tsx` a script printing `runBacktestReferenceCase` /
 * `engineReferenceHashes`, and say why in the commit.
 */
const reference = JSON.parse(
  readFileSync(new URL('../../fixtures/backtest/backtestReference.json', import.meta.url), 'utf8'),
) as {
  backtest: Record<string, Record<string, string>>;
  engine: Record<string, Record<string, string>>;
};
const hasData = BACKTEST_REFERENCE_CASES.every((c) =>
  existsSync(new URL(`${c.asset}_USDT-1h.csv`, OHLCV_DIR)),
);

describe.skipIf(!hasData)(
  'backtest and engine outputs equal the stored reference (needs ../shared/data/ohlcv)',
  () => {
    for (const c of BACKTEST_REFERENCE_CASES)
      it(`backtest ${c.name}: series.csv, summary.json, report.html`, () => {
        expect(runBacktestReferenceCase(c)).toEqual(reference.backtest[c.name]);
      });

    for (const hours of [17520, 43800])
      it(`engine checkpoint and record of ETH after ${hours} h, from the first candle and from a checkpoint`, () => {
        expect(engineReferenceHashes(hours)).toEqual(reference.engine[String(hours)]);
      });
  },
);
