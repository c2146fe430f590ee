/**
 * `npm run screenshots`: the README's pictures of a replayed crash, made from a real run. Starts
 * the local stack in a scratch folder, replays aug-2024 one simulated day per cycle (candles from
 * ../shared/data/ohlcv), then renders in headless Chromium: the run's output (the liquidation
 * threshold falling), `ballast history BTC` (the round history) and the governance report's
 * charts. Writes docs/images/replay-{run,history,report}.png, and stops the stack.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { chromiumScreenshot } from './chromiumScreenshot.js';
import { findChromium } from './findChromium.js';
import { terminalHtml } from './terminalHtml.js';

const ROOT = resolve(import.meta.dirname, '..');
const DATA = resolve(ROOT, '..', 'shared', 'data', 'ohlcv');
const OUT = join(ROOT, 'docs', 'images');
const run = promisify(execFile);

const found = findChromium();
if (found === undefined) {
  process.stderr.write(
    'screenshots: no chromium on PATH (apt-get install chromium, or set BALLAST_CHROMIUM)\n',
  );
  process.exit(3);
}
const chromium: string = found;
if (!existsSync(DATA)) {
  process.stderr.write(
    `screenshots: no candles at ${DATA} (the replay needs ../shared/data beside the checkout)\n`,
  );
  process.exit(3);
}

const work = mkdtempSync(join(tmpdir(), 'ballast-screenshots-'));
/** Runs `ballast ...args` in the scratch folder; returns stdout (throws with stderr on failure). */
const ballast = async (...args: string[]): Promise<string> =>
  (await run(process.execPath, [join(ROOT, 'bin', 'ballast.js'), ...args], { cwd: work, maxBuffer: 1 << 26 }))
    .stdout;

/** A terminal screenshot: the command, then its output, sized to fit. */
async function terminal(name: string, command: string, output: string): Promise<void> {
  const transcript = `$ ${command}\n${output.trimEnd()}\n`;
  const lines = transcript.split('\n');
  const html = join(work, `${name}.html`);
  writeFileSync(html, terminalHtml(command, transcript));
  const width = Math.min(1600, Math.max(800, 8 * Math.max(...lines.map((line) => line.length)) + 60));
  await chromiumScreenshot({
    chromium,
    html,
    png: join(OUT, `${name}.png`),
    width,
    height: 18 * lines.length + 40,
  });
}

try {
  mkdirSync(OUT, { recursive: true });
  const replay = await ballast(
    'run',
    '--local',
    '--replay',
    'aug-2024',
    '--step',
    '1d',
    '--keep',
    '--data-dir',
    DATA,
  );
  // The simulated day and the BTC row of each cycle: the threshold falling as the crash unfolds.
  // The table header once, then per cycle its simulated day, the BTC row and the round it published.
  const lines = replay.split('\n');
  const header = lines.filter((line) => /^(asset |-----)/.test(line)).slice(0, 2);
  const rows = [
    ...header,
    ...lines
      .filter((line) => /^(\d{4}-\d\d-\d\d \d\d:\d\d UTC|BTC |published round)/.test(line))
      .map((line) => line.replace(/^(published round \d+): tx (0x[0-9a-f]{6})[0-9a-f]+.*$/, '$1 (tx $2…)')),
  ];
  await terminal('replay-run', 'npx ballast run --local --replay aug-2024 --step 1d --keep', rows.join('\n'));
  await terminal(
    'replay-history',
    'npx ballast history BTC --local',
    await ballast('history', 'BTC', '--local'),
  );
  const report = join(work, 'report.html');
  await ballast('report', '--local', '--asset', 'BTC', '--out', report);
  await chromiumScreenshot({
    chromium,
    html: report,
    png: join(OUT, 'replay-report.png'),
    width: 1400,
    height: 1500,
  });
  process.stdout.write(`wrote ${OUT}/replay-{run,history,report}.png\n`);
} finally {
  await ballast('stack', 'down').catch(() => undefined);
  rmSync(work, { recursive: true, force: true });
}
