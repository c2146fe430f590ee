import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildContracts } from '../../contracts/build.js';

const BUILD_HASH = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'contracts',
  'out',
  '.build-hash',
);

/**
 * Compiles the contracts when their sources changed since the last build (a hash check otherwise,
 * ~0.1 s). The first compile takes tens of seconds (solcjs, via-IR): say so before it starts.
 */
export function ensureContractsBuilt(): void {
  const started = Date.now();
  if (!existsSync(BUILD_HASH))
    console.log('compiling the contracts (first run only; solcjs takes 10–30 s)...');
  const result = buildContracts();
  if (result.compiled) console.log(`contracts compiled in ${Math.round((Date.now() - started) / 1000)} s`);
}
