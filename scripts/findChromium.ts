import { spawnSync } from 'node:child_process';

/**
 * The headless browser the screenshots use: `BALLAST_CHROMIUM`, else `chromium` on PATH (Debian's
 * package, which CI installs), else undefined (screenshot tests skip with that reason).
 */
export function findChromium(): string | undefined {
  const candidates = [process.env.BALLAST_CHROMIUM, 'chromium', 'chromium-browser'].filter(
    (name): name is string => name !== undefined && name !== '',
  );
  return candidates.find((name) => spawnSync(name, ['--version'], { stdio: 'ignore' }).status === 0);
}
