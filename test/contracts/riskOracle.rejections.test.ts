/**
 * Every way RiskOracle.submit (and governance) must refuse, each checked by its custom error and
 * arguments. Reverts are observed at gas estimation, so nothing is mined for a rejection.
 */
import type { Wallet } from 'ethers';
import { Signature, concat, toBeHex } from 'ethers';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { assetId } from '../../shared/chain/oracle/assetId.js';
import { encodeUpdate } from '../../shared/chain/oracle/encodeUpdate.js';
import { signBatch } from '../../shared/chain/oracle/signBatch.js';
import { submitBatch } from '../../shared/chain/oracle/submitBatch.js';
import type { OracleBatch, ParameterUpdate } from '../../shared/chain/oracle/types.js';
import {
  MAX_FUTURE_SKEW,
  MAX_OBSERVATION_AGE,
  TEST_GUARDRAILS,
  expectOracleError,
  oracleAs,
  signerWallet,
  startOracleFixture,
  type OracleFixture,
} from './oracleFixture.js';

const BTC: ParameterUpdate = { asset: 'BTC', volIndexBps: 5_500, ltvBps: 7_000, ltBps: 8_000, lbBps: 500 };

describe('RiskOracle rejections (2-of-3 signer set)', () => {
  let f: OracleFixture;
  let snapshotId: string;
  let round = 0n;
  const batchAt = async (updates: ParameterUpdate[] = [BTC], r = ++round): Promise<OracleBatch> => ({
    round: r,
    observedAt: await f.now(),
    updates,
  });
  const send = async (batch: OracleBatch, signers: Wallet[] = f.signers.slice(0, 2)) => {
    const { signatures } = await signBatch({ signers, domain: f.domain, batch });
    return submitBatch(f.oracle, batch, signatures);
  };

  beforeAll(async () => {
    f = await startOracleFixture({ signerCount: 3, threshold: 2 });
  });
  afterAll(async () => {
    await f?.stop();
  });
  beforeEach(async () => {
    snapshotId = await f.snapshot();
    round = 0n;
  });
  afterEach(async () => {
    await f.revert(snapshotId);
  });

  it('rejects a signature by a key that is not a signer', async () => {
    const outsider = signerWallet(99);
    const args = await expectOracleError(
      send(await batchAt(), [f.signers[0] as Wallet, outsider]),
      'UnauthorizedSigner',
    );
    expect(args.signer).toBe(outsider.address);
  });

  it('rejects fewer signatures than the threshold', async () => {
    const args = await expectOracleError(send(await batchAt(), [f.signers[0] as Wallet]), 'BelowThreshold');
    expect(args).toMatchObject({ signatures: '1', threshold: '2' });
  });

  it('rejects the same signer twice (duplicate counted once)', async () => {
    const batch = await batchAt();
    const { bySigner } = await signBatch({ signers: [f.signers[0] as Wallet], domain: f.domain, batch });
    const sig = bySigner[0]?.signature as string;
    const args = await expectOracleError(
      submitBatch(f.oracle, batch, concat([sig, sig])),
      'SignersNotAscending',
    );
    expect(args.signer).toBe(f.signers[0]?.address);
  });

  it('rejects signatures in descending signer order', async () => {
    const batch = await batchAt();
    const { bySigner } = await signBatch({ signers: f.signers.slice(0, 2), domain: f.domain, batch });
    const sorted = [...bySigner].sort((a, b) => (BigInt(a.signer) > BigInt(b.signer) ? -1 : 1));
    await expectOracleError(
      submitBatch(f.oracle, batch, concat(sorted.map((s) => s.signature))),
      'SignersNotAscending',
    );
  });

  it('rejects a batch signed for another chain', async () => {
    const batch = await batchAt();
    const { signatures } = await signBatch({
      signers: f.signers.slice(0, 2),
      domain: { ...f.domain, chainId: 1 },
      batch,
    });
    await expectOracleError(submitBatch(f.oracle, batch, signatures), 'UnauthorizedSigner');
  });

  it('rejects a batch signed for another contract', async () => {
    const batch = await batchAt();
    const other = { ...f.domain, verifyingContract: '0x000000000000000000000000000000000000dEaD' };
    const { signatures } = await signBatch({ signers: f.signers.slice(0, 2), domain: other, batch });
    await expectOracleError(submitBatch(f.oracle, batch, signatures), 'UnauthorizedSigner');
  });

  it('rejects a high-s signature (the malleable twin of a valid one)', async () => {
    const batch = await batchAt();
    const { bySigner } = await signBatch({ signers: f.signers.slice(0, 2), domain: f.domain, batch });
    const sorted = [...bySigner].sort((a, b) => (BigInt(a.signer) < BigInt(b.signer) ? -1 : 1));
    const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
    const first = Signature.from(sorted[0]?.signature);
    const highS = concat([first.r, toBeHex(n - BigInt(first.s), 32), first.v === 27 ? '0x1c' : '0x1b']);
    const args = await expectOracleError(
      submitBatch(f.oracle, batch, concat([highS, sorted[1]?.signature as string])),
      'SignatureHighS',
    );
    expect(args.index).toBe('0');
  });

  it('rejects signature bytes that are not a whole number of 65-byte signatures', async () => {
    const batch = await batchAt();
    const { signatures } = await signBatch({ signers: f.signers.slice(0, 2), domain: f.domain, batch });
    const args = await expectOracleError(
      submitBatch(f.oracle, batch, `${signatures}00`),
      'SignatureLengthMismatch',
    );
    expect(args).toMatchObject({ length: '131', signatureSize: '65' });
  });

  it('rejects a replayed round and a lower round', async () => {
    const batch = await batchAt([BTC], 5n);
    await f.submit(batch, f.signers.slice(0, 2));
    let args = await expectOracleError(send(batch), 'RoundNotIncreasing');
    expect(args).toMatchObject({ round: '5', lastRound: '5' });
    await f.advance(120);
    args = await expectOracleError(
      send(await batchAt([{ ...BTC, ltvBps: 7_010 }], 4n)),
      'RoundNotIncreasing',
    );
    expect(args).toMatchObject({ round: '4', lastRound: '5' });
  });

  it('rejects an observation older than maxObservationAge', async () => {
    const batch = { ...(await batchAt()), observedAt: (await f.now()) - MAX_OBSERVATION_AGE - 30 };
    const args = await expectOracleError(send(batch), 'ObservationTooOld');
    expect(args.maxObservationAge).toBe(String(MAX_OBSERVATION_AGE));
  });

  it('rejects an observation in the future beyond maxFutureSkew', async () => {
    const batch = { ...(await batchAt()), observedAt: (await f.now()) + MAX_FUTURE_SKEW + 120 };
    const args = await expectOracleError(send(batch), 'ObservationInFuture');
    expect(args.maxFutureSkew).toBe(String(MAX_FUTURE_SKEW));
  });

  it('rejects each parameter outside its bounds', async () => {
    const cases: [Partial<ParameterUpdate>, string, number, number][] = [
      [
        { volIndexBps: 60_001 },
        'volIndexBps',
        TEST_GUARDRAILS.minVolIndexBps,
        TEST_GUARDRAILS.maxVolIndexBps,
      ],
      [{ ltvBps: 8_600, ltBps: 8_900 }, 'ltvBps', TEST_GUARDRAILS.minLtvBps, TEST_GUARDRAILS.maxLtvBps],
      [{ ltBps: 4_999, ltvBps: 4_000 }, 'ltBps', TEST_GUARDRAILS.minLtBps, TEST_GUARDRAILS.maxLtBps],
      [{ lbBps: 199 }, 'lbBps', TEST_GUARDRAILS.minLbBps, TEST_GUARDRAILS.maxLbBps],
      [{ lbBps: 1_501 }, 'lbBps', TEST_GUARDRAILS.minLbBps, TEST_GUARDRAILS.maxLbBps],
    ];
    for (const [change, param, min, max] of cases) {
      const args = await expectOracleError(
        send(await batchAt([{ ...BTC, ...change }])),
        'ParameterOutOfBounds',
      );
      expect(args).toMatchObject({ asset: 'BTC', param, min: String(min), max: String(max) });
    }
  });

  it('rejects LTV above LT, and LT·(1 + LB) above 1', async () => {
    let args = await expectOracleError(send(await batchAt([{ ...BTC, ltvBps: 8_100 }])), 'LtvAboveLt');
    expect(args).toMatchObject({ ltvBps: '8100', ltBps: '8000' });
    // 9000 · (10000 + 1200) = 100.8e6 > 100e6.
    args = await expectOracleError(
      send(await batchAt([{ ...BTC, ltBps: 9_000, lbBps: 1_200 }])),
      'BonusTooHighForLt',
    );
    expect(args).toMatchObject({ ltBps: '9000', lbBps: '1200' });
  });

  it('rejects a step larger than the loosening or tightening limit', async () => {
    await f.submit(await batchAt(), f.signers.slice(0, 2));
    await f.advance(120);
    let args = await expectOracleError(send(await batchAt([{ ...BTC, ltvBps: 7_026 }])), 'StepTooLarge');
    expect(args).toMatchObject({
      asset: 'BTC',
      param: 'ltvBps',
      previous: '7000',
      value: '7026',
      maxStep: '25',
    });
    args = await expectOracleError(
      send(await batchAt([{ ...BTC, ltBps: 7_499, ltvBps: 7_000 }])),
      'StepTooLarge',
    );
    expect(args).toMatchObject({ param: 'ltBps', previous: '8000', value: '7499', maxStep: '500' });
    // The bonus loosens downwards: 500 → 474 is a 26 bp loosening.
    args = await expectOracleError(send(await batchAt([{ ...BTC, lbBps: 474 }])), 'StepTooLarge');
    expect(args).toMatchObject({ param: 'lbBps', maxStep: '25' });
    // Exactly at the limits is accepted.
    await f.submit(
      await batchAt([{ ...BTC, ltvBps: 7_025, ltBps: 7_500, lbBps: 1_000 }]),
      f.signers.slice(0, 2),
    );
  });

  it('rejects an update sooner than minIntervalSec of block time after the previous one', async () => {
    const receipt = await f.submit(await batchAt(), f.signers.slice(0, 2));
    const acceptedAt = (await f.provider.getBlock(receipt.blockNumber))?.timestamp;
    await f.advance(30);
    const args = await expectOracleError(send(await batchAt([{ ...BTC, ltvBps: 7_010 }])), 'UpdateTooSoon');
    expect(args).toMatchObject({
      asset: 'BTC',
      previousUpdatedAt: String(acceptedAt),
      minIntervalSec: '60',
    });
  });

  it('rejects an asset governance never configured', async () => {
    const args = await expectOracleError(
      send(await batchAt([{ ...BTC, asset: 'DOGE' }])),
      'AssetNotConfigured',
    );
    expect(args.asset).toBe('DOGE');
  });

  it('rejects a batch that lists an asset twice or out of order, and non-zero reserved bits', async () => {
    const now = await f.now();
    const btc = encodeUpdate(BTC);
    const eth = encodeUpdate({ ...BTC, asset: 'ETH' });
    const signers = f.signers.slice(0, 2);
    const submitRaw = async (words: string[]) =>
      f.oracle.getFunction('submit')(1n, now, words, await f.signRaw(1n, now, words, signers));
    let args = await expectOracleError(submitRaw([btc, btc]), 'AssetsNotAscending');
    expect(args).toMatchObject({ index: '1', asset: 'BTC', previousAsset: 'BTC' });
    args = await expectOracleError(submitRaw([eth, btc]), 'AssetsNotAscending');
    expect(args).toMatchObject({ index: '1', asset: 'BTC', previousAsset: 'ETH' });
    const reserved = toBeHex(BigInt(btc) | (1n << 60n), 32);
    args = await expectOracleError(submitRaw([reserved]), 'MalformedUpdate');
    expect(args.index).toBe('0');
    await expectOracleError(submitRaw([]), 'EmptyBatch');
  });

  it('rejects submissions while paused; only the guardian or owner pauses, only the owner resumes', async () => {
    await expectOracleError(oracleAs(f, f.stranger).getFunction('pause')(), 'NotGuardianOrOwner');
    await (await oracleAs(f, f.guardian).getFunction('pause')()).wait();
    await expectOracleError(send(await batchAt()), 'SubmissionsPaused');
    await expectOracleError(oracleAs(f, f.guardian).getFunction('unpause')(), 'OwnableUnauthorizedAccount');
    await (await f.oracle.getFunction('unpause')()).wait();
    await f.submit(await batchAt(), f.signers.slice(0, 2));
  });

  it('rejects mismatched array lengths in configureAssets', async () => {
    const args = await expectOracleError(
      f.oracle.getFunction('configureAssets')([assetId('AVAX'), assetId('LINK')], [TEST_GUARDRAILS]),
      'ArrayLengthMismatch',
    );
    expect(args).toMatchObject({ assets: '2', guardrails: '1' });
  });

  it('rejects governance calls from anyone but the owner', async () => {
    const asStranger = oracleAs(f, f.stranger);
    await expectOracleError(
      asStranger.getFunction('configureAsset')(assetId('AVAX'), TEST_GUARDRAILS),
      'OwnableUnauthorizedAccount',
    );
    await expectOracleError(
      asStranger.getFunction('addSigner')(f.stranger.address),
      'OwnableUnauthorizedAccount',
    );
    await expectOracleError(asStranger.getFunction('setThreshold')(1), 'OwnableUnauthorizedAccount');
    await expectOracleError(asStranger.getFunction('setTiming')(60, 60), 'OwnableUnauthorizedAccount');
  });

  it('rejects invalid governance values with the reason', async () => {
    let args = await expectOracleError(
      f.oracle.getFunction('configureAsset')(assetId('AVAX'), { ...TEST_GUARDRAILS, minLtvBps: 9_000 }),
      'InvalidGuardrails',
    );
    expect(args.reason).toContain('minLtvBps > maxLtvBps');
    args = await expectOracleError(
      f.oracle.getFunction('configureAsset')(assetId('AVAX'), { ...TEST_GUARDRAILS, maxLoosenBps: 5_000 }),
      'InvalidGuardrails',
    );
    expect(args.reason).toContain('maxLoosenBps');
    // A 25-byte symbol cannot be an id: its low 8 bytes would not be zero.
    await expectOracleError(
      f.oracle.getFunction('configureAsset')(
        toBeHex(BigInt(assetId('ABCDEFGHIJKLMNOPQRSTUVWX')) | 0x41n, 32),
        TEST_GUARDRAILS,
      ),
      'InvalidAssetId',
    );
    await expectOracleError(f.oracle.getFunction('setThreshold')(4), 'InvalidThreshold');
    await expectOracleError(f.oracle.getFunction('setThreshold')(0), 'InvalidThreshold');
    await (await f.oracle.getFunction('removeSigner')(f.signers[2]?.address)).wait();
    await expectOracleError(f.oracle.getFunction('removeSigner')(f.signers[1]?.address), 'InvalidThreshold');
    await expectOracleError(f.oracle.getFunction('addSigner')(f.signers[0]?.address), 'SignerAlreadyAdded');
    await expectOracleError(f.oracle.getFunction('removeSigner')(f.stranger.address), 'SignerNotFound');
  });
});
