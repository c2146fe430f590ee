/**
 * End-to-end publish on anvil: one publish step (lease, ledger, build the batch, ONE KMS signature
 * over it, estimate, sign and send the transaction, wait for the receipt, record the outcome) for
 * batches of 1, 10 and 50 assets. Medians over several rounds.
 *   npx tsx bench/publish.ts [--rounds N]
 * The stack is the embedded local one (anvil, DynamoDB Local, the KMS endpoint); the oracle is
 * configured for 50 assets that copy BTC's config. Records are a real BTC record (collected from
 * the exchange simulator and computed once) cloned under each name, so only publishing is timed.
 */
import '../shared/localstack/terminalEnvironment.js';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { publishStage } from '../shared/pipeline/publish/publishStage.js';
import { loadAssetsConfigFile } from '../shared/cli/loadAssetsConfigFile.js';
import type { AssetsConfig } from '../shared/config/assetsConfig.js';
import { bootstrapLocalStack } from '../shared/localstack/bootstrapLocalStack.js';
import type { StackState } from '../shared/localstack/stackState.js';
import { startLocalStack } from '../shared/localstack/startLocalStack.js';
import { collectStage } from '../shared/pipeline/collect/collectStage.js';
import { computeStage } from '../shared/pipeline/compute/computeStage.js';
import { createLocalPublisherContext } from '../shared/localstack/createLocalPublisherContext.js';
import type { RiskRecord } from '../shared/risk/types.js';
import { putRiskRecord } from '../shared/store/putRiskRecord.js';

/** Measured rounds per batch size. @default 7 */
const DEFAULT_ROUNDS = 7;
/** Batch sizes measured; the largest is the 50 assets. */
const SIZES = [1, 10, 50] as const;

const { values } = parseArgs({ options: { rounds: { type: 'string' } } });
const rounds = values.rounds === undefined ? DEFAULT_ROUNDS : Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 1) {
  process.stderr.write(`bench/publish: --rounds must be a positive integer, got ${values.rounds}\n`);
  process.exit(2);
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

const base = loadAssetsConfigFile();
const btc = base.assets.BTC;
if (btc === undefined) throw new Error('the default config has no BTC');
const names = Array.from({ length: 50 }, (_, i) => `A${String(i + 1).padStart(2, '0')}`);
const fifty: AssetsConfig = { ...base, assets: Object.fromEntries(names.map((n) => [n, btc])) };

// The exchange simulator serves the default config's symbols; the oracle is set up for the 50.
const stack = await startLocalStack({ assets: base });
try {
  const boot = await bootstrapLocalStack({
    stack,
    assets: fifty,
    tablePrefix: `b${randomUUID().slice(0, 8)}`,
  });
  const state: StackState = {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    anvil: stack.anvil,
    dynamodb: { endpoint: stack.dynamodb.endpoint, tablePrefix: boot.tablePrefix },
    kms: { endpoint: stack.kms.endpoint, keyId: boot.keyId },
    exchange: { baseUrl: stack.exchange.baseUrl },
    oracle: { address: boot.oracleAddress },
  };
  const collector = createLocalPublisherContext(state, base);
  const { ts: collectedTs } = await collectStage(collector, { asset: 'BTC' });
  const template: RiskRecord = (await computeStage(collector, { asset: 'BTC', ts: collectedTs })).record;
  collector.close();

  const context = createLocalPublisherContext(state, fifty);
  let lastTs = 0;
  const rows: string[] = [];
  const totals = new Map<number, number>();
  for (const size of SIZES) {
    const total: number[] = [];
    const toBroadcast: number[] = [];
    const gas: number[] = [];
    const signs: number[] = [];
    // One unmeasured round first (connections, JIT), then the measured ones.
    for (let round = 0; round <= rounds; round++) {
      // The contract wants ≥ 1 s between two observations of an asset: pace, outside the timing.
      const wait = lastTs + 1_000 - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const ts = Date.now();
      lastTs = ts;
      const records = await Promise.all(
        names.slice(0, size).map(async (asset) => {
          const record: RiskRecord = { ...template, asset, nextState: { ...template.nextState, asset } };
          await putRiskRecord(context.dynamo, context.tables, { asset, ts }, record);
          return { asset, ts, publishDue: true };
        }),
      );
      const signsBefore = stack.kms.requestCounts().Sign ?? 0;
      let broadcastAt = 0;
      const start = performance.now();
      const result = await publishStage(
        { ...context, hooks: { afterBroadcast: () => void (broadcastAt = performance.now()) } },
        { records },
      );
      const end = performance.now();
      if (result.status !== 'mined')
        throw new Error(`round of ${size} assets ended ${JSON.stringify(result)}`);
      if (round === 0) continue;
      total.push(end - start);
      toBroadcast.push(broadcastAt - start);
      gas.push(Number(result.gasUsed));
      signs.push((stack.kms.requestCounts().Sign ?? 0) - signsBefore);
    }
    totals.set(size, median(total));
    rows.push(
      [
        String(size).padStart(6),
        median(toBroadcast).toFixed(1).padStart(14),
        median(total).toFixed(1).padStart(12),
        String(median(gas)).padStart(10),
        String(Math.round(median(gas) / size)).padStart(12),
        String(median(signs)).padStart(11),
      ].join(''),
    );
  }
  context.close();
  console.log(
    `bench/publish: one publish step on anvil + DynamoDB Local + local KMS, median of ${rounds} rounds`,
  );
  console.log(' assets  to broadcast ms  end-to-end ms  gas used  gas / asset  KMS Signs');
  for (const row of rows) console.log(row);
  const one = totals.get(1) ?? 1;
  console.log(
    `ratios of end-to-end time to 1 asset: 10 assets ×${((totals.get(10) ?? 0) / one).toFixed(2)}, 50 assets ×${((totals.get(50) ?? 0) / one).toFixed(2)}`,
  );
  console.log(`command: npx tsx bench/publish.ts --rounds ${rounds}`);
} finally {
  await stack.stop();
}
