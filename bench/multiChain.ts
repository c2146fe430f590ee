/**
 * Multi-chain publish (docs/multi-chain.md): one cycle's records (BTC and ETH) published to N local
 * chains at once, one lane per chain. Reports per chain the median publish latency (from the
 * start of the cycle's publish to the lane's mined receipt: lease, reconciliation, batch signature,
 * transaction signature, ledger, send, receipt) and the KMS Sign calls per cycle (expected: 2 per chain, one batch signature and one
 * transaction signature). Then the same with the last chain's node stopped: the other lanes'
 * latency with one chain down.
 *   npx tsx bench/multiChain.ts [--rounds N] [--chains N]
 */
import '../shared/localstack/terminalEnvironment.js';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { loadAssetsConfigFile } from '../shared/cli/loadAssetsConfigFile.js';
import { bootstrapLocalStack } from '../shared/localstack/bootstrapLocalStack.js';
import { createLocalPublisherLanes } from '../shared/localstack/createLocalPublisherLanes.js';
import { toStackState } from '../shared/localstack/stackState.js';
import { MAX_LOCAL_CHAINS, startLocalStack } from '../shared/localstack/startLocalStack.js';
import { collectStage } from '../shared/pipeline/collect/collectStage.js';
import { computeStage } from '../shared/pipeline/compute/computeStage.js';
import type { PublisherContext } from '../shared/pipeline/publish/PublisherContext.js';
import { publishToChains } from '../shared/pipeline/publish/publishToChains.js';
import type { RiskRecord } from '../shared/risk/types.js';
import { putRiskRecord } from '../shared/store/putRiskRecord.js';

/** Measured rounds per scenario. @default 5 */
const DEFAULT_ROUNDS = 5;
/** Chains. @default 2 */
const DEFAULT_CHAINS = 2;
const ASSETS = ['BTC', 'ETH'] as const;

const { values } = parseArgs({ options: { rounds: { type: 'string' }, chains: { type: 'string' } } });
const rounds = values.rounds === undefined ? DEFAULT_ROUNDS : Number(values.rounds);
const chains = values.chains === undefined ? DEFAULT_CHAINS : Number(values.chains);
if (!Number.isInteger(rounds) || rounds < 1) {
  process.stderr.write(`bench/multiChain: --rounds must be a positive integer, got ${values.rounds}\n`);
  process.exit(2);
}
if (!Number.isInteger(chains) || chains < 2 || chains > MAX_LOCAL_CHAINS) {
  process.stderr.write(`bench/multiChain: --chains must be 2 to ${MAX_LOCAL_CHAINS}, got ${values.chains}\n`);
  process.exit(2);
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

const config = loadAssetsConfigFile();
const stack = await startLocalStack({ assets: config, chains });
try {
  const boot = await bootstrapLocalStack({
    stack,
    assets: config,
    tablePrefix: `b${randomUUID().slice(0, 8)}`,
  });
  const state = toStackState(process.pid, stack, boot);
  const lanes = createLocalPublisherLanes(state, config);
  const templates: Record<string, RiskRecord> = {};
  for (const asset of ASSETS) {
    const { ts } = await collectStage(lanes[0], { asset });
    templates[asset] = (await computeStage(lanes[0], { asset, ts })).record;
  }

  let lastTs = 0;
  /** One cycle to every lane; per lane its publish step's latency (ms) when it mined. */
  const cycle = async (): Promise<{ latency: (number | undefined)[]; signs: number }> => {
    // The contract wants ≥ 1 s between two observations of an asset: pace, outside the timing.
    const wait = lastTs + 1_000 - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const ts = Date.now();
    lastTs = ts;
    const records = await Promise.all(
      ASSETS.map(async (asset) => {
        await putRiskRecord(lanes[0].dynamo, lanes[0].tables, { asset, ts }, templates[asset] as RiskRecord);
        return { asset, ts, publishDue: true };
      }),
    );
    const start = performance.now();
    const done: (number | undefined)[] = lanes.map(() => undefined);
    const timed = lanes.map((lane, i): PublisherContext => ({
      ...lane,
      hooks: { beforeOutcome: () => void (done[i] = performance.now() - start) },
    }));
    const signsBefore = stack.kms.requestCounts().Sign ?? 0;
    const results = await publishToChains(timed, { records });
    return {
      latency: results.map((r, i) => (r.ok && r.result.status === 'mined' ? done[i] : undefined)),
      signs: (stack.kms.requestCounts().Sign ?? 0) - signsBefore,
    };
  };

  const report = async (title: string): Promise<void> => {
    const latencies: number[][] = lanes.map(() => []);
    const signs: number[] = [];
    const failed = lanes.map(() => 0);
    await cycle(); // unmeasured: connections, JIT
    for (let round = 0; round < rounds; round++) {
      const r = await cycle();
      r.latency.forEach((ms, i) => (ms === undefined ? (failed[i]! += 1) : latencies[i]!.push(ms)));
      signs.push(r.signs);
    }
    console.log(`${title}: median of ${rounds} cycles, KMS Sign calls per cycle ${median(signs)}`);
    console.log(' chain    to receipt ms  failed cycles');
    lanes.forEach((lane, i) =>
      console.log(
        `${(lane.lane?.name ?? '').padEnd(14)}${(latencies[i]!.length === 0 ? 'down' : median(latencies[i]!).toFixed(1)).padStart(11)}${String(failed[i]).padStart(15)}`,
      ),
    );
  };

  await report(`${chains} chains up`);
  await stack.chains[chains - 1]?.stop();
  await report(`${chains} chains, ${stack.chains[chains - 1]?.name} down`);
  for (const lane of lanes) lane.close();
  console.log(`command: npx tsx bench/multiChain.ts --rounds ${rounds} --chains ${chains}`);
} finally {
  await stack.stop();
}
