/**
 * Standalone exchange simulator: `npx tsx shared/localstack/exchangeSim/main.ts --port P
 * [--seed N] [--data-dir ../shared/data/ohlcv] [--assets path.json]`. Prints one JSON line
 * `{"baseUrl": …}` when ready; stops on SIGINT/SIGTERM.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { assetsConfigSchema } from '../../config/assetsConfig.js';
import { startExchangeSimulator } from './startExchangeSimulator.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    seed: { type: 'string', default: '1' },
    'data-dir': { type: 'string' },
    assets: { type: 'string' },
  },
  strict: true,
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(
    `--port: ${JSON.stringify(values.port)} is not a port; use an integer 0–65535 (0 = any free port)`,
  );
  process.exit(2);
}
const seed = Number(values.seed);
if (!Number.isInteger(seed)) {
  console.error(`--seed: ${JSON.stringify(values.seed)} is not an integer`);
  process.exit(2);
}
const sim = await startExchangeSimulator({
  port,
  seed,
  ...(values['data-dir'] === undefined ? {} : { dataDir: values['data-dir'] }),
  ...(values.assets === undefined
    ? {}
    : { assets: assetsConfigSchema.parse(JSON.parse(readFileSync(values.assets, 'utf8'))) }),
});
console.log(JSON.stringify({ baseUrl: sim.baseUrl, port: sim.port }));
const shutdown = () => {
  void sim.stop().then(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
