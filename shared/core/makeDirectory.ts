import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * `mkdir -p`: creates `dir` and its missing parents, one level at a time. Node 20's
 * `mkdirSync(dir, { recursive: true })` never returns when a parent exists but refuses children
 * with ENOENT (e.g. `/proc/x`); this throws that error instead (ENOENT, EACCES, ENOTDIR, EROFS).
 */
export function makeDirectory(dir: string): void {
  const missing: string[] = [];
  for (let at = resolve(dir); !existsSync(at); at = dirname(at)) {
    missing.unshift(at);
    if (dirname(at) === at) break;
  }
  for (const path of missing) {
    try {
      mkdirSync(path);
    } catch (error) {
      // Created meanwhile by someone else: fine.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
