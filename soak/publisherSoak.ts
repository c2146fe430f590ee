/**
 * Fault-injection soak of the publisher: `npm run soak -- --iterations N [--seed S]`.
 *
 * Each iteration runs one publisher process (soak/publisherWorker.ts, a whole cycle) under random
 * faults — killed (SIGKILL) at a random moment or at a named point of the publish step (after the
 * broadcast, after a fee-bumped replacement, before and inside outcome recording), DynamoDB Local
 * frozen (SIGSTOP/SIGCONT of its java process) while the transaction mines and the publisher then
 * killed, the chain frozen (automine off, or anvil stopped), the RPC endpoint flapping (a proxy in
 * front of anvil dropping connections; anvil itself is the second endpoint), venues faulting (the
 * exchange simulator's faults) — then one clean cycle, and checks:
 *   1. on-chain rounds strictly increasing from 1, no gap, equal to lastRound;
 *   2. every on-chain round recorded exactly once: its publication mined with the log's tx hash,
 *      exactly one mined ledger entry for it, and every record it carried marked with round and hash;
 *   3. every record marked as published is in its round on-chain, with the same parameters;
 *   4. `verify` (every check, with the chain and the store) passes for every new round;
 *   5. the clean cycle published (status mined);
 *   6. no worker process left running; at the end, no stack process either.
 * Time moves one hour per cycle (the simulator, the workers' clocks and anvil), so every cycle is
 * due by heartbeat and every round is a real, recomputable record. Not part of `npm test`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { JsonRpcProvider } from 'ethers';
import { buildAuditBundle } from '../shared/audit/buildAuditBundle.js';
import { createChainReader } from '../shared/audit/createChainReader.js';
import { verifyBundle } from '../shared/audit/verifyBundle.js';
import { readHistoryFromLogs } from '../shared/chain/oracle/readHistoryFromLogs.js';
import { riskOracleContract } from '../shared/chain/oracle/riskOracleContract.js';
import { loadAssetsConfigFile } from '../shared/cli/loadAssetsConfigFile.js';
import type { AssetsConfig } from '../shared/config/assetsConfig.js';
import { bootstrapLocalStack } from '../shared/localstack/bootstrapLocalStack.js';
import { startExchangeSimulator } from '../shared/localstack/exchangeSim/startExchangeSimulator.js';
import { EXCHANGE_FAULT_KINDS } from '../shared/localstack/exchangeSim/exchangeFault.js';
import { freePort } from '../shared/localstack/freePort.js';
import { startKmsServer } from '../shared/localstack/kms/startKmsServer.js';
import { toStackState } from '../shared/localstack/stackState.js';
import { startAnvil } from '../shared/localstack/startAnvil.js';
import { startDynamoDbLocal } from '../shared/localstack/startDynamoDbLocal.js';
import { DEFAULT_DATA_DIR } from '../shared/localstack/startLocalStack.js';
import { mulberry32 } from '../shared/core/mulberry32.js';
import { VENUE_IDS } from '../shared/core/venues.js';
import { createDynamoClients } from '../shared/store/createDynamoClients.js';
import { queryRecordHistory } from '../shared/store/queryRecordHistory.js';
import { ledgerSender } from '../shared/store/ledgerSender.js';
import { listLedgerEntries } from '../shared/store/listLedgerEntries.js';
import { listPublications } from '../shared/store/listPublications.js';
import { oracleKey } from '../shared/store/oracleKey.js';
import { tableNames } from '../shared/store/tables.js';
import { WORKER_HOOKS, type WorkerHook, type WorkerSpec } from './workerSpec.js';
import { existsSync } from 'node:fs';

const HOUR_MS = 3_600_000;
/** Soak publishers' lease lifetime: a killed one blocks the next for at most this long. @default 3000 */
const LEASE_TTL_MS = 3_000;
/** A worker still running after this is killed (and counted as a timeout kill). @default 60000 */
const WORKER_DEADLINE_MS = 60_000;
/** Assets of every soak cycle. */
const SOAK_ASSETS = ['BTC', 'ETH', 'SOL'];

const { values } = parseArgs({
  options: {
    iterations: { type: 'string', default: '10' },
    seed: { type: 'string', default: '1' },
  },
});
const iterations = Number(values.iterations);
const seed = Number(values.seed);
if (!Number.isInteger(iterations) || iterations < 1 || iterations > 10_000)
  throw new Error(
    `--iterations: "${values.iterations}" is not allowed; expected a whole number from 1 to 10000`,
  );
if (!Number.isInteger(seed)) throw new Error(`--seed: "${values.seed}" is not allowed; expected an integer`);

// Seeded, so a failing iteration can be replayed with the same --seed.
const random = mulberry32(seed);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const between = (lo: number, hi: number): number => Math.round(lo + random() * (hi - lo));
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A TCP proxy in front of anvil that can drop every connection and refuse new ones (the RPC "flapping"). */
async function startFlappingProxy(
  targetPort: number,
): Promise<{ url: string; setDown(down: boolean): void; close(): Promise<void> }> {
  let down = false;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    if (down) return void client.destroy();
    const upstream = connect(targetPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    setDown(value) {
      down = value;
      if (value) for (const s of sockets) s.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

interface WorkerRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly result?: { status: string; round?: string; txHash?: string; error?: string; detail?: string };
  readonly stderr: string;
  /** Killed by the soak's deadline (it hung), not by a planned fault. */
  readonly deadline: boolean;
}

const workerPids = new Set<number>();

function runWorker(
  bundle: string,
  spec: WorkerSpec,
  onSignal?: (hook: string, child: ChildProcess) => void,
): { child: ChildProcess; done: Promise<WorkerRun> } {
  const child = spawn(process.execPath, [bundle], {
    env: {
      ...process.env,
      SOAK_WORKER_SPEC: JSON.stringify(spec),
      POWERTOOLS_METRICS_DISABLED: 'true',
      ...(process.env.SOAK_TRACE === undefined ? {} : { SOAK_TRACE: process.env.SOAK_TRACE }),
      POWERTOOLS_LOG_LEVEL: process.env.SOAK_LOG_LEVEL ?? 'WARN',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid !== undefined) workerPids.add(child.pid);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    for (const match of chunk.toString().matchAll(/^SIGNAL (\w+)$/gm)) onSignal?.(match[1] ?? '', child);
  });
  child.stderr?.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  let deadlineHit = false;
  const deadline = setTimeout(() => {
    deadlineHit = true;
    child.kill('SIGKILL');
  }, WORKER_DEADLINE_MS);
  const done = new Promise<WorkerRun>((resolve) => {
    child.once('exit', (code, signal) => {
      clearTimeout(deadline);
      const line = stdout
        .split('\n')
        .find((l) => l.startsWith('RESULT '))
        ?.slice('RESULT '.length);
      resolve({
        code,
        signal,
        ...(line === undefined ? {} : { result: JSON.parse(line) as NonNullable<WorkerRun['result']> }),
        stderr: `${stdout.slice(-1_000)}\n${stderr.slice(-2_000)}`,
        deadline: deadlineHit,
      });
    });
  });
  return { child, done };
}

/**
 * The process named `comm` at or below `pid`: the local stack starts anvil and java through a
 * small shell wrapper (which stops them when their parent dies), and SIGSTOP must reach the
 * server itself, not the wrapper.
 */
function findProcess(pid: number, comm: string): number {
  const name = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  if (name === comm) return pid;
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  for (const child of children) {
    try {
      return findProcess(Number(child), comm);
    } catch {
      // not below this child
    }
  }
  throw new Error(`no ${comm} process below pid ${pid}`);
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function main(): Promise<void> {
  const startedAt = Date.now();
  const base = loadAssetsConfigFile();
  // Due every cycle by heartbeat: time moves one hour per cycle.
  const config: AssetsConfig = {
    ...base,
    assets: Object.fromEntries(
      Object.entries(base.assets).map(([name, asset]) => [name, { ...asset, heartbeatSeconds: 3_600 }]),
    ),
  };
  let offsetMs = 0;
  const [anvil, dynamodb, kms, exchange] = await Promise.all([
    startAnvil(),
    startDynamoDbLocal(),
    startKmsServer(),
    startExchangeSimulator({
      assets: config,
      seed,
      now: () => Date.now() + offsetMs,
      ...(existsSync(DEFAULT_DATA_DIR) ? { dataDir: DEFAULT_DATA_DIR } : {}),
    }),
  ]);
  const proxy = await startFlappingProxy(anvil.port);
  const javaPid = findProcess(dynamodb.process.pid ?? 0, 'java');
  const anvilPid = findProcess(anvil.process.pid ?? 0, 'anvil');
  const stackPids = [anvil.process.pid, dynamodb.process.pid, javaPid, anvilPid].filter(
    (p): p is number => p !== undefined,
  );
  const provider = new JsonRpcProvider(anvil.rpcUrl, undefined, { cacheTimeout: -1 });
  const dynamo = createDynamoClients({ endpoint: dynamodb.endpoint });
  const stopAll = async (): Promise<void> => {
    for (const pid of workerPids) if (alive(pid)) process.kill(pid, 'SIGKILL');
    for (const pid of [javaPid, anvilPid]) if (alive(pid)) process.kill(pid, 'SIGCONT');
    provider.destroy();
    dynamo.client.destroy();
    await proxy.close();
    await Promise.allSettled([anvil.stop(), dynamodb.stop(), kms.stop(), exchange.stop()]);
  };

  const figures = {
    iterations: 0,
    kills: {} as Record<string, number>,
    faultyOutcomes: {} as Record<string, number>,
    dynamoFreezes: 0,
    chainFreezes: { automine: 0, sigstop: 0 },
    rpcFlaps: 0,
    venueFaults: 0,
    cleanCyclesPublished: 0,
    roundsOnChain: 0,
    roundsVerified: 0,
    violations: [] as string[],
  };
  const count = (table: Record<string, number>, key: string): void =>
    void (table[key] = (table[key] ?? 0) + 1);

  try {
    const stack = {
      anvil: { rpcUrl: anvil.rpcUrl, chainId: anvil.chainId },
      dynamodb: { endpoint: dynamodb.endpoint },
      kms: { endpoint: kms.endpoint },
      exchange: { baseUrl: exchange.baseUrl },
    };
    const boot = await bootstrapLocalStack({
      stack,
      assets: config,
      tablePrefix: `soak${randomUUID().slice(0, 6)}`,
    });
    const state = toStackState(process.pid, stack, boot);
    const tables = tableNames(boot.tablePrefix);
    const oracle = oracleKey(anvil.chainId, boot.oracleAddress);
    const sender = ledgerSender(anvil.chainId, boot.signerAddress);

    // The worker as one ESM file: a node process starts in well under a second (tsx would compile each time).
    const outDir = join('.ballast', 'soak');
    mkdirSync(outDir, { recursive: true });
    const bundle = join(outDir, 'publisherWorker.mjs');
    await build({
      entryPoints: ['soak/publisherWorker.ts'],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      outfile: bundle,
      logLevel: 'error',
    });

    /** Next cycle: one hour later for the simulator, the worker's clock and anvil's blocks. */
    const nextHour = async (): Promise<void> => {
      offsetMs += HOUR_MS;
      await provider.send('evm_increaseTime', [HOUR_MS / 1000]);
      await provider.send('evm_mine', []);
    };
    const spec = (extra: Partial<WorkerSpec> = {}): WorkerSpec => ({
      state,
      config,
      assets: SOAK_ASSETS,
      offsetMs,
      rpcUrls: [proxy.url, anvil.rpcUrl],
      leaseTtlMs: LEASE_TTL_MS,
      invocationId: randomUUID(),
      ...extra,
    });

    let verifiedUpTo = 0n;
    const chain = createChainReader(anvil.rpcUrl);
    const check = async (iteration: number): Promise<string[]> => {
      const problems: string[] = [];
      const contract = riskOracleContract({ address: boot.oracleAddress, runner: provider });
      const lastRound = (await contract.getFunction('lastRound')()) as bigint;
      const logs = await provider.getLogs({
        address: boot.oracleAddress,
        topics: [contract.interface.getEvent('ParametersUpdated')?.topicHash ?? ''],
        fromBlock: 0,
      });
      const events = logs.map((log) => ({
        round: contract.interface.parseLog(log)?.args.getValue('round') as bigint,
        txHash: log.transactionHash.toLowerCase(),
      }));
      // 1. Rounds 1..N, strictly increasing, no gap.
      events.forEach((e, i) => {
        if (e.round !== BigInt(i + 1)) problems.push(`on-chain round #${i + 1} is ${e.round}`);
      });
      if (BigInt(events.length) !== lastRound)
        problems.push(`lastRound ${lastRound} but ${events.length} ParametersUpdated events`);
      figures.roundsOnChain = events.length;
      // 2. Each recorded once, mined, with its hash, on its records.
      const publications = new Map((await listPublications(dynamo, tables, oracle)).map((p) => [p.round, p]));
      const ledger = await listLedgerEntries(dynamo, tables, sender);
      const onChain = new Map(events.map((e) => [e.round.toString(), e.txHash]));
      for (const [round, txHash] of onChain) {
        const publication = publications.get(round);
        if (publication === undefined) {
          problems.push(`round ${round} is on-chain but has no publication`);
          continue;
        }
        if (publication.status !== 'mined' || publication.txHash?.toLowerCase() !== txHash)
          problems.push(
            `round ${round}: publication ${publication.status} tx ${publication.txHash}, on-chain tx ${txHash}`,
          );
        const mined = ledger.filter((e) => e.round === round && e.status === 'mined');
        if (mined.length !== 1) problems.push(`round ${round}: ${mined.length} mined ledger entries`);
      }
      for (const publication of publications.values())
        if (publication.status === 'mined' && !onChain.has(publication.round))
          problems.push(`round ${publication.round} is recorded mined but is not on-chain`);
      // 3. Marks: every record of an on-chain round marked; every marked record on-chain, same values.
      const history = await readHistoryFromLogs({ provider, address: boot.oracleAddress });
      for (const asset of SOAK_ASSETS) {
        const marked = new Map<string, number>();
        let cursor: string | undefined;
        do {
          const page = await queryRecordHistory(dynamo, tables, {
            asset,
            limit: 1_000,
            ...(cursor === undefined ? {} : { cursor }),
          });
          for (const item of page.items) {
            if (item.round === undefined) continue;
            marked.set(`${item.round}`, item.ts);
            const published = history.get(asset)?.find((h) => h.round.toString() === item.round);
            if (published === undefined)
              problems.push(
                `${asset} record ${item.ts} is marked round ${item.round}, which did not publish it on-chain`,
              );
            else if (
              published.ltvBps !== item.ltvBps ||
              published.ltBps !== item.ltBps ||
              published.lbBps !== item.lbBps ||
              published.volIndexBps !== item.volIndexBps
            )
              problems.push(`${asset} record ${item.ts} differs from round ${item.round} on-chain`);
            if (item.txHash?.toLowerCase() !== onChain.get(item.round))
              problems.push(
                `${asset} record ${item.ts}: tx ${item.txHash}, round ${item.round} on-chain tx ${onChain.get(item.round)}`,
              );
          }
          cursor = page.nextCursor;
        } while (cursor !== undefined);
        for (const [round] of onChain) {
          const publication = publications.get(round);
          const entry = publication?.assets.find((a) => a.asset === asset);
          if (entry !== undefined && marked.get(round) !== entry.recordTs)
            problems.push(
              `${asset} record ${entry.recordTs} of on-chain round ${round} is not marked with it`,
            );
        }
      }
      // 4. verify, every check with the chain and the store, for each new round.
      for (const { round } of events) {
        if (round <= verifiedUpTo) continue;
        const bundleOfRound = await buildAuditBundle(dynamo, tables, {
          oracle: { chainId: anvil.chainId, address: boot.oracleAddress },
          round: round.toString(),
          configs: [config],
          now: Date.now(),
        });
        const result = await verifyBundle(bundleOfRound, { chain, store: { dynamo, tables } });
        if (!result.ok)
          problems.push(
            `verify round ${round}: ${result.checks
              .filter((c) => c.status === 'FAIL')
              .map((c) => `${c.id}: ${c.details.join('; ')}`)
              .join(' | ')}`,
          );
        figures.roundsVerified += 1;
        verifiedUpTo = round;
      }
      // 6. Nothing left running.
      for (const pid of workerPids) if (alive(pid)) problems.push(`worker ${pid} still running`);
      return problems.map((p) => `iteration ${iteration}: ${p}`);
    };

    for (let iteration = 1; iteration <= iterations; iteration++) {
      await nextHour();
      // The faults of this iteration.
      const kill = pick([
        'none',
        'timer',
        ...WORKER_HOOKS,
        'freezeDynamoAndKill',
        'freezeDynamoAndKill',
      ] as const);
      const chainFreeze = random() < 0.3 ? pick(['automine', 'sigstop'] as const) : undefined;
      const dynamoFreeze = kill !== 'freezeDynamoAndKill' && random() < 0.25;
      const rpcFlap = random() < 0.4;
      const venueFaults = random() < 0.5 ? [pick(VENUE_IDS), pick(VENUE_IDS)] : [];
      const timers: NodeJS.Timeout[] = [];
      /** The faults that actually happened (a kill can come before a planned freeze). */
      const fired: string[] = [];
      const after = (ms: number, fn: () => unknown): void => void timers.push(setTimeout(fn, ms));
      for (const venue of venueFaults) {
        const fault = pick(EXCHANGE_FAULT_KINDS);
        exchange.setFault(venue, fault);
        figures.venueFaults += 1;
        fired.push(`${venue} ${fault}`);
      }
      let proxyTimer: NodeJS.Timeout | undefined;
      if (rpcFlap) {
        figures.rpcFlaps += 1;
        fired.push('RPC flapping');
        proxyTimer = setInterval(() => proxy.setDown(random() < 0.5), between(200, 1_200));
      }
      const worker = runWorker(
        bundle,
        spec({
          ...(WORKER_HOOKS.includes(kill as WorkerHook) ? { killAt: kill as WorkerHook } : {}),
          ...(kill === 'freezeDynamoAndKill' ? { signalAt: 'afterBroadcast' as const } : {}),
        }),
        (_hook, child) => {
          // DynamoDB Local freezes as the transaction mines; the publisher dies while it is frozen.
          process.kill(javaPid, 'SIGSTOP');
          figures.dynamoFreezes += 1;
          fired.push('DynamoDB frozen as the tx mined');
          after(between(50, 1_500), () => {
            child.kill('SIGKILL');
            after(between(100, 1_000), () => process.kill(javaPid, 'SIGCONT'));
          });
        },
      );
      if (kill === 'timer') after(between(300, 6_000), () => worker.child.kill('SIGKILL'));
      if (dynamoFreeze) {
        const at = between(0, 4_000);
        after(at, () => {
          figures.dynamoFreezes += 1;
          fired.push('DynamoDB frozen');
          process.kill(javaPid, 'SIGSTOP');
          after(between(300, 2_500), () => process.kill(javaPid, 'SIGCONT'));
        });
      }
      if (chainFreeze === 'automine') {
        figures.chainFreezes.automine += 1;
        fired.push('chain frozen (automine off)');
        await provider.send('evm_setAutomine', [false]);
        after(between(1_000, 5_000), () =>
          provider
            .send('evm_setAutomine', [true])
            .then(() => provider.send('evm_mine', []))
            .catch(() => undefined),
        );
      } else if (chainFreeze === 'sigstop') {
        after(between(0, 3_000), () => {
          figures.chainFreezes.sigstop += 1;
          fired.push('chain frozen (anvil SIGSTOP)');
          process.kill(anvilPid, 'SIGSTOP');
          after(between(500, 3_000), () => process.kill(anvilPid, 'SIGCONT'));
        });
      }
      const t0 = Date.now();
      const faulty = await worker.done;
      const faultyMs = Date.now() - t0;
      // Every fault off before the next cycle.
      for (const t of timers) clearTimeout(t);
      if (proxyTimer !== undefined) clearInterval(proxyTimer);
      proxy.setDown(false);
      for (const pid of [javaPid, anvilPid]) process.kill(pid, 'SIGCONT');
      await provider.send('evm_setAutomine', [true]);
      await provider.send('evm_mine', []);
      for (const venue of VENUE_IDS) exchange.setFault(venue, null);
      const killed = faulty.signal === 'SIGKILL';
      if (killed) count(figures.kills, faulty.deadline ? 'deadline (hung)' : kill);
      if (faulty.deadline)
        console.log(`  the fault run hung until the deadline; its last output:\n${faulty.stderr}`);
      count(figures.faultyOutcomes, killed ? 'killed' : (faulty.result?.status ?? `exit ${faulty.code}`));
      // A killed publisher's lease blocks the next one for at most its lifetime.
      if (killed) await sleep(LEASE_TTL_MS + 200);

      // 5. The next cycle publishes.
      await nextHour();
      const t1 = Date.now();
      const clean = await runWorker(bundle, spec()).done;
      const cleanMs = Date.now() - t1;
      const problems: string[] = [];
      if (clean.code !== 0 || clean.result?.status !== 'mined')
        problems.push(
          `iteration ${iteration}: the clean cycle after the faults ended ${clean.signal ?? clean.code} ${JSON.stringify(clean.result)} ${clean.stderr}`,
        );
      else figures.cleanCyclesPublished += 1;
      const t2 = Date.now();
      problems.push(...(await check(iteration)));
      const checkMs = Date.now() - t2;
      figures.violations.push(...problems);
      figures.iterations = iteration;
      console.log(
        `iteration ${iteration}/${iterations}: fault run ${killed ? `killed (${faulty.deadline ? 'deadline' : kill})` : `${faulty.result?.status ?? `exit ${faulty.code}`} ${faulty.result?.round ?? ''}`}` +
          ` [${fired.join(', ')}]; clean cycle ${clean.result?.status ?? clean.code} round ${clean.result?.round ?? '-'}; ` +
          `${figures.roundsOnChain} rounds on chain; ${problems.length === 0 ? 'all checks pass' : `${problems.length} VIOLATION(S)`}` +
          ` (${faultyMs} + ${cleanMs} + ${checkMs} ms)`,
      );
      for (const p of problems) console.log(`  ${p}`);
    }
    chain.close();
  } finally {
    await stopAll();
  }
  // 6. Nothing left running after the stack is stopped.
  const leftover = [...workerPids, ...stackPids].filter(alive);
  if (leftover.length > 0)
    figures.violations.push(`processes still running after the soak: ${leftover.join(', ')}`);
  console.log(
    JSON.stringify(
      {
        ...figures,
        violations: figures.violations.length,
        seed,
        durationSeconds: Math.round((Date.now() - startedAt) / 1000),
      },
      null,
      2,
    ),
  );
  if (figures.violations.length > 0) process.exitCode = 1;
}

await main();
