/**
 * The evidence behind the v2 defaults (docs/model-validation.md): walk-forward backtests of the five
 * shared assets over a small candidate grid, one process, sequentially (CPU-frugal), 24 h horizon,
 * α_LT = 99 %. Stage 1 compares the volatility models, stage 2 the loosening half-life, stage 3 the
 * APC buffer; v1 runs beside them. Prints one table row per (candidate, asset) and writes the rows
 * as JSON to the path given as first argument.
 * Run: npx tsx bench/modelGrid.ts /tmp/grid.json   (needs ../shared/data/ohlcv)
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { readCandlesCsv } from '../shared/backtest/readCandlesCsv.js';
import { runBacktest } from '../shared/backtest/runBacktest.js';
import { DEFAULT_STRESS_EPISODES } from '../shared/backtest/stressEpisodes.js';
import { summarizeBacktest } from '../shared/backtest/summarizeBacktest.js';
import type { AssetConfig } from '../shared/config/assetsConfig.js';
import { parseAssetsConfig } from '../shared/config/parseAssetsConfig.js';
import type { Candle } from '../shared/core/types.js';
import { MODEL_VERSION_V1, MODEL_VERSION_V2 } from '../shared/risk/version/modelVersions.js';
import { v1ConfigOf } from '../shared/risk/version/v1ConfigOf.js';

const ASSETS = ['BTC', 'ETH', 'BNB', 'SOL', 'XRP'];
/** Aave v3 Ethereum static parameters (LTV, LT) for the static comparison. */
const AAVE: Record<string, { ltvBps: number; ltBps: number }> = {
  BTC: { ltvBps: 7300, ltBps: 7800 },
  ETH: { ltvBps: 8050, ltBps: 8300 },
};
const shipped = parseAssetsConfig(
  readFileSync(new URL('../shared/config/assets.default.json', import.meta.url), 'utf8'),
  'assets.default.json',
);

interface Candidate {
  readonly name: string;
  readonly version: string;
  readonly patch: Partial<AssetConfig>;
}
const stage = process.argv[3] ?? 'all';
const candidates: Candidate[] = [];
if (stage === 'all' || stage === '1') {
  candidates.push({ name: 'v1', version: MODEL_VERSION_V1, patch: {} });
  for (const volatilityModel of ['ewma', 'har', 'max'] as const)
    candidates.push({
      name: `vol=${volatilityModel}`,
      version: MODEL_VERSION_V2,
      patch: { volatilityModel },
    });
}
const vol = (process.env.GRID_VOL ?? 'ewma') as AssetConfig['volatilityModel'];
if (stage === 'all' || stage === '2')
  for (const h of [6, 12, 48])
    candidates.push({
      name: `vol=${vol} h=${h}`,
      version: MODEL_VERSION_V2,
      patch: { volatilityModel: vol, loosenHalfLifeHours: h },
    });
const h = Number(process.env.GRID_H ?? 24);
if (stage === 'all' || stage === '3')
  for (const [apcMode, apcBuffer] of [
    ['buffer', 0.1],
    ['none', 0.25],
  ] as const)
    candidates.push({
      name: `vol=${vol} h=${h} apc=${apcMode}${apcMode === 'buffer' ? ` b=${apcBuffer}` : ''}`,
      version: MODEL_VERSION_V2,
      patch: { volatilityModel: vol, loosenHalfLifeHours: h, apcMode, apcBuffer },
    });

const candles = new Map<string, Candle[]>();
for (const asset of ASSETS) {
  const file = new URL(`../../shared/data/ohlcv/${asset}_USDT-1h.csv`, import.meta.url);
  if (!existsSync(file)) throw new Error(`${file.pathname} is absent: the grid needs ../shared/data`);
  candles.set(asset, readCandlesCsv(readFileSync(file, 'utf8'), asset).candles);
}
const rows: unknown[] = [];
const pct = (bps: number): string => (bps / 100).toFixed(1);
for (const c of candidates) {
  for (const asset of ASSETS) {
    const base: AssetConfig = { ...shipped.assets[asset]!, fixedHorizonHours: 24 };
    const config =
      c.version === MODEL_VERSION_V1 ? v1ConfigOf(base, c.patch) : ({ ...base, ...c.patch } as AssetConfig);
    const run = runBacktest({ asset, candles: candles.get(asset)!, config, modelVersion: c.version });
    const { summary: s } = summarizeBacktest({
      asset,
      config,
      run,
      emitted: 'published',
      gapHours: 0,
      gaps: 0,
      evaluationHorizonHours: 24,
      ...(AAVE[asset] === undefined ? {} : { staticParams: AAVE[asset] }),
      episodes: DEFAULT_STRESS_EPISODES,
      modelVersion: c.version,
    });
    const pro = s.procyclicality.map((e) => ({
      episode: e.episode,
      raw7d: e.raw?.maxIncrease7dBps ?? null,
      pub7d: e.published?.maxIncrease7dBps ?? null,
    }));
    const row = {
      candidate: c.name,
      asset,
      rawLt: `${s.raw.breaches}/${s.raw.samples}`,
      rawLtPass: s.checks.rawKupiecTwoSidedPass && s.checks.rawChristoffersenPass,
      rawLtv: `${s.raw.ltv.breaches}/${s.raw.ltv.samples}`,
      rawLtvPass: s.checks.rawLtvKupiecTwoSidedPass && s.checks.rawLtvChristoffersenPass,
      pubLt: `${s.published.breaches}/${s.published.samples}`,
      pubSafe: s.checks.publishedOneSidedPass && s.checks.publishedChristoffersenPass,
      pubLtv: `${s.published.ltv.breaches}/${s.published.ltv.samples}`,
      pubLtvSafe: s.checks.publishedLtvOneSidedPass,
      meanLt: pct(s.published.mean.overall.ltBps),
      hindsightLt: pct(s.static.hindsight.ltBps),
      beatsHindsight: s.checks.publishedMeanLtAtLeastHindsight,
      calmLtv: pct(s.published.mean.calm.ltvBps),
      meanLtv: pct(s.published.mean.overall.ltvBps),
      publications: s.publications,
      procyclicalOk: pro.every((p) => p.raw7d === null || p.pub7d === null || p.pub7d <= p.raw7d),
      worst7dPub: Math.max(...pro.map((p) => p.pub7d ?? 0)),
      worst7dRaw: Math.max(...pro.map((p) => p.raw7d ?? 0)),
    };
    rows.push(row);
    console.log(
      `| ${c.name} | ${asset} | ${row.rawLt} ${row.rawLtPass ? '✓' : '✗'} | ${row.rawLtv} ${row.rawLtvPass ? '✓' : '✗'} | ${row.pubLt} ${row.pubSafe ? '✓' : '✗'} | ${row.pubLtv} ${row.pubLtvSafe ? '✓' : '✗'} | ${row.meanLt} vs ${row.hindsightLt} ${row.beatsHindsight ? '✓' : '✗'} | ${row.calmLtv} | ${(row.worst7dPub / 100).toFixed(1)} / ${(row.worst7dRaw / 100).toFixed(1)} ${row.procyclicalOk ? '✓' : '✗'} | ${row.publications} |`,
    );
  }
  if (process.argv[2] !== undefined) writeFileSync(process.argv[2], JSON.stringify(rows, null, 1));
}
