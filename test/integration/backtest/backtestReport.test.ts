import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBacktestCommand } from '../../../shared/cli/commands/backtest.js';
import { syntheticCandles } from '../../fixtures/risk/syntheticCandles.js';

/** Debian's `chromium` package; CI installs it with `apt-get install chromium`. */
function findChromium(): string | null {
  for (const name of ['chromium', 'chromium-browser']) {
    const found = spawnSync('which', [name], { encoding: 'utf8' });
    if (found.status === 0 && found.stdout.trim() !== '') return found.stdout.trim();
  }
  return null;
}
const chromium = findChromium();
// With --enable-logging, page console output appears on stderr as `INFO:CONSOLE:<line>] "message"`.
const CONSOLE_MESSAGE = /:CONSOLE[:(]|Uncaught/;
const dir = mkdtempSync(join(tmpdir(), 'ballast-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Skipped where no headless Chromium is installed (the reason is in the name); CI installs it.
describe.skipIf(chromium === null)(
  'report.html in headless Chromium (skipped: no `chromium` on PATH)',
  () => {
    const candlesPath = join(dir, 'candles.csv');
    writeFileSync(
      candlesPath,
      `ts_ms,open,high,low,close,volume\n${syntheticCandles({ seed: 7, hours: 24 * 130 })
        .map((c) => c.join(','))
        .join('\n')}\n`,
    );
    const out = join(dir, 'out');
    runBacktestCommand(
      {
        candles: candlesPath,
        asset: 'ETH',
        out,
        horizon: '24',
        quiet: true,
        staticLtv: '8050',
        staticLt: '8300',
      },
      'test',
    );
    const url = `file://${join(out, 'report.html')}`;
    // A private profile per run, removed with the temp dir; --no-sandbox because CI runs as root.
    const flags = [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--hide-scrollbars',
      `--user-data-dir=${join(dir, 'profile')}`,
      '--enable-logging=stderr',
      '--v=0',
    ];

    it('detects console errors at all (the check below is not blind)', () => {
      const bad = join(dir, 'bad.html');
      writeFileSync(bad, '<!doctype html><script>console.error("boom"); missingFunction();</script>');
      const run = spawnSync(chromium!, [...flags, '--dump-dom', `file://${bad}`], {
        encoding: 'utf8',
        timeout: 60_000,
        killSignal: 'SIGKILL',
      });
      expect(run.stderr).toMatch(CONSOLE_MESSAGE);
    });

    it('renders the four charts without console errors, and a screenshot is taken', () => {
      const dom = spawnSync(chromium!, [...flags, '--dump-dom', url], {
        encoding: 'utf8',
        timeout: 60_000,
        killSignal: 'SIGKILL',
      });
      expect(dom.status).toBe(0);
      for (const id of ['chart-price', 'chart-params', 'chart-haircut-vol', 'chart-haircut-time'])
        expect(dom.stdout).toContain(`data-chart="${id}"`);
      expect(dom.stdout.match(/<path d="M/g)?.length ?? 0).toBeGreaterThanOrEqual(5);
      expect(dom.stderr).not.toMatch(CONSOLE_MESSAGE);

      const png = join(dir, 'report.png');
      const shot = spawnSync(chromium!, [...flags, '--window-size=1100,2400', `--screenshot=${png}`, url], {
        encoding: 'utf8',
        timeout: 60_000,
        killSignal: 'SIGKILL',
      });
      expect(shot.status).toBe(0);
      expect(existsSync(png)).toBe(true);
      const bytes = readFileSync(png);
      expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a'); // PNG signature
      expect(bytes.readUInt32BE(16)).toBe(1100); // IHDR width
      expect(bytes.length).toBeGreaterThan(50_000); // charts drawn, not a blank page
    });

    it('is self-contained: no script, stylesheet or image from the network', () => {
      const html = readFileSync(join(out, 'report.html'), 'utf8');
      expect(html).not.toMatch(/<script|<link|src=|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    });
  },
);
