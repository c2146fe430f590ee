import type { Command } from 'commander';
import { InputError } from '../../errors/BallastError.js';
import {
  findRunningStack,
  stackOptionDifferences,
  startStackProcess,
  stopStackProcess,
} from '../../localstack/stackProcess.js';
import type { StackState } from '../../localstack/stackState.js';
import {
  createLocalPublisherContext,
  type LocalPublisherContext,
} from '../../localstack/createLocalPublisherContext.js';
import { candleCoverage } from '../../localstack/exchangeSim/candleCoverage.js';
import { setSimulatedTime } from '../../localstack/setSimulatedTime.js';
import { DEFAULT_DATA_DIR, MAX_LOCAL_CHAINS } from '../../localstack/startLocalStack.js';
import { StackMismatchError } from '../errors.js';
import { EXIT_CODES } from '../exitCodes.js';
import { publishNotMined } from '../publishNotMined.js';
import { parseReplay, REPLAY_SCENARIOS, type ReplayWindow } from '../options/parseReplay.js';
import { parseSpeed } from '../options/parseSpeed.js';
import { replayTime, type ReplayClock } from '../replayTime.js';
import { DEFAULT_CYCLE_ASSETS } from '../options/defaultAssets.js';
import { publishExitCode } from '../publishExitCode.js';
import type { PublishStageResult } from '../../pipeline/publish/publishStage.js';
import { runCycle } from '../../pipeline/runCycle.js';
import { runCycleOnChains } from '../../pipeline/runCycleOnChains.js';
import { createLocalPublisherLanes } from '../../localstack/createLocalPublisherLanes.js';
import { parseChainCount } from '../options/parseChainCount.js';
import { formatCycle } from '../formatCycle.js';
import { tendExampleMarket } from '../../localstack/exampleMarket/tendExampleMarket.js';
import type { CycleResult } from '../../pipeline/runCycle.js';
import { ensureContractsBuilt } from '../ensureContractsBuilt.js';
import { loadAssetsConfigFile } from '../loadAssetsConfigFile.js';
import { parseAssetList } from '../options/parseAssetList.js';
import { parsePairList } from '../options/parsePairList.js';
import { parseDuration } from '../options/parseDuration.js';
import { parseInteger } from '../options/parseInteger.js';
import { addStackPortOptions, readStackPorts } from '../options/stackPortOptions.js';
import { createLocalMonitorContext } from '../../localstack/createLocalMonitorContext.js';
import type { AlertWebhook, MonitorContext } from '../../positions/monitor/MonitorContext.js';
import { runMonitor } from '../../positions/monitor/runMonitor.js';
import { formatMonitorResult } from '../formatMonitorResult.js';
import { readAlertSecret } from '../readAlertSecret.js';

interface RunOptions {
  readonly local?: boolean;
  readonly cycles?: string;
  readonly replay?: string;
  readonly speed: string;
  readonly step?: string;
  readonly dataDir?: string;
  readonly interval: string;
  readonly assets: string;
  readonly pairs?: string;
  readonly keep?: boolean;
  readonly config?: string;
  readonly chains?: string;
  readonly alertWebhook?: string;
  readonly alertSecretFile?: string;
}

/**
 * After a cycle's publish (and the market's keeper step): the position monitor, as the workflow's
 * monitor step runs it (docs/positions.md, "Alerts"); prints its line, or why it failed.
 */
async function monitorCycle(
  monitor: MonitorContext,
  records: readonly { readonly asset: string; readonly ts: number }[],
): Promise<void> {
  if (records.length === 0) return;
  try {
    const result = await runMonitor(monitor, { records });
    console.log(`${formatMonitorResult(result, monitor.webhook?.url)}\n`);
  } catch (error) {
    // A failed monitor never undoes or fails the cycle it follows (its round is already out); the next
    // cycle's run finishes what this one left (docs/positions.md, "Alerts").
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    console.log(`alerts: the monitor failed: ${message}\n`);
  }
}

/** The webhook of `--alert-webhook URL [--alert-secret-file FILE]`, checked before anything starts. */
function alertWebhookOf(options: RunOptions): AlertWebhook | undefined {
  if (options.alertWebhook === undefined) {
    if (options.alertSecretFile !== undefined)
      throw new InputError('--alert-secret-file: given without --alert-webhook URL; give both or neither');
    return undefined;
  }
  let url: URL | undefined;
  try {
    url = new URL(options.alertWebhook);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:'))
    throw new InputError(
      `--alert-webhook: "${options.alertWebhook}" is not an http(s) URL; expected e.g. http://127.0.0.1:9000/alerts`,
    );
  return {
    url: options.alertWebhook,
    secret: readAlertSecret('--alert-secret-file', options.alertSecretFile),
  };
}

const iso = (ms: number): string => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** How `run` moves time: live (the wall clock, a pause between cycles) or a replay of history. */
type RunClock =
  { readonly kind: 'live'; readonly intervalMs: number } | ({ readonly kind: 'replay' } & ReplayClock);

/**
 * Runs `cycles` cycles (a replay without a count: until its window ends) on one chain. In a
 * replay, before each cycle simulated time (from + speed × real time elapsed, at least an hour past
 * the previous cycle) is set on the exchange simulator and on anvil's clock, and every stage reads
 * that clock, so parameters move as the replayed market moves.
 */
async function runCycles({
  state,
  context,
  assets,
  pairs,
  signer,
  cycles,
  clock,
  monitor,
}: {
  readonly state: StackState;
  readonly context: LocalPublisherContext;
  readonly monitor: MonitorContext;
  readonly assets: readonly string[];
  readonly pairs: readonly string[];
  readonly signer: string;
  readonly cycles: number | undefined;
  readonly clock: RunClock;
}): Promise<WorstPublish | undefined> {
  let worst: WorstPublish | undefined;
  const realStart = Date.now();
  let previous: number | undefined;
  for (let i = 1; cycles === undefined || i <= cycles; i++) {
    let cycleContext = context;
    let cycleMonitor = monitor;
    let heading = '';
    if (clock.kind === 'replay') {
      const simNow = replayTime(clock, {
        cycle: i,
        elapsedMs: Date.now() - realStart,
        ...(previous === undefined ? {} : { previousMs: previous }),
      });
      if (simNow === undefined) break;
      previous = simNow;
      await setSimulatedTime(state, simNow);
      const cycleStart = Date.now();
      const now = (): number => simNow + (Date.now() - cycleStart);
      cycleContext = { ...context, now };
      cycleMonitor = { ...monitor, now };
      heading = `${iso(simNow)}\n`;
    } else if (i > 1) await new Promise((r) => setTimeout(r, clock.intervalMs));
    const cycle = await runCycle(cycleContext, assets, pairs);
    console.log(`${heading}${formatCycle(cycle, i, signer)}\n`);
    await tendMarket(state, context, cycle);
    await monitorCycle(cycleMonitor, cycle.records);
    worst = worse(worst, i, cycle.publish);
  }
  return worst;
}

/**
 * Between cycles on the local stack: the example market's feed follows the reference price, the
 * seeded borrowers open their debts once parameters are on-chain, and the positions indexer catches
 * up (docs/positions.md). Prints what the borrowers did.
 */
async function tendMarket(
  state: StackState,
  context: LocalPublisherContext,
  cycle: CycleResult | undefined,
): Promise<void> {
  const market = state.market;
  if (market === undefined) return;
  const price = cycle?.assets.find((a) => a.compute.asset === market.asset)?.collect.referencePrice ?? null;
  const { seeded } = await context.rpc.call((provider) =>
    tendExampleMarket({
      provider,
      chainId: state.anvil.chainId,
      oracleAddress: state.oracle.address,
      market,
      referencePrice: price,
      dynamo: context.dynamo,
      tables: context.tables,
    }),
  );
  if (seeded.length > 0)
    console.log(
      `example market ${market.address} (${market.asset}): ${seeded.length} borrowers opened debts at health factors ${seeded.map((s) => s.healthFactor.toFixed(3)).join(', ')}\n`,
    );
}

/** How bad a publish step's exit code is, to keep the worst of several cycles: failed > pending > busy > ok. */
const SEVERITY: Readonly<Record<number, number>> = {
  [EXIT_CODES.ok]: 0,
  [EXIT_CODES.busy]: 1,
  [EXIT_CODES.pending]: 2,
  [EXIT_CODES.failed]: 3,
};

/** The worst publish step of a run so far: its cycle and result. */
interface WorstPublish {
  readonly cycle: number;
  readonly publish: PublishStageResult;
}

/** Keeps the worse of the run's worst publish step so far and this cycle's (by exit code). */
function worse(
  worst: WorstPublish | undefined,
  cycle: number,
  publish: PublishStageResult,
): WorstPublish | undefined {
  const rank = (p: PublishStageResult): number => SEVERITY[publishExitCode(p)] ?? 0;
  if (rank(publish) === 0 || (worst !== undefined && rank(worst.publish) >= rank(publish))) return worst;
  return { cycle, publish };
}

/**
 * Cycles on a multi-chain stack (docs/multi-chain.md): compute once, publish to every chain's lane
 * at once; each chain's outcome is printed, and a chain that fails never stops the others. The
 * command fails afterwards with the worst outcome (a chain's error first).
 */
async function runOnChains(
  state: StackState,
  config: ReturnType<typeof loadAssetsConfigFile>,
  opts: {
    assets: readonly string[];
    pairs: readonly string[];
    cycles: number;
    intervalMs: number;
    webhook: AlertWebhook | undefined;
  },
): Promise<void> {
  const lanes = createLocalPublisherLanes(state, config);
  const monitor = createLocalMonitorContext({
    dynamo: lanes[0].dynamo,
    tables: lanes[0].tables,
    ...(opts.webhook === undefined ? {} : { webhook: opts.webhook }),
  });
  let worst: WorstPublish | undefined;
  let failure: unknown;
  try {
    const signer = await lanes[0].signer.getAddress();
    console.log(
      `local stack (supervisor pid ${state.pid}), signer ${signer}, chains:\n${(state.chains ?? [])
        .map((c) => `  ${c.name}: ${c.rpcUrl} (chain ${c.chainId}), oracle ${c.oracleAddress}`)
        .join('\n')}\n`,
    );
    for (let i = 1; i <= opts.cycles; i++) {
      const cycle = await runCycleOnChains(lanes, opts.assets, opts.pairs);
      for (const chain of cycle.chains) {
        if (chain.ok) {
          console.log(
            `${formatCycle({ ...cycle, publish: chain.result }, i, signer).replace(/^cycle \d+/, `cycle ${i} · ${chain.chain} (chain ${chain.chainId})`)}\n`,
          );
          worst = worse(worst, i, chain.result);
        } else {
          const message = chain.error instanceof Error ? chain.error.message : String(chain.error);
          console.log(`cycle ${i} · ${chain.chain} (chain ${chain.chainId}): FAILED: ${message}\n`);
          failure ??= chain.error;
        }
      }
      await monitorCycle(monitor, cycle.records);
      if (i < opts.cycles) await new Promise((r) => setTimeout(r, opts.intervalMs));
    }
  } finally {
    for (const lane of lanes) lane.close();
  }
  if (failure !== undefined) throw failure;
  const notMined = worst === undefined ? undefined : publishNotMined(`cycle ${worst.cycle}: `, worst.publish);
  if (notMined !== undefined) throw notMined;
}

export function registerRunCommand(program: Command): void {
  const command = program
    .command('run')
    .description('run full cycles (collect → compute → publish) on the embedded local stack')
    .option('--local', 'use the embedded local stack (anvil, DynamoDB Local, local KMS, exchange simulator)')
    .option('--cycles <n>', 'number of cycles (default 1; with --replay, until the window ends)')
    .option(
      '--replay <window>',
      `replay history: ${Object.keys(REPLAY_SCENARIOS).join(', ')}, or FROM[..TO] (dates, e.g. 2022-05-04..2022-05-20)`,
    )
    .option('--speed <rate>', 'replay speed: simulated time per real second', '1h/s')
    .option(
      '--step <duration>',
      'replay: advance simulated time by exactly this much per cycle (instead of --speed)',
    )
    .option('--data-dir <dir>', 'candles to replay, <ASSET>_USDT-1h.csv (default ../shared/data/ohlcv)')
    .option('--interval <duration>', 'pause between cycles (e.g. 5s, 1m)', '5s')
    .option('--assets <list>', 'comma-separated assets from the config', DEFAULT_CYCLE_ASSETS)
    .option(
      '--pairs <list>',
      'comma-separated pairs C/D from the config, or none (default: every configured pair whose legs are in --assets)',
    )
    .option('--keep', 'leave the stack running afterwards (stop it with: ballast stack down)')
    .option('--config <file>', 'assets config file')
    .option('--alert-webhook <url>', 'POST each position alert there, signed (docs/positions.md)')
    .option(
      '--alert-secret-file <file>',
      'HMAC secret of --alert-webhook (default $BALLAST_ALERT_WEBHOOK_SECRET)',
    )
    .option(
      '--chains <n>',
      `local chains (anvils, chain ids 31337, 31338, …) that every cycle publishes to, 1 to ${MAX_LOCAL_CHAINS} (default 1)`,
    );
  addStackPortOptions(command).action(async (options: RunOptions & Record<string, unknown>) => {
    // Every argument is checked before anything starts.
    if (options.local !== true) {
      throw new InputError(
        'run: only --local is supported here; in AWS the scheduler runs the cycle (see docs/operations.md)',
      );
    }
    const cycles =
      options.cycles === undefined
        ? undefined
        : parseInteger('--cycles', options.cycles, { min: 1, max: 10_000 });
    const intervalMs = parseDuration('--interval', options.interval);
    const config = loadAssetsConfigFile(options.config);
    const assets = parseAssetList('--assets', options.assets, config);
    const pairs = parsePairList('--pairs', options.pairs, config, assets);
    const ports = readStackPorts(options);
    const speed = parseSpeed('--speed', options.speed);
    const stepMs = options.step === undefined ? undefined : parseDuration('--step', options.step);
    const chains = parseChainCount(options.chains);
    const webhook = alertWebhookOf(options);
    if (chains !== undefined && chains > 1 && options.replay !== undefined)
      throw new InputError(
        `--chains: ${chains} with --replay is not supported; a replay moves one chain's clock (use --chains 1)`,
      );
    let replay: ReplayWindow | undefined;
    const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
    if (options.replay !== undefined) {
      const coverage = candleCoverage(dataDir, assets);
      if (coverage === undefined)
        throw new InputError(
          `--replay: no candles to replay for ${assets.join(', ')} in ${dataDir} (expected <ASSET>_USDT-1h.csv files)`,
          {
            fix: 'give a folder of hourly candles with --data-dir, or run from a checkout beside ../shared/data',
          },
        );
      replay = parseReplay('--replay', options.replay, coverage);
    }

    const running = findRunningStack();
    if (running !== undefined) {
      const differences = stackOptionDifferences(running, {
        ports,
        ...(replay === undefined ? {} : { replayFromMs: replay.fromMs }),
        ...(chains === undefined ? {} : { chains }),
      });
      if (differences.length > 0)
        throw new StackMismatchError(
          `a local stack is already running (supervisor pid ${running.pid}) with other options: ${differences.join(', ')}`,
          { fix: 'stop it first with `npx ballast stack down`, or drop the options to reuse it' },
        );
    }
    let owned: StackState | undefined;
    const stop = async (): Promise<void> => {
      if (owned !== undefined && options.keep !== true) {
        const state = owned;
        owned = undefined;
        await stopStackProcess(state);
      }
    };
    const onSignal = (): void => {
      process.stderr.write('\nballast: interrupted; stopping the local stack\n');
      void stop().then(() => process.exit(130));
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      let state: StackState;
      if (running !== undefined) {
        console.log(`using the running local stack (supervisor pid ${running.pid})`);
        state = running;
      } else {
        console.log('starting the local stack (anvil, DynamoDB Local, KMS endpoint, exchange simulator)...');
        ensureContractsBuilt();
        state = await startStackProcess(config, {
          ports,
          ...(replay === undefined ? {} : { replayFromMs: replay.fromMs, dataDir }),
          ...(chains === undefined ? {} : { chains }),
        });
        owned = state;
      }
      if ((state.chains?.length ?? 1) > 1 && replay === undefined) {
        await runOnChains(state, config, { assets, pairs, cycles: cycles ?? 1, intervalMs, webhook });
        return;
      }
      const context = createLocalPublisherContext(state, config);
      const monitor = createLocalMonitorContext({
        dynamo: context.dynamo,
        tables: context.tables,
        ...(webhook === undefined ? {} : { webhook }),
      });
      let worst: WorstPublish | undefined;
      try {
        const signer = await context.signer.getAddress();
        console.log(
          [
            `local stack (supervisor pid ${state.pid}): anvil ${state.anvil.rpcUrl}, dynamodb ${state.dynamodb.endpoint}, kms ${state.kms.endpoint}, exchanges ${state.exchange.baseUrl}`,
            `oracle ${state.oracle.address} on chain ${state.anvil.chainId}, signer ${signer} (KMS key ${state.kms.keyId})\n`,
          ].join('\n'),
        );
        await tendMarket(state, context, undefined);
        if (replay !== undefined)
          console.log(
            `replaying ${replay.name ?? 'history'}: ${iso(replay.fromMs)} to ${iso(replay.toMs)} at ${options.speed}\n`,
          );
        worst = await runCycles({
          state,
          context,
          assets,
          pairs,
          monitor,
          signer,
          cycles: replay === undefined ? (cycles ?? 1) : cycles,
          clock:
            replay === undefined
              ? { kind: 'live', intervalMs }
              : { kind: 'replay', window: replay, speed, ...(stepMs === undefined ? {} : { stepMs }) },
        });
      } finally {
        context.close();
      }
      console.log(
        [
          `history: DynamoDB tables ${state.dynamodb.tablePrefix}-{snapshots,parameters,publications,ledger} at ${state.dynamodb.endpoint}`,
          options.keep === true || owned === undefined
            ? 'the stack keeps running: try `npx ballast history BTC --local`, `npx ballast verify --round 1 --local`, then `npx ballast stack down`'
            : 'the stack is stopped now; its in-memory history goes with it (use --keep to explore it)',
        ].join('\n'),
      );
      // A cycle whose publish step did not publish (or find nothing due) fails the command, with
      // the exit code of the worst such step (shared/cli/exitCodes.ts).
      const notMined =
        worst === undefined ? undefined : publishNotMined(`cycle ${worst.cycle}: `, worst.publish);
      if (notMined !== undefined) throw notMined;
    } finally {
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
      await stop();
    }
  });
}
