/**
 * `ballast report` end to end: records from real engine cycles in DynamoDB Local → the HTML
 * report → rendered by headless Debian Chromium (screenshot), with console messages captured
 * from Chromium's log. The report has no script and a strict CSP, so any console message (a
 * script error, or a blocked external resource) is a failure.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { Command } from 'commander';
import { Wallet, id as keccakText } from 'ethers';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerReportCommand } from '../../../shared/cli/commands/report.js';
import { runCli } from '../../../shared/cli/runCli.js';
import defaultAssetsConfig from '../../../shared/config/assets.default.json' with { type: 'json' };
import { parseAssetsConfig } from '../../../shared/config/parseAssetsConfig.js';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../../shared/localstack/startDynamoDbLocal.js';
import { HOUR_MS } from '../../../shared/core/time.js';
import type { ReportData, ReportRecord } from '../../../shared/report/ReportData.js';
import { REPORT_CHARTS, renderGovernanceReport } from '../../../shared/report/renderGovernanceReport.js';
import { createDynamoClients } from '../../../shared/store/createDynamoClients.js';
import { createTables } from '../../../shared/store/createTables.js';
import { tableNames } from '../../../shared/store/tables.js';
import { seedCycles, type SeedCyclesResult } from '../../fixtures/api/seedCycles.js';

const CHROMIUM = '/usr/bin/chromium';
const START = Date.UTC(2026, 9, 1, 0, 0, 0);
const PREFIX = `report-${randomUUID().slice(0, 8)}`;
const ASSETS = ['BTC', 'ETH'];

let dynamodb: DynamoDbLocal | undefined;
let seeded: SeedCyclesResult;
let dir: string;

interface ChromiumRun {
  readonly console: string[];
  readonly png: Buffer;
}

/** Renders a file in headless Chromium to a PNG; returns the page's console messages from Chromium's log. */
async function screenshot(file: string, name: string): Promise<ChromiumRun> {
  const png = join(dir, `${name}.png`);
  const profile = mkdtempSync(join(tmpdir(), 'ballast-chromium-'));
  const args = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    `--user-data-dir=${profile}`,
    '--enable-logging=stderr',
    '--v=0',
    `--screenshot=${png}`,
    '--window-size=1400,2000',
    `file://${file}`,
  ];
  // Own process group, so a hung browser and its helpers are all killed on timeout.
  const child = spawn(CHROMIUM, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let log = '';
  child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
  const timer = setTimeout(() => {
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  }, 60_000);
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', resolve);
    });
    expect(code, `chromium failed:\n${log.slice(-2000)}`).toBe(0);
  } finally {
    clearTimeout(timer);
    rmSync(profile, { recursive: true, force: true });
  }
  expect(existsSync(png), `no screenshot; chromium said:\n${log.slice(-2000)}`).toBe(true);
  const console = log.split('\n').filter((line) => /:CONSOLE[(:]\d+/.test(line));
  return { console, png: readFileSync(png) };
}

/** Width, height and the number of distinct byte values of a PNG's decompressed image data. */
function pngStats(png: Buffer): { width: number; height: number; distinctBytes: number } {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  const idat: Buffer[] = [];
  for (let offset = 8; offset < png.length;) {
    const length = png.readUInt32BE(offset);
    const type = png.subarray(offset + 4, offset + 8).toString('latin1');
    if (type === 'IDAT') idat.push(png.subarray(offset + 8, offset + 8 + length));
    offset += 12 + length;
  }
  const pixels = inflateSync(Buffer.concat(idat));
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), distinctBytes: new Set(pixels).size };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ballast-report-'));
  dynamodb = await startDynamoDbLocal();
  const dynamo = createDynamoClients({ endpoint: dynamodb.endpoint });
  const tables = tableNames(PREFIX);
  await createTables(dynamo.client, tables);
  seeded = await seedCycles({
    dynamo,
    tables,
    config: parseAssetsConfig(defaultAssetsConfig, 'assets.default.json'),
    assets: ASSETS,
    startTs: START,
    cycles: 12,
    sigmas: [0.006, 0.006, 0.006, 0.006, 0.02, 0.02, 0.02, 0.02, 0.004, 0.004, 0.004, 0.004],
    degradedCycles: [5, 6],
    publish: {
      oracle: { chainId: 31337, address: '0x5FbDB2315678afecb367f032d93F642f64180aa3' },
      wallet: Wallet.createRandom() as unknown as Wallet,
      digest: (batch) =>
        keccakText(JSON.stringify(batch, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))),
    },
  });
});

afterAll(async () => {
  await dynamodb?.stop();
  // BALLAST_KEEP_REPORT=1 keeps the page and screenshots to look at (the path is printed).
  if (process.env.BALLAST_KEEP_REPORT === '1') console.info(`report kept in ${dir}`);
  else if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe('ballast report', () => {
  let html = '';
  let file = '';

  it('writes a self-contained page with every chart of every asset, publications and degraded periods', async () => {
    file = join(dir, 'report.html');
    const program = new Command('ballast');
    registerReportCommand(program);
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const code = await runCli(program, [
        'node',
        'ballast',
        'report',
        '--out',
        file,
        '--endpoint',
        dynamodb?.endpoint ?? '',
        '--table-prefix',
        PREFIX,
        '--asset',
        ASSETS.join(','),
      ]);
      expect(code).toBe(0);
    } finally {
      log.mockRestore();
    }
    html = readFileSync(file, 'utf8');
    for (const asset of ASSETS) {
      for (const { param } of REPORT_CHARTS)
        expect(html).toMatch(new RegExp(`<svg id="chart-${asset}-${param}"[^>]*>[\\s\\S]*?</svg>`));
    }
    const publications =
      seeded.rounds.length > 0 ? (html.match(/<circle class="publication"/g)?.length ?? 0) : 0;
    expect(publications).toBeGreaterThanOrEqual(2 * REPORT_CHARTS.length);
    expect(html).toContain('class="band-degraded"');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });

  it('shows the correlation heat maps and the pairs that moved most, from the stored candles', () => {
    expect(html).toContain('<section id="correlations">');
    expect(html).toContain('<a href="#correlations">correlations</a>');
    expect(html).toMatch(
      /<caption>EWMA correlation now<\/caption><tr><th><\/th><th>BTC<\/th><th>ETH<\/th><\/tr>/,
    );
    expect(html).toMatch(/<caption>Stressed: highest 7-day window of the last 365 days<\/caption>/);
    expect(html).toMatch(/<td style="background:hsl\([^"]+\)">1\.00<\/td>/);
    expect(html).toMatch(/<li>BTC–ETH: -?\d\.\d\d → -?\d\.\d\d \([+-]\d\.\d\d\)<\/li>/);
  });

  it('lists freezes and shades frozen periods (rendered from data with a freeze)', () => {
    const base: ReportRecord = {
      ts: START,
      asOf: START,
      candidate: { volIndexBps: 5000, ltvBps: 7000, ltBps: 8000, lbBps: 500, haircutBps: 3000 },
      target: { volIndexBps: 5000, ltvBps: 7000, ltBps: 8000, lbBps: 500, haircutBps: 3000 },
      degraded: false,
      frozen: false,
      publishDue: false,
      publishReason: 'none',
      round: null,
      txHash: null,
      chains: [],
      reasons: [],
    };
    const frozen: ReportRecord = {
      ...base,
      frozen: true,
      candidate: { ...base.candidate, ltvBps: 0 },
      reasons: [
        {
          stage: 'freeze',
          code: 'eligibilityFreeze',
          param: 'ltv',
          from: 7000,
          to: 0,
          detail: 'slippage 31% above maxSlippage 25%',
        },
      ],
    };
    const data: ReportData = {
      generatedAt: START,
      from: null,
      to: null,
      source: 'fixture',
      assets: [
        {
          asset: 'ARB',
          configured: true,
          records: [
            base,
            { ...frozen, ts: START + HOUR_MS },
            { ...frozen, ts: START + 2 * HOUR_MS },
            { ...base, ts: START + 3 * HOUR_MS },
          ],
        },
      ],
    };
    const page = renderGovernanceReport(data);
    expect(page).toContain('class="band-frozen"');
    expect(page).toMatch(/<td class="num">2<\/td><td>freeze<\/td><td><code>eligibilityFreeze<\/code>/);
    expect(page).toContain('slippage 31% above maxSlippage 25%');
  });

  // Skips only where Debian's chromium is not installed (CI installs it: apt-get install chromium).
  it.skipIf(!existsSync(CHROMIUM))(
    'renders in headless Chromium without console messages; the screenshot is non-trivial (skipped only when /usr/bin/chromium is absent: apt-get install chromium)',
    async () => {
      // The console capture itself is checked first: a page with a script error must be caught.
      const control = join(dir, 'control.html');
      writeFileSync(
        control,
        '<!doctype html><title>x</title><script>console.error("control-message"); missingFunction();</script>',
      );
      const controlRun = await screenshot(control, 'control');
      expect(controlRun.console.join('\n')).toContain('control-message');

      const run = await screenshot(file, 'report');
      expect(run.console, 'console messages while rendering the report').toEqual([]);
      expect(run.png.length).toBeGreaterThan(20_000);
      expect(statSync(join(dir, 'report.png')).size).toBe(run.png.length);
      const stats = pngStats(run.png);
      expect([stats.width, stats.height]).toEqual([1400, 2000]);
      expect(stats.distinctBytes).toBeGreaterThan(50);
    },
  );

  it('shows each target chain: its newest round and status, and per asset published, pending and failed records', () => {
    const status = (
      chainId: number,
      st: 'published' | 'failed' | 'pending',
      error: string | null = null,
    ) => ({
      chain: chainId === 8453 ? 'base' : 'arbitrum',
      chainId,
      status: st,
      round: st === 'published' ? '7' : null,
      txHash: null,
      blockNumber: st === 'published' ? 120 : null,
      error,
    });
    const record = (ts: number, chains: ReportRecord['chains']): ReportRecord => ({
      ts,
      asOf: ts,
      candidate: { volIndexBps: 5000, ltvBps: 7000, ltBps: 8000, lbBps: 500, haircutBps: 3000 },
      target: { volIndexBps: 5000, ltvBps: 7000, ltBps: 8000, lbBps: 500, haircutBps: 3000 },
      degraded: false,
      frozen: false,
      publishDue: true,
      publishReason: 'deviation',
      round: '7',
      txHash: null,
      chains,
      reasons: [],
    });
    const page = renderGovernanceReport({
      generatedAt: START,
      from: null,
      to: null,
      source: 'test',
      assets: [
        {
          asset: 'BTC',
          configured: true,
          records: [
            record(START, [status(8453, 'published'), status(42161, 'failed', 'StepTooLarge: BTC lt')]),
            record(START + HOUR_MS, [status(8453, 'published'), status(42161, 'pending')]),
          ],
        },
      ],
      chains: [
        {
          name: 'base',
          chainId: 8453,
          lastRound: '7',
          lastRoundStatus: 'mined',
          lastTxHash: null,
          lastBlockNumber: 120,
          lastError: null,
        },
        {
          name: 'arbitrum',
          chainId: 42161,
          lastRound: '3',
          lastRoundStatus: 'reverted',
          lastTxHash: null,
          lastBlockNumber: 90,
          lastError: 'StepTooLarge',
        },
      ],
    });
    expect(page).toContain('<section id="chains">');
    expect(page).toContain('<a href="#chains">publication per chain</a>');
    expect(page).toContain(
      '<td>base</td><td>8453</td><td>round 7 mined, block 120</td><td>BTC: 2 published, 0 pending, 0 failed</td>',
    );
    expect(page).toContain('<td class="bad">round 3 reverted, block 90<br>StepTooLarge</td>');
    expect(page).toContain('BTC: 0 published, 1 pending, 1 failed (last: StepTooLarge: BTC lt)');
  });
});
