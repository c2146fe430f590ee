/**
 * Accepted paths: 1-of-1 and 2-of-3 submissions, signer rotation, consumer reads (latest,
 * latestNoOlderThan, tryLatest), history rebuilt from logs, two-step ownership, events.
 */
import { Interface, type Wallet } from 'ethers';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { assetId } from '../../shared/chain/oracle/assetId.js';
import { decodeOracleError } from '../../shared/chain/oracle/decodeOracleError.js';
import { readHistoryFromLogs } from '../../shared/chain/oracle/readHistoryFromLogs.js';
import { readLatest } from '../../shared/chain/oracle/readLatest.js';
import { RISK_ORACLE_ABI } from '../../shared/chain/oracle/riskOracleAbi.js';
import { signBatch } from '../../shared/chain/oracle/signBatch.js';
import { submitBatch } from '../../shared/chain/oracle/submitBatch.js';
import type { ParameterUpdate } from '../../shared/chain/oracle/types.js';
import {
  TEST_GUARDRAILS,
  expectOracleError,
  oracleAs,
  signerWallet,
  startOracleFixture,
  type OracleFixture,
} from './oracleFixture.js';

const BTC: ParameterUpdate = { asset: 'BTC', volIndexBps: 5_500, ltvBps: 7_000, ltBps: 8_000, lbBps: 500 };
const ETH: ParameterUpdate = { asset: 'ETH', volIndexBps: 7_200, ltvBps: 6_500, ltBps: 7_800, lbBps: 700 };
const iface = new Interface(RISK_ORACLE_ABI);

describe('RiskOracle accepted paths, 1-of-1', () => {
  let f: OracleFixture;
  let snapshotId: string;
  beforeAll(async () => {
    f = await startOracleFixture();
  });
  afterAll(async () => {
    await f?.stop();
  });
  beforeEach(async () => {
    snapshotId = await f.snapshot();
  });
  afterEach(async () => {
    await f.revert(snapshotId);
  });

  it('stores a signed batch, emits ParametersUpdated, and serves it to consumers', async () => {
    const observedAt = await f.now();
    const receipt = await f.submit({ round: 1n, observedAt, updates: [ETH, BTC] });
    const log = receipt.logs.map((l) => iface.parseLog(l)).find((l) => l?.name === 'ParametersUpdated');
    expect(log?.args.getValue('round')).toBe(1n);
    expect(Number(log?.args.getValue('observedAt'))).toBe(observedAt);
    expect(await f.oracle.getFunction('lastRound')()).toBe(1n);

    expect(await readLatest(f.oracle, 'BTC')).toEqual({ ...BTC, observedAt });
    expect(await readLatest(f.oracle, 'ETH')).toEqual({ ...ETH, observedAt });
    expect(await readLatest(f.oracle, 'SOL')).toBeUndefined(); // configured, never updated
    expect(await readLatest(f.oracle, 'DOGE')).toBeUndefined(); // not configured

    const latest = await f.oracle.getFunction('latest')(assetId('BTC'));
    expect(Number(latest.ltvBps)).toBe(BTC.ltvBps);
    const fresh = await f.oracle.getFunction('latestNoOlderThan')(assetId('BTC'), 600);
    expect(Number(fresh.ltBps)).toBe(BTC.ltBps);
    await expectOracleError(f.oracle.getFunction('latest')(assetId('SOL')), 'NoParametersYet');
    await expectOracleError(f.oracle.getFunction('latest')(assetId('DOGE')), 'AssetNotConfigured');
    const [ok] = await f.oracle.getFunction('tryLatest')(assetId('DOGE'));
    expect(ok).toBe(false);
  });

  it('latestNoOlderThan reverts once the parameters are older than the bound', async () => {
    const observedAt = await f.now();
    await f.submit({ round: 1n, observedAt, updates: [BTC] });
    await f.advance(601);
    const args = await expectOracleError(
      f.oracle.getFunction('latestNoOlderThan')(assetId('BTC'), 600),
      'StaleParameters',
    );
    expect(args).toMatchObject({ asset: 'BTC', observedAt: String(observedAt), maxAge: '600' });
    const decoded = decodeOracleError(
      await f.oracle
        .getFunction('latestNoOlderThan')(assetId('BTC'), 600)
        .catch((e: unknown) => e),
    );
    expect(decoded?.message).toContain('BTC parameters observed at');
  });

  it('reconstructs every asset history from logs alone', async () => {
    const t0 = await f.now();
    await f.submit({ round: 1n, observedAt: t0, updates: [BTC, ETH] });
    await f.advance(120);
    const t1 = await f.now();
    await f.submit({ round: 2n, observedAt: t1, updates: [{ ...BTC, ltvBps: 7_020, volIndexBps: 6_000 }] });
    await f.advance(120);
    const t2 = await f.now();
    await f.submit({
      round: 7n,
      observedAt: t2,
      updates: [
        { ...ETH, ltvBps: 6_400 },
        { ...BTC, ltvBps: 7_040 },
      ],
    });

    const history = await readHistoryFromLogs({ provider: f.provider, address: f.address, blockChunk: 3 });
    const btc = history
      .get('BTC')
      ?.map(({ round, observedAt, ltvBps, volIndexBps }) => ({ round, observedAt, ltvBps, volIndexBps }));
    expect(btc).toEqual([
      { round: 1n, observedAt: t0, ltvBps: 7_000, volIndexBps: 5_500 },
      { round: 2n, observedAt: t1, ltvBps: 7_020, volIndexBps: 6_000 },
      { round: 7n, observedAt: t2, ltvBps: 7_040, volIndexBps: 5_500 },
    ]);
    expect(history.get('ETH')?.map((e) => [e.round, e.ltvBps])).toEqual([
      [1n, 6_500],
      [7n, 6_400],
    ]);
    // The last history entry equals the on-chain state.
    const last = history.get('ETH')?.at(-1);
    expect(await readLatest(f.oracle, 'ETH')).toMatchObject({
      ltvBps: last?.ltvBps,
      observedAt: last?.observedAt,
    });
  });

  it('accepts a relayed submission: anyone may send, only the signatures count', async () => {
    const batch = { round: 1n, observedAt: await f.now(), updates: [BTC] };
    const { signatures } = await signBatch({ signers: f.signers, domain: f.domain, batch });
    const tx = await submitBatch(oracleAs(f, f.stranger), batch, signatures);
    expect((await tx.wait())?.status).toBe(1);
    expect(tx.from).toBe(f.stranger.address);
  });

  it('rotates the signer: the new key is accepted, the old one refused', async () => {
    const next = signerWallet(42);
    const old = f.signers[0] as Wallet;
    await (await f.oracle.getFunction('addSigner')(next.address)).wait();
    await (await f.oracle.getFunction('removeSigner')(old.address)).wait();
    expect(await f.oracle.getFunction('signers')()).toEqual([next.address]);
    const batch = { round: 1n, observedAt: await f.now(), updates: [BTC] };
    const { signatures } = await signBatch({ signers: [old], domain: f.domain, batch });
    await expectOracleError(submitBatch(f.oracle, batch, signatures), 'UnauthorizedSigner');
    await f.submit(batch, [next]);
    expect((await readLatest(f.oracle, 'BTC'))?.ltvBps).toBe(BTC.ltvBps);
  });

  it('reconfigures guardrails without touching the latest parameters, with events', async () => {
    await f.submit({ round: 1n, observedAt: await f.now(), updates: [BTC] });
    const wider = { ...TEST_GUARDRAILS, maxLoosenBps: 100 };
    const receipt = await (await f.oracle.getFunction('configureAsset')(assetId('BTC'), wider)).wait();
    const event = receipt.logs
      .map((l: never) => iface.parseLog(l))
      .find((l: { name: string } | null) => l?.name === 'AssetConfigured');
    expect(event?.args.getValue('asset')).toBe(assetId('BTC'));
    const g = await f.oracle.getFunction('guardrails')(assetId('BTC'));
    expect(Number(g.maxLoosenBps)).toBe(100);
    expect(Number(g.maxLtvBps)).toBe(TEST_GUARDRAILS.maxLtvBps);
    expect(await readLatest(f.oracle, 'BTC')).toMatchObject({ ltvBps: BTC.ltvBps });
    await f.advance(120);
    await f.submit({ round: 2n, observedAt: await f.now(), updates: [{ ...BTC, ltvBps: 7_100 }] });
    expect((await readLatest(f.oracle, 'BTC'))?.ltvBps).toBe(7_100);
  });

  it('transfers ownership in two steps', async () => {
    const asNew = oracleAs(f, f.stranger);
    await (await f.oracle.getFunction('transferOwnership')(f.stranger.address)).wait();
    expect(await f.oracle.getFunction('owner')()).toBe(f.deployer.address);
    expect(await f.oracle.getFunction('pendingOwner')()).toBe(f.stranger.address);
    await (await asNew.getFunction('acceptOwnership')()).wait();
    expect(await f.oracle.getFunction('owner')()).toBe(f.stranger.address);
    await expectOracleError(f.oracle.getFunction('setThreshold')(1), 'OwnableUnauthorizedAccount');
  });
});

describe('RiskOracle accepted paths, 2-of-3', () => {
  let f: OracleFixture;
  beforeAll(async () => {
    f = await startOracleFixture({ signerCount: 3, threshold: 2 });
  });
  afterAll(async () => {
    await f?.stop();
  });

  it('accepts any two of the three signers, and all three', async () => {
    const [a, b, c] = f.signers as [Wallet, Wallet, Wallet];
    let round = 0n;
    const pairs: Wallet[][] = [
      [a, b],
      [b, c],
      [a, c],
      [a, b, c],
    ];
    for (const signers of pairs) {
      const ltvBps = 7_000 + Number(round) * 10;
      await f.submit({ round: ++round, observedAt: await f.now(), updates: [{ ...BTC, ltvBps }] }, signers);
      expect((await readLatest(f.oracle, 'BTC'))?.ltvBps).toBe(ltvBps);
      await f.advance(61);
    }
    expect(await f.oracle.getFunction('threshold')()).toBe(2n);
  });
});
