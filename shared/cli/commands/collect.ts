import { readFileSync, writeFileSync } from 'node:fs';
import { toRiskInputs } from '../../pipeline/collect/toRiskInputs.js';
import type { Command } from 'commander';
import { assetsConfigSchema, type AssetsConfig } from '../../config/assetsConfig.js';
import { collectMarketSnapshot } from '../../market/collectMarketSnapshot.js';
import { compactSnapshot } from '../../market/compactSnapshot.js';
import { MARKET_DEFAULTS } from '../../market/marketDefaults.js';
import type { MarketSnapshot } from '../../market/types.js';
import { DEFAULT_ASSETS_CONFIG_FILE } from '../../config/defaultAssetsConfigFile.js';
import { EXIT_CODES } from '../exitCodes.js';

interface CollectOptions {
  readonly asset: string;
  readonly live?: boolean;
  readonly sim?: string;
  readonly historyDays: string;
  readonly timeout?: string;
  readonly json?: boolean;
  readonly inputsOut?: string;
  readonly config: string;
}

/**
 * `ballast collect --asset BTC (--live | --sim URL) [--history-days N] [--json]`: one market-data
 * cycle for one asset — real venues with `--live` (needs internet; some venues refuse some regions),
 * or an exchange simulator — and a readable summary: each venue's status, the reference price,
 * consolidated best bid/ask, depth within 2%, slippage at the configured size, candle coverage,
 * degraded flag and reasons. `--json` prints the compact snapshot instead. Exit 1 when no reference
 * price could be formed; bad input exits 2.
 */
export function registerCollectCommand(program: Command): void {
  program
    .command('collect')
    .description(
      'collect one market snapshot for an asset from the real venues (--live) or a simulator (--sim)',
    )
    .requiredOption('--asset <asset>', 'asset name from the assets configuration, e.g. BTC')
    .option('--live', 'read the real public venue APIs over the internet')
    .option('--sim <url>', 'exchange simulator base URL, e.g. http://127.0.0.1:4100')
    .option(
      '--history-days <days>',
      'days of hourly candles to fetch (0 = none)',
      String(MARKET_DEFAULTS.historyDays),
    )
    .option('--timeout <ms>', 'per-request deadline in ms (default 5000)')
    .option('--json', 'print the compact snapshot as JSON')
    .option(
      '--inputs-out <file>',
      'also write the engine inputs (RiskInputs JSON) for `ballast compute --inputs`',
    )
    .option('--config <file>', 'assets configuration JSON', DEFAULT_ASSETS_CONFIG_FILE)
    .action(async (options: CollectOptions, cmd: Command) => {
      const fail = (message: string): never =>
        cmd.error(`ballast collect: ${message}`, { exitCode: EXIT_CODES.input, code: 'ballast.collect' });
      if ((options.live === true) === (options.sim !== undefined)) {
        fail(
          'choose the data source: exactly one of --live (real venues) or --sim <url> (exchange simulator)',
        );
      }
      if (options.sim !== undefined && !/^https?:\/\/[^/]+/.test(options.sim)) {
        fail(`--sim ${JSON.stringify(options.sim)} is not an http(s) URL; use e.g. http://127.0.0.1:4100`);
      }
      const historyDays = Number(options.historyDays);
      if (!Number.isFinite(historyDays) || historyDays < 0 || historyDays > 2000) {
        fail(`--history-days ${JSON.stringify(options.historyDays)} must be a number of days from 0 to 2000`);
      }
      const timeoutMs = options.timeout === undefined ? undefined : Number(options.timeout);
      if (
        timeoutMs !== undefined &&
        !(Number.isInteger(timeoutMs) && timeoutMs >= 50 && timeoutMs <= 120_000)
      ) {
        fail(
          `--timeout ${JSON.stringify(options.timeout)} must be an integer number of ms from 50 to 120000`,
        );
      }
      let assets: AssetsConfig;
      try {
        assets = assetsConfigSchema.parse(JSON.parse(readFileSync(options.config, 'utf8')));
      } catch (error) {
        return fail(`--config ${options.config}: ${(error as Error).message.split('\n')[0]}`);
      }
      const name = options.asset.trim().toUpperCase();
      const config = assets.assets[name];
      if (config === undefined) {
        fail(
          `--asset ${JSON.stringify(options.asset)} is not configured; configured: ${Object.keys(assets.assets).join(', ')}`,
        );
      }
      const snapshot = await collectMarketSnapshot({
        asset: name,
        config: config!,
        now: Date.now(),
        historyDays,
        cyclePeriodSeconds: assets.cyclePeriodSeconds,
        ...(options.sim === undefined ? {} : { simBaseUrl: options.sim }),
        ...(timeoutMs === undefined ? {} : { http: { timeoutMs } }),
      });
      process.stdout.write(
        options.json === true
          ? `${JSON.stringify(compactSnapshot(snapshot), null, 2)}\n`
          : formatSummary(snapshot),
      );
      if (options.inputsOut !== undefined) {
        writeFileSync(
          options.inputsOut,
          `${JSON.stringify(toRiskInputs(snapshot, config!.liquidationSizeUsd), null, 2)}\n`,
        );
        process.stderr.write(`wrote the engine inputs to ${options.inputsOut}\n`);
      }
      if (snapshot.referencePrice === null) process.exitCode = EXIT_CODES.failed;
    });
}

const usd = (x: number | null, digits = 2) =>
  x === null
    ? '—'
    : x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const millions = (x: number) => `$${(x / 1e6).toFixed(2)}M`;

function formatSummary(s: MarketSnapshot): string {
  const lines: string[] = [];
  const priceDigits = s.referencePrice !== null && s.referencePrice < 10 ? 5 : 2;
  lines.push(
    `${s.asset}  ${new Date(s.ts).toISOString()}  reference ${usd(s.referencePrice, priceDigits)} USD  ` +
      `(${s.quorum.accepted}/${s.venues.length} venues, quorum ${s.quorum.required})`,
  );
  const rows = [['venue', 'symbol', 'quote', 'status', 'mid (USD)', 'age', 'bid lvls', 'candles', 'note']];
  for (const v of s.venues) {
    rows.push([
      v.venue,
      v.symbol,
      v.quote,
      v.ok ? 'ok' : (v.excludedReason ?? 'excluded'),
      v.mid === undefined ? '—' : usd(v.mid, priceDigits),
      v.ts === undefined ? '—' : `${(Math.max(0, s.ts - v.ts) / 1000).toFixed(1)}s`,
      String(v.bidLevels ?? '—'),
      String(v.candles ?? '—'),
      [v.detail, ...(v.warnings ?? [])]
        .filter((x) => x !== undefined)
        .join('; ')
        .slice(0, 140),
    ]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows)
    lines.push(
      r
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    );
  lines.push(
    `best bid/ask ${usd(s.bestBid, priceDigits)} / ${usd(s.bestAsk, priceDigits)}   depth within 2%: ${millions(s.depth2PctUsd)}`,
  );
  if (s.slippage !== null) {
    lines.push(
      `slippage selling ${millions(s.slippage.sizeUsd)}: ${(s.slippage.slippage * 100).toFixed(3)}% ` +
        `(VWAP ${usd(s.slippage.vwap, priceDigits)}${s.slippage.exhausted ? `; book exhausted after ${millions(s.slippage.filledUsd)}` : ''})`,
    );
  }
  const first = s.candles[0];
  const last = s.candles[s.candles.length - 1];
  lines.push(
    first === undefined || last === undefined
      ? 'candles: none'
      : `candles: ${s.candles.length} hourly, ${new Date(first[0]).toISOString()} → ${new Date(last[0]).toISOString()}`,
  );
  lines.push(`degraded: ${s.degraded ? 'YES' : 'no'}`);
  for (const r of s.reasons) lines.push(`  - ${r}`);
  return `${lines.join('\n')}\n`;
}
