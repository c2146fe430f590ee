/**
 * Standalone exchange simulator:
 *   npx tsx shared/localstack/exchangeSim/main.ts [--port P] [--seed N] [--data-dir ../shared/data/ohlcv]
 *     [--assets path.json] [--exit-on-stdin-close]
 * Prints one JSON line `{"baseUrl": …, "port": …}` on stdout when ready; stops on SIGINT/SIGTERM (or,
 * with --exit-on-stdin-close, when its parent closes its stdin). Bad arguments or a busy port: one
 * line on stderr, exit 2.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { assetsConfigSchema, type AssetsConfig } from '../../config/assetsConfig.js';
import { startExchangeSimulator } from './startExchangeSimulator.js';

const USAGE =
  'usage: tsx shared/localstack/exchangeSim/main.ts [--port P] [--seed N] [--data-dir DIR] [--assets FILE] [--exit-on-stdin-close]';
const fail = (message: string): never => {
  process.stderr.write(`exchange simulator: ${message}\n${USAGE}\n`);
  process.exit(2);
};

let values: {
  port: string;
  seed: string;
  'data-dir'?: string;
  assets?: string;
  'exit-on-stdin-close'?: boolean;
};
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      seed: { type: 'string', default: '1' },
      'data-dir': { type: 'string' },
      assets: { type: 'string' },
      'exit-on-stdin-close': { type: 'boolean' },
    },
    strict: true,
  }));
} catch (error) {
  fail((error as Error).message);
}

const port = Number(values!.port);
if (!/^\d+$/.test(values!.port) || port > 65535) {
  fail(`--port ${JSON.stringify(values!.port)} is not a port; use an integer 0–65535 (0 = any free port)`);
}
if (!/^-?\d+$/.test(values!.seed)) fail(`--seed ${JSON.stringify(values!.seed)} is not an integer`);
let assets: AssetsConfig | undefined;
if (values!.assets !== undefined) {
  try {
    assets = assetsConfigSchema.parse(JSON.parse(readFileSync(values!.assets, 'utf8')));
  } catch (error) {
    fail(`--assets ${values!.assets}: ${(error as Error).message.split('\n')[0]}`);
  }
}

const sim = await startExchangeSimulator({
  port,
  seed: Number(values!.seed),
  ...(values!['data-dir'] === undefined ? {} : { dataDir: values!['data-dir'] }),
  ...(assets === undefined ? {} : { assets }),
}).catch((error: unknown) => {
  const code = (error as { code?: string }).code;
  return fail(
    code === 'EADDRINUSE'
      ? `port ${port} on 127.0.0.1 is already in use; choose another --port, or 0 for any free port`
      : (error as Error).message,
  );
});
process.stdout.write(`${JSON.stringify({ baseUrl: sim.baseUrl, port: sim.port })}\n`);

let stopping = false;
const shutdown = () => {
  if (stopping) return;
  stopping = true;
  void sim.stop().then(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
// A parent that holds our stdin open can die without signalling (SIGKILL, crash): stop with it.
if (values!['exit-on-stdin-close'] === true)
  process.stdin.once('end', shutdown).once('close', shutdown).resume();
