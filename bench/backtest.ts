/**
 * Walk-forward backtest benchmark: five years of hourly candles per asset (43 800 h), through the
 * production engine and control layer, then the evaluation and the report. Uses ../shared/data when
 * present, else a synthetic series of the same length. Reports, per asset, medians of:
 * - the walk alone, in this process: its first run (cold: V8 compiles the engine meanwhile, as in
 *   `ballast backtest`, which runs it once; only the first asset's is cold, the later ones reuse the
 *   compiled engine), its second run, and the median of runs 3–5 (steady: compiled);
 * - `ballast backtest` as a whole process (start-up, CSV, walk, evaluation, report, files): CPU
 *   time (user + system) from /usr/bin/time, and wall time (after untimed runs that let
 *   bin/ballast.js build its cached bundle and, on Node >= 22.1, fill its compile cache); and the
 *   walk inside those processes, as `--timings` reports it (process CPU over the walk, V8's
 *   compiler threads included).
 * Run: npx tsx bench/backtest.ts
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAssetsConfig } from '../shared/config/parseAssetsConfig.js';
import { formatSeriesCsv } from '../shared/backtest/formatSeriesCsv.js';
import { readCandlesCsv } from '../shared/backtest/readCandlesCsv.js';
import { runBacktest } from '../shared/backtest/runBacktest.js';
import type { Candle } from '../shared/core/types.js';
import { syntheticCandles } from '../test/fixtures/risk/syntheticCandles.js';

const RUNS = 5;
const PROCESS_RUNS = 9;
const root = fileURLToPath(new URL('..', import.meta.url));
const config = parseAssetsConfig(
  readFileSync(join(root, 'shared/config/assets.default.json'), 'utf8'),
  'assets.default.json',
);
const assets = ['BTC', 'ETH', 'BNB', 'SOL', 'XRP'];
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const hasTime = existsSync('/usr/bin/time');
const work = mkdtempSync(join(tmpdir(), 'ballast-bench-backtest-'));

// bin/ballast.js builds its cached bundle on the first run after a source changed: not timed.
spawnSync(process.execPath, ['bin/ballast.js', '--help'], { cwd: root, stdio: 'ignore' });
console.log(`bench/backtest.ts — npx tsx bench/backtest.ts (Node ${process.version})`);
// The machine is shared: every figure moves with the load, so it is printed with them.
const load = (): string =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
console.log(`load average at the start: ${load()}`);
console.log(
  `(medians; walk = runBacktest only; process = \`node bin/ballast.js backtest --quiet\`, ${PROCESS_RUNS} runs)`,
);
for (const asset of assets) {
  const file = join(root, `../shared/data/ohlcv/${asset}_USDT-1h.csv`);
  const real = existsSync(file);
  const candles: Candle[] = real
    ? readCandlesCsv(readFileSync(file, 'utf8'), asset).candles
    : syntheticCandles({ seed: asset.length, hours: 43_800 });
  const csv = real ? file : join(work, `${asset}.csv`);
  if (!real)
    writeFileSync(csv, `ts_ms,open,high,low,close,volume\n${candles.map((c) => c.join(',')).join('\n')}\n`);
  const assetConfig = { ...config.assets[asset]!, fixedHorizonHours: 24 };
  const walkCpu: number[] = [];
  const walkWall: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const c0 = cpuMs();
    const t0 = performance.now();
    const result = runBacktest({ asset, candles, config: assetConfig });
    walkWall.push(performance.now() - t0);
    walkCpu.push(cpuMs() - c0);
    if (run === 0) formatSeriesCsv(result.published); // keep the result alive and used
  }
  const procCpu: number[] = [];
  const procWall: number[] = [];
  // The walk inside those processes (`--timings`): its first and only run there, compiler included.
  const inProcWalkCpu: number[] = [];
  const inProcWalkWall: number[] = [];
  // Run 0 is not timed: on Node >= 22.1 it fills bin/ballast.js's compile cache for the backtest
  // command, as any earlier backtest on the machine would have.
  for (let run = -1; run < PROCESS_RUNS; run++) {
    const args = [
      'bin/ballast.js',
      'backtest',
      '--candles',
      csv,
      '--asset',
      asset,
      '--quiet',
      '--timings',
      '--out',
      join(work, asset),
    ];
    const t0 = performance.now();
    const r = hasTime
      ? spawnSync('/usr/bin/time', ['-f', 'CPU %U %S', process.execPath, ...args], {
          cwd: root,
          encoding: 'utf8',
        })
      : spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`ballast backtest ${asset} failed: ${r.stderr}`);
    if (run < 0) continue;
    procWall.push(performance.now() - t0);
    const walk = /walk (\d+)\/(\d+)/.exec(r.stdout);
    if (walk !== null) {
      inProcWalkCpu.push(Number(walk[1]));
      inProcWalkWall.push(Number(walk[2]));
    }
    const m = /CPU ([\d.]+) ([\d.]+)/.exec(r.stderr);
    if (m !== null) procCpu.push((Number(m[1]) + Number(m[2])) * 1000);
  }
  console.log(
    `${asset} (${real ? 'real' : 'synthetic'}, ${candles.length} h): walk cold ${walkCpu[0]!.toFixed(0)} ms CPU, second ${walkCpu[1]!.toFixed(0)} ms, steady median ${median(walkCpu.slice(2)).toFixed(0)} ms CPU (${((median(walkWall.slice(2)) * 1000) / candles.length).toFixed(1)} µs/h wall); ` +
      `whole process median ${procCpu.length > 0 ? `${median(procCpu).toFixed(0)} ms CPU` : 'CPU n/a (no /usr/bin/time)'}, ${median(procWall).toFixed(0)} ms wall, ` +
      `of which the walk ${median(inProcWalkCpu).toFixed(0)} ms CPU, ${median(inProcWalkWall).toFixed(0)} ms wall`,
  );
}
rmSync(work, { recursive: true, force: true });
console.log(`peak RSS of this process ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`);
console.log(`load average at the end: ${load()}`);
