import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ChromiumScreenshotParams {
  /** The browser (findChromium). */
  readonly chromium: string;
  /** Absolute path of the HTML page to render. */
  readonly html: string;
  /** Where the PNG goes. */
  readonly png: string;
  /** @default 1280 */
  readonly width?: number;
  /** @default 800 */
  readonly height?: number;
  /** The browser is killed (with its helpers) after this long. @default 60000 */
  readonly timeoutMs?: number;
}

/** Renders a local HTML page in headless Chromium (no network, a throw-away profile) to a PNG; returns its bytes. */
export async function chromiumScreenshot({
  chromium,
  html,
  png,
  width = 1280,
  height = 800,
  timeoutMs = 60_000,
}: ChromiumScreenshotParams): Promise<Buffer> {
  const profile = mkdtempSync(join(tmpdir(), 'ballast-chromium-'));
  const args = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--hide-scrollbars',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    `--user-data-dir=${profile}`,
    `--screenshot=${png}`,
    `--window-size=${width},${height}`,
    `file://${html}`,
  ];
  // Own process group, so a hung browser and its helpers all go on timeout.
  const child = spawn(chromium, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let log = '';
  child.stdout.on('data', (chunk: Buffer) => (log += String(chunk)));
  child.stderr.on('data', (chunk: Buffer) => (log += String(chunk)));
  const timer = setTimeout(() => {
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  }, timeoutMs);
  try {
    const code = await new Promise<number | null>((done, fail) => {
      child.once('error', fail);
      child.once('exit', done);
    });
    if (code !== 0) throw new Error(`chromium exited ${code ?? 'on a signal'}: ${log.slice(-1_000)}`);
    return readFileSync(png);
  } finally {
    clearTimeout(timer);
    rmSync(profile, { recursive: true, force: true });
  }
}
