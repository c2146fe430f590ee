import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chromiumScreenshot } from '../../../../scripts/chromiumScreenshot.js';
import { findChromium } from '../../../../scripts/findChromium.js';
import { ballast, DATA_DIR, processesIn } from '../ballastProcess.js';

const work = mkdtempSync(join(tmpdir(), 'ballast-replay-'));
afterAll(async () => {
  await ballast(work, 'stack', 'down');
  rmSync(work, { recursive: true, force: true });
});

const REPORT = join(work, 'report.html');
const chromium = findChromium();

/** The distinct y coordinates of a chart's candidate line (`<path d="M x y L x y …" data-series="…">`). */
function chartLevels(html: string, id: string): Set<string> {
  const svg = new RegExp(`<svg id="${id}"[^>]*>([\\s\\S]*?)</svg>`).exec(html)?.[1] ?? '';
  const d = /<path d="([^"]+)"[^>]*data-series="candidate"/.exec(svg)?.[1] ?? '';
  return new Set([...d.matchAll(/[ML]\s*[\d.]+[ ,]([\d.]+)/g)].map((m) => m[1] ?? ''));
}

/** The liquidation threshold column of each cycle's BTC row, in %. */
function btcLt(out: string): number[] {
  return [...out.matchAll(/^BTC\s+\S+\s+\S+\s+\S+\s+\S+\s+([\d.]+)%/gm)].map((m) => Number(m[1]));
}

describe.skipIf(!existsSync(DATA_DIR))(
  'the local stack as a flight simulator (skipped: no ../shared/data/ohlcv beside the project)',
  () => {
    it('replays a crash: LT falls as it unfolds; every round verifies; shocks and venue faults from the CLI', async () => {
      // aug-2024 (5 August 2024), one cycle per simulated day.
      const run = await ballast(
        work,
        'run',
        '--local',
        '--replay',
        'aug-2024',
        '--step',
        '1d',
        // 31 July to 8 August: calm, the 5 August crash and the first day of the rebound.
        '--cycles',
        '9',
        '--keep',
        '--data-dir',
        DATA_DIR,
      );
      expect(run.code, run.err).toBe(0);
      expect(run.out).toMatch(/replaying aug-2024: 2024-07-31 00:00 UTC/);
      const lt = btcLt(run.out);
      expect(lt.length, run.out + run.err).toBeGreaterThanOrEqual(3);
      // The crash tightens the threshold below where it started.
      expect(Math.min(...lt), lt.join(' ')).toBeLessThan(lt[0]!);
      const rounds = [...run.out.matchAll(/published round (\d+)/g)].length;
      expect(rounds).toBeGreaterThanOrEqual(2);

      const verify = await ballast(work, 'verify', '--all', '--local');
      expect(verify.code, verify.out + verify.err).toBe(0);
      expect(verify.out).toContain(`all ${rounds} rounds verified`);
      // Issue 20: the engine checkpoint chain of this run (eight simulated days through the
      // simulator, one checkpoint per cycle) replays from the first candle and proves every link.
      const deep = await ballast(work, 'verify', '--deep', '--local');
      expect(deep.code, deep.out + deep.err).toBe(0);
      for (const asset of ['BTC', 'ETH'])
        expect(deep.out).toMatch(new RegExp(`^PASS ${asset}: 9 checkpoint\\(s\\) in 1 chain\\(s\\)`, 'm'));
      const missing = await ballast(work, 'verify', '--round', '99', '--local');
      expect(missing.code).toBe(2);
      expect(missing.err).toMatch(/--round: no such round: 99 was never published/);

      // The report for the replayed period: the charts move with the crash.
      const report = await ballast(work, 'report', '--local', '--asset', 'BTC', '--out', REPORT);
      expect(report.code, report.err).toBe(0);
      const html = readFileSync(REPORT, 'utf8');
      for (const chart of ['chart-BTC-volIndexBps', 'chart-BTC-ltBps'])
        expect(chartLevels(html, chart).size, chart).toBeGreaterThanOrEqual(3);

      const shock = await ballast(work, 'sim', 'shock', 'btc', '-20%', '--over', '2h');
      expect(shock.code, shock.err).toBe(0);
      expect(shock.out).toMatch(/BTC\s+-20\.0% from .* over 120 min/);
      const venue = await ballast(work, 'sim', 'venue', 'Kraken', 'manipulate', '5%');
      expect(venue.code, venue.err).toBe(0);
      expect(venue.out).toMatch(/kraken\s+manipulated 5\.0%/);
      const status = await ballast(work, 'sim', 'status');
      expect(status.out).toMatch(/simulated time 2024-08-\d\dT.* \(replay\)/);
      const reset = await ballast(work, 'sim', 'reset');
      expect(reset.out).toMatch(/kraken\s+ok/);
      expect(reset.out).toMatch(/shocks: none/);

      // A second stack with other options is refused, not silently reused.
      const other = await ballast(work, 'stack', 'up', '--anvil-port', '45999');
      expect(other.code).toBe(3);
      expect(other.err).toMatch(/already running .* with other options: --anvil-port 45999/);

      const logs = await ballast(work, 'stack', 'logs', 'anvil');
      expect(logs.out).toMatch(/Listening on 127\.0\.0\.1/);

      expect((await ballast(work, 'stack', 'down')).code).toBe(0);
      expect(processesIn(work)).toEqual([]);
      expect(existsSync(join(work, '.ballast', 'stack.json'))).toBe(false);
    }, 600_000);

    it.skipIf(chromium === undefined)(
      "the replay's report renders in headless Chromium (skipped: no chromium on PATH; CI installs it)",
      async () => {
        expect(existsSync(REPORT), 'the report of the replay test above').toBe(true);
        const png = await chromiumScreenshot({
          chromium: chromium ?? '',
          html: REPORT,
          png: join(work, 'report.png'),
          width: 1400,
          height: 1500,
        });
        // A PNG of the requested size (IHDR: width and height at bytes 16 and 20), with content.
        expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
        expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1400, 1500]);
        expect(png.length).toBeGreaterThan(50_000);
      },
    );
  },
);
