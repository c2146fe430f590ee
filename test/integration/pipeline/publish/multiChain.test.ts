import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAuditBundle } from '../../../../shared/audit/buildAuditBundle.js';
import { createChainReader } from '../../../../shared/audit/createChainReader.js';
import { verifyBundle } from '../../../../shared/audit/verifyBundle.js';
import { DEFAULT_FEE_POLICY } from '../../../../shared/chain/fees/FeePolicy.js';
import { readLatest } from '../../../../shared/chain/oracle/readLatest.js';
import { loadAssetsConfigFile } from '../../../../shared/cli/loadAssetsConfigFile.js';
import { RpcUnavailableError } from '../../../../shared/chain/rpc/errors.js';
import { bootstrapLocalStack } from '../../../../shared/localstack/bootstrapLocalStack.js';
import type { LocalPublisherContext } from '../../../../shared/localstack/createLocalPublisherContext.js';
import { createLocalPublisherLanes } from '../../../../shared/localstack/createLocalPublisherLanes.js';
import { toStackState, type StackState } from '../../../../shared/localstack/stackState.js';
import { startLocalStack, type LocalStack } from '../../../../shared/localstack/startLocalStack.js';
import { publishStage, type PublishStageResult } from '../../../../shared/pipeline/publish/publishStage.js';
import {
  publishToChains,
  type ChainPublishResult,
} from '../../../../shared/pipeline/publish/publishToChains.js';
import { runCycleOnChains } from '../../../../shared/pipeline/runCycleOnChains.js';
import type { RiskRecord } from '../../../../shared/risk/types.js';
import { ledgerSender } from '../../../../shared/store/ledgerSender.js';
import { getLedgerEntry } from '../../../fixtures/store/getLedgerEntry.js';
import { advanceAssetHead } from '../../../../shared/store/advanceAssetHead.js';
import type { AssetHead } from '../../../../shared/store/AssetHead.js';
import { getAssetHead } from '../../../../shared/store/getAssetHead.js';
import { getPublication } from '../../../../shared/store/getPublication.js';
import { getRiskRecord } from '../../../../shared/store/getRiskRecord.js';
import { oracleKey } from '../../../../shared/store/oracleKey.js';
import { putRiskRecord } from '../../../../shared/store/putRiskRecord.js';
import { roundOnChain } from '../../../../shared/store/roundOnChain.js';
import {
  advanceChainClock,
  chainRounds,
  guardrailsFor,
  putDueRecord,
  setGuardrails,
} from './publisherFixtures.js';
import type { AssetConfig } from '../../../../shared/config/assetsConfig.js';
import { riskConfigOf } from '../../../../shared/config/riskConfigOf.js';
import { registerContractCommand } from '../../../../shared/cli/commands/contract.js';
import { registerVerifyCommand } from '../../../../shared/cli/commands/verify.js';
import { registerHistoryCommand } from '../../../../shared/cli/commands/history.js';
import { readGuardrails } from '../../../../shared/chain/oracle/readGuardrails.js';
import { stepFromChain } from '../../../../shared/risk/control/stepFromChain.js';
import { chainMarkNames } from '../../../../shared/store/chainMarks.js';
import { runCliInProcess } from '../../support/runCliInProcess.js';

class SimulatedCrash extends Error {
  override name = 'SimulatedCrash';
}

const ASSETS = ['BTC', 'ETH'] as const;

/** The four parameters a record puts on-chain. */
const published = ({ candidate }: RiskRecord) => ({
  volIndexBps: candidate.volIndexBps,
  ltvBps: candidate.ltvBps,
  ltBps: candidate.ltBps,
  lbBps: candidate.lbBps,
});

/**
 * Two anvils with different chain ids behind one store, one KMS key and one exchange simulator
 * (`ballast stack up --chains 2`): the same records go to both chains, each through its own lane
 * (docs/multi-chain.md).
 */
describe('publishing one computation to two chains', () => {
  const config = loadAssetsConfigFile();
  let stack: LocalStack;
  let state: StackState;
  let lanes: [LocalPublisherContext, ...LocalPublisherContext[]];
  let a: LocalPublisherContext;
  let b: LocalPublisherContext;
  const templates: Record<string, RiskRecord> = {};
  /** Chain clock, seconds: every cycle's blocks and observations move it on, never the wall clock. */
  let clock = 0;

  const mined = (r: ChainPublishResult): PublishStageResult & { status: 'mined' } => {
    expect(r.ok).toBe(true);
    const result = (r as { result: PublishStageResult }).result;
    expect(result.status).toBe('mined');
    return result as PublishStageResult & { status: 'mined' };
  };

  /** Moves the running chains' next block 5 s past the latest of them; returns the observation time, ms. */
  async function nextCycle(running: readonly LocalPublisherContext[]): Promise<number> {
    const latest = await Promise.all(
      running.map(async (lane) => (await lane.rpc.call((p) => p.getBlock('latest')))?.timestamp ?? 0),
    );
    clock = Math.max(clock, ...latest) + 5;
    await Promise.all(
      running.map((lane) => lane.rpc.call((p) => p.send('evm_setNextBlockTimestamp', [clock]))),
    );
    return (clock - 1) * 1000;
  }

  /** Synthetic due records for every asset: the real record with LTV and LT `shiftBps` lower. */
  async function dueRecords(ts: number, shiftBps: number) {
    return {
      records: await Promise.all(
        ASSETS.map((asset) => {
          const t = templates[asset] as RiskRecord;
          const candidate = {
            ...t.candidate,
            ltvBps: t.candidate.ltvBps - shiftBps,
            ltBps: t.candidate.ltBps - shiftBps,
          };
          return putDueRecord(a, t, asset, ts, candidate);
        }),
      ),
    };
  }

  async function verifyRound(lane: LocalPublisherContext, round: string) {
    const bundle = await buildAuditBundle(lane.dynamo, lane.tables, {
      oracle: { chainId: Number(lane.rpc.chainId), address: lane.oracleAddress },
      round,
      configs: [config],
      now: 0,
    });
    const rpcUrl = state.chains?.find((c) => c.chainId === Number(lane.rpc.chainId))?.rpcUrl as string;
    const chain = createChainReader(rpcUrl);
    try {
      return await verifyBundle(bundle, { chain, store: { dynamo: lane.dynamo, tables: lane.tables } });
    } finally {
      chain.close();
    }
  }

  beforeAll(async () => {
    stack = await startLocalStack({ assets: config, chains: 2 });
    const boot = await bootstrapLocalStack({
      stack,
      assets: config,
      tablePrefix: `t${randomUUID().slice(0, 8)}`,
    });
    state = toStackState(process.pid, stack, boot);
    lanes = createLocalPublisherLanes(state, config);
    [a, b] = lanes as [LocalPublisherContext, LocalPublisherContext];
  });
  afterAll(async () => {
    for (const lane of lanes ?? []) lane.close();
    await stack?.stop();
  });

  it('starts two chains with different ids, each with its own oracle', () => {
    expect(state.chains?.map((c) => c.chainId)).toEqual([31337, 31338]);
    expect(state.chains?.map((c) => c.name)).toEqual(['local-31337', 'local-31338']);
    expect(a.lane?.name).toBe('local-31337');
    expect(Number(b.rpc.chainId)).toBe(31338);
  });

  it('publishes the same records to both chains, each with its own round, signature and marks', async () => {
    const signsBefore = stack.kms.requestCounts().Sign ?? 0;
    const cycle = await runCycleOnChains(lanes, ASSETS);
    for (const { compute } of cycle.assets) templates[compute.asset] = compute.record;
    const [onA, onB] = cycle.chains.map(mined);
    expect(onA?.round).toBe('1');
    expect(onB?.round).toBe('1');
    // One batch signature and one transaction signature per chain.
    expect((stack.kms.requestCounts().Sign ?? 0) - signsBefore).toBe(4);
    for (const { compute } of cycle.assets) {
      for (const lane of lanes) {
        const onChain = await lane.rpc.call((p) =>
          readLatest({ address: lane.oracleAddress, runner: p }, compute.asset),
        );
        expect(onChain).toMatchObject(published(compute.record));
      }
      const stored = await getRiskRecord(a.dynamo, a.tables, compute);
      expect(Object.keys(stored.chains ?? {}).sort()).toEqual(['31337', '31338']);
      expect(roundOnChain(stored, 31337)).toBe('1');
      expect(roundOnChain(stored, 31338)).toBe('1');
    }
    // The EIP-712 domain names the chain: the two signatures differ for the same batch.
    expect(onA?.txHash).not.toBe(onB?.txHash);
    for (const lane of lanes) expect((await verifyRound(lane, '1')).ok).toBe(true);
  });

  it('with one chain down the other publishes every cycle; back up, it catches up in one round with current values', async () => {
    const due2 = await dueRecords(await nextCycle(lanes), 10);
    expect((await publishToChains(lanes, due2)).map((r) => mined(r).round)).toEqual(['2', '2']);

    const chainB = stack.chains[1];
    await chainB?.stop();
    try {
      for (const [shift, round] of [
        [20, '3'],
        [30, '4'],
      ] as const) {
        const due = await dueRecords(await nextCycle([a]), shift);
        const [onA, onB] = await publishToChains(lanes, due);
        expect(mined(onA as ChainPublishResult).round).toBe(round);
        expect(onB).toMatchObject({ chain: 'local-31338', chainId: 31338, ok: false });
        expect((onB as { error: unknown }).error).toBeInstanceOf(RpcUnavailableError);
      }
    } finally {
      await chainB?.start();
    }
    expect((await chainRounds(b)).lastRound).toBe(2n);

    // Back up: a real cycle, observed on the chain clock. B holds round 2's values; it gets this
    // cycle's record, not those of rounds 3 and 4.
    const observed = await nextCycle(lanes);
    const onChainClock = lanes.map((lane) => ({ ...lane, now: () => observed })) as unknown as typeof lanes;
    const cycle = await runCycleOnChains(onChainClock, ASSETS);
    const [resultA, resultB] = cycle.chains;
    const catchUp = mined(resultB as ChainPublishResult);
    expect(catchUp.round).toBe('3');
    expect(catchUp.assets.map((x) => x.recordTs)).toEqual(cycle.assets.map((x) => x.compute.ts));
    expect(await chainRounds(b)).toEqual({ lastRound: 3n, events: 3, rounds: [1n, 2n, 3n] });
    for (const { compute } of cycle.assets) {
      const onB = await b.rpc.call((p) => readLatest({ address: b.oracleAddress, runner: p }, compute.asset));
      expect(onB).toMatchObject(published(compute.record));
    }
    expect((await verifyRound(b, '3')).ok).toBe(true);
    // The engine found the record due (it steps from round 4's values): A publishes it as well.
    expect(mined(resultA as ChainPublishResult).round).toBe('5');
    expect((await verifyRound(a, '5')).ok).toBe(true);

    // The CLI reads one chain at a time: verify and contract status on chain B.
    const chainBState = state.chains?.[1];
    const store = ['--endpoint', state.dynamodb.endpoint, '--table-prefix', state.dynamodb.tablePrefix];
    const verify = await runCliInProcess(
      [registerVerifyCommand],
      [
        'verify',
        '--round',
        '3',
        ...store,
        '--rpc',
        chainBState!.rpcUrl,
        '--oracle',
        b.oracleAddress,
        '--chain-id',
        '31338',
      ],
    );
    expect(verify.code).toBe(0);
    expect(verify.stdout).toContain('round 3 · oracle');
    expect(verify.stdout).toContain('(chain 31338)');
    expect(verify.stdout).not.toContain('FAIL');
    const status = await runCliInProcess(
      [registerContractCommand],
      ['contract', 'status', '--rpc', chainBState!.rpcUrl, '--address', b.oracleAddress, '--chain', '31338'],
    );
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('last round 3');
    const wrong = await runCliInProcess(
      [registerContractCommand],
      ['contract', 'status', '--rpc', chainBState!.rpcUrl, '--address', b.oracleAddress, '--chain', '31337'],
    );
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain(`--chain: 31337 expected, but ${chainBState!.rpcUrl} serves chain 31338`);
  });

  it('a crash after broadcast on A and a replacement on B in the same cycle end in exactly one round per chain', async () => {
    const before = await Promise.all(lanes.map((lane) => chainRounds(lane)));
    await Promise.all(lanes.map((lane) => advanceChainClock(lane)));
    await b.rpc.call((p) => p.send('evm_setAutomine', [false]));
    try {
      const due = await dueRecords(await nextCycle(lanes), 40);
      const crashingA = {
        ...a,
        hooks: {
          afterBroadcast: () => {
            throw new SimulatedCrash('the A publisher died right after eth_sendRawTransaction');
          },
        },
      };
      const replacingB = {
        ...b,
        timing: { ...b.timing, pollMs: 20, replaceAfterMs: 200, maxReplacements: 3 },
        feePolicy: { ...DEFAULT_FEE_POLICY, minPriorityFeePerGas: 1_000n, baseFeeMultiplier: 1 },
        // B's block comes only after its first replacement.
        hooks: {
          afterReplacement: async (_hash: string, n: number) =>
            void (n === 1 ? await b.rpc.call((p) => p.send('evm_mine', [])) : undefined),
        },
      };
      const [onA, onB] = await publishToChains([crashingA, replacingB], due);
      expect(onA).toMatchObject({ ok: false });
      expect((onA as { error: unknown }).error).toBeInstanceOf(SimulatedCrash);
      const resultB = mined(onB as ChainPublishResult);

      // B: two signed attempts of one nonce, exactly one mined.
      const signer = await b.signer.getAddress();
      const entry = await getLedgerEntry(
        b.dynamo,
        b.tables,
        ledgerSender(31338, signer),
        // One nonce per round on B: nothing was dropped there.
        Number(resultB.round) - 1,
      );
      expect(entry?.attempts.length).toBe(2);
      expect(entry).toMatchObject({ status: 'mined', txHash: entry?.attempts[1]?.txHash });

      // A: the retried step finds its ledger entry and finishes the broadcast round, signing nothing.
      const signsBefore = stack.kms.requestCounts().Sign ?? 0;
      const retry = await publishStage({ ...a, invocationId: 'retry-a' }, due);
      expect(retry).toMatchObject({ status: 'nothing-due', recovered: [{ status: 'mined' }] });
      expect((stack.kms.requestCounts().Sign ?? 0) - signsBefore).toBe(0);
    } finally {
      await b.rpc.call((p) => p.send('evm_setAutomine', [true]));
    }
    const after = await Promise.all(lanes.map((lane) => chainRounds(lane)));
    for (const [i, lane] of lanes.entries()) {
      expect(after[i]?.lastRound).toBe((before[i]?.lastRound ?? 0n) + 1n);
      expect(after[i]?.events).toBe((before[i]?.events ?? 0) + 1);
      for (const asset of ASSETS) {
        const head = await lane.rpc.call((p) =>
          readLatest({ address: lane.oracleAddress, runner: p }, asset),
        );
        expect(head?.ltBps).toBe((templates[asset] as RiskRecord).candidate.ltBps - 40);
      }
    }
  });

  it('a lagging chain catches up even when the engine finds nothing due; the chain in step publishes nothing', async () => {
    const chainB = stack.chains[1];
    await chainB?.stop();
    try {
      const [onA, onB] = await publishToChains(lanes, await dueRecords(await nextCycle([a]), 50));
      expect(mined(onA as ChainPublishResult).round).toBeDefined();
      expect(onB?.ok).toBe(false);
    } finally {
      await chainB?.start();
    }
    // The next record is not due (the engine sees nothing new): stored and the head moved on, as
    // compute does for such a record.
    const ts = await nextCycle(lanes);
    const quiet = await Promise.all(
      ASSETS.map(async (asset) => {
        const t = templates[asset] as RiskRecord;
        const candidate = { ...t.candidate, ltvBps: t.candidate.ltvBps - 50, ltBps: t.candidate.ltBps - 50 };
        const record: RiskRecord = {
          ...t,
          asset,
          candidate,
          published: candidate,
          publish: { ...t.publish, due: false },
          nextState: { ...t.nextState, asset, ...candidate },
        };
        await putRiskRecord(a.dynamo, a.tables, { asset, ts }, record);
        const head = await getAssetHead(a.dynamo, a.tables, asset);
        await advanceAssetHead(a.dynamo, a.tables, {
          ...(head as AssetHead),
          state: record.nextState,
          recordTs: ts,
          lastCycleTs: ts,
        });
        return { asset, ts, publishDue: false };
      }),
    );
    const roundsBefore = await Promise.all(lanes.map((lane) => chainRounds(lane)));
    const [onA, onB] = await publishToChains(lanes, { records: quiet });
    expect(onA).toMatchObject({ ok: true, result: { status: 'nothing-due' } });
    const catchUp = mined(onB as ChainPublishResult);
    expect(catchUp.assets.map((x) => [x.asset, x.recordTs, x.ltBps])).toEqual(
      ASSETS.map((asset) => [asset, ts, (templates[asset] as RiskRecord).candidate.ltBps - 50]),
    );
    const roundsAfter = await Promise.all(lanes.map((lane) => chainRounds(lane)));
    expect(roundsAfter[0]?.lastRound).toBe(roundsBefore[0]?.lastRound);
    expect(roundsAfter[1]?.lastRound).toBe((roundsBefore[1]?.lastRound ?? 0n) + 1n);
    // In step again: the same quiet records are nothing to either chain now.
    const again = await publishToChains(lanes, { records: quiet });
    expect(again.map((r) => (r as { result: PublishStageResult }).result.status)).toEqual([
      'nothing-due',
      'nothing-due',
    ]);
  });

  it('a chain stopped for several cycles while the market moved more than one step catches up over several rounds within its own step limits; verify passes on both', async () => {
    const values = async (lane: LocalPublisherContext, asset: string) => {
      const held = await lane.rpc.call((p) => readLatest({ address: lane.oracleAddress, runner: p }, asset));
      return { ltvBps: held?.ltvBps, ltBps: held?.ltBps, lbBps: held?.lbBps };
    };
    // B's contract allows steps of 200 bp (A's: 500): governance may set each chain's limits.
    const rpcB = state.chains?.[1]?.rpcUrl as string;
    for (const asset of ASSETS)
      await setGuardrails(rpcB, b.oracleAddress, asset, {
        ...guardrailsFor(riskConfigOf(config, asset) as AssetConfig, 1),
        maxLoosenBps: 200,
        maxTightenBps: 200,
      });
    const heldBefore = Object.fromEntries(
      await Promise.all(ASSETS.map(async (x) => [x, await values(b, x)])),
    );
    const chainB = stack.chains[1];
    await chainB?.stop();
    try {
      // The market moves 800 bp in four cycles: A follows 200 bp per cycle (its step limit is 500).
      for (const shift of [250, 450, 650, 850]) {
        const [onA, onB] = await publishToChains(lanes, await dueRecords(await nextCycle([a]), shift));
        mined(onA as ChainPublishResult);
        expect(onB?.ok).toBe(false);
      }
    } finally {
      await chainB?.start();
    }
    const limits = await b.rpc.call((p) => readGuardrails({ address: b.oracleAddress, runner: p }, 'BTC'));
    for (const asset of ASSETS) {
      const onA = await values(a, asset);
      // More than one step apart: the current values sent as they are would be refused (StepTooLarge).
      expect((heldBefore[asset]?.ltBps ?? 0) - (onA.ltBps ?? 0)).toBeGreaterThan(limits.maxTightenBps);
    }

    // Back up: real cycles on the chain clock. Each cycle B steps from what B holds, within its own
    // guardrails, until it holds what A holds; nothing is refused.
    const bRounds: string[] = [];
    const aRounds: string[] = [];
    let stepped = 0;
    for (let cycle = 0; cycle < 10; cycle += 1) {
      const observed = await nextCycle(lanes);
      const onChainClock = lanes.map((lane) => ({ ...lane, now: () => observed })) as unknown as typeof lanes;
      const heldByB = Object.fromEntries(await Promise.all(ASSETS.map(async (x) => [x, await values(b, x)])));
      const result = await runCycleOnChains(onChainClock, ASSETS);
      const [resultA, resultB] = result.chains as [ChainPublishResult, ChainPublishResult];
      expect(resultA.ok && resultB.ok).toBe(true);
      const statusA = (resultA as { result: PublishStageResult }).result;
      const statusB = (resultB as { result: PublishStageResult }).result;
      if (statusA.status === 'mined') aRounds.push(statusA.round);
      if (statusB.status === 'nothing-due') break;
      const round = mined(resultB);
      bRounds.push(round.round);
      // The impact recorded with B's round is of what B gets, from what B held (not A's values).
      const { impact } = await getPublication(
        b.dynamo,
        b.tables,
        oracleKey(31338, b.oracleAddress),
        round.round,
      );
      expect(impact?.status).toBe('computed');
      for (const sent of round.assets) {
        const change = impact?.changes.find((c) => c.asset === sent.asset);
        expect(change?.toBps).toBe(sent.ltBps);
        expect(change?.fromBps).toBe(heldByB[sent.asset]?.ltBps);
      }
      for (const sent of round.assets) {
        const record = result.assets.find((x) => x.compute.asset === sent.asset)?.compute
          .record as RiskRecord;
        const from = heldByB[sent.asset] as { ltvBps: number; ltBps: number; lbBps: number };
        // What B got: the engine's values stepped from B's own, within B's limits.
        const expected = stepFromChain({
          from,
          target: record.published,
          limits: {
            maxLoosenBps: limits.maxLoosenBps,
            maxTightenBps: limits.maxTightenBps,
            ltv: [limits.minLtvBps, limits.maxLtvBps],
            lt: [limits.minLtBps, limits.maxLtBps],
            lb: [limits.minLbBps, limits.maxLbBps],
          },
        });
        expect({ ltvBps: sent.ltvBps, ltBps: sent.ltBps, lbBps: sent.lbBps }).toEqual(expected);
        if (sent.catchUp !== undefined) {
          stepped += 1;
          expect(sent.catchUp.from).toEqual(from);
        }
        const { Item } = await b.dynamo.doc.send(
          new GetCommand({ TableName: b.tables.parameters, Key: { asset: sent.asset, ts: sent.recordTs } }),
        );
        expect(Item?.[chainMarkNames(31338).publishError]).toBeUndefined();
        expect(String(Item?.[chainMarkNames(31338).round])).toBe(round.round);
      }
    }
    // It took more than one round, at least one of them a step short of the engine's values, and B
    // now holds exactly what A holds.
    expect(bRounds.length).toBeGreaterThanOrEqual(2);
    expect(stepped).toBeGreaterThanOrEqual(ASSETS.length);
    for (const asset of ASSETS) expect(await values(b, asset)).toEqual(await values(a, asset));
    for (const round of bRounds) {
      const result = await verifyRound(b, round);
      expect(result.ok, JSON.stringify(result.checks)).toBe(true);
    }
    for (const round of aRounds) expect((await verifyRound(a, round)).ok).toBe(true);

    // The CLI on the stack (`--local`): reading every chain by default, narrowing with --chain-id.
    const cwd = mkdtempSync(join(tmpdir(), 'ballast-multichain-'));
    const previous = process.cwd();
    mkdirSync(join(cwd, '.ballast'));
    writeFileSync(join(cwd, '.ballast', 'stack.json'), JSON.stringify(state));
    process.chdir(cwd);
    try {
      // Without --chain-id, round N is proven on every chain that has one, each against its own
      // RPC and EIP-712 domain, and reported per chain. On A, round N is one of this file's
      // synthetic records (a real record with another candidate, no snapshot), which cannot be
      // recomputed, and only A's result says so.
      const round = bRounds[0] as string;
      const both = await runCliInProcess(
        [registerVerifyCommand],
        ['verify', '--round', round, '--local', '--format', 'json'],
      );
      type Result = {
        ok: boolean;
        oracle: { chainId: number };
        checks: { id: string; status: string; details: string[] }[];
      };
      const results = JSON.parse(both.stdout) as Result[];
      expect(results.map((r) => r.oracle.chainId)).toEqual([31337, 31338]);
      const [onA, onB] = results as [Result, Result];
      expect(onB.ok).toBe(true);
      expect(onB.checks.find((c) => c.id === 'onchain')?.details.join(' ')).toContain('catch-up');
      // No snapshot was stored for it: inputs and recomputation fail, nothing else.
      expect(onA.ok).toBe(false);
      expect(onA.checks.filter((c) => c.status === 'FAIL').map((c) => c.id)).toEqual(['inputs', 'recompute']);
      expect(both.code).toBe(1);
      expect(both.stderr).toContain(`1 of 2 round(s) FAILED verification`);
      expect(both.stderr).toContain('(chain 31337)');
      expect(both.stderr).not.toContain('(chain 31338)');
      // Narrowed to one chain: B's catch-up round, and A's last real round, each pass.
      for (const [chainId, r] of [
        ['local-31338', round],
        ['31337', aRounds.at(-1) as string],
      ] as const) {
        const one = await runCliInProcess(
          [registerVerifyCommand],
          ['verify', '--round', r, '--local', '--chain-id', chainId],
        );
        expect(one.code, one.stderr).toBe(0);
        expect(one.stdout).not.toContain('FAIL');
      }
      const history = await runCliInProcess(
        [registerHistoryCommand],
        ['history', 'BTC', '--local', '--format', 'json'],
      );
      expect(history.code, history.stderr).toBe(0);
      const rows = JSON.parse(history.stdout) as { chains: { chainId: number; status: string }[] }[];
      expect(rows.every((r) => r.chains.map((c) => c.chainId).join() === '31337,31338')).toBe(true);
      // The outage's records: on A, not on B.
      expect(rows.some((r) => r.chains[0]?.status === 'published' && r.chains[1]?.status === 'pending')).toBe(
        true,
      );
      const unknown = await runCliInProcess(
        [registerHistoryCommand],
        ['history', 'BTC', '--local', '--chain-id', '5'],
      );
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('--chain-id: "5" is not a chain of the local stack');
    } finally {
      process.chdir(previous);
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
