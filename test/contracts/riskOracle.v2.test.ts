/**
 * RiskOracle v2: one test per finding of issue 17 (written against v1 first, where each failed),
 * plus the limits the fixes introduce. docs/contract.md, "v2", argues each choice.
 *
 * (a) a signing-key holder could end all submissions with round 2^64 − 1 → rounds step by at most
 *     MAX_ROUND_STEP;
 * (b) the minimum interval ran on the signer-chosen observedAt (a burst of loosening steps after an
 *     idle period; a future observedAt locking the publisher out) → it runs on block time;
 * (c) latestNoOlderThan(asset, type(uint256).max) panicked → it returns.
 */
import { MaxUint256, type Wallet } from 'ethers';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { assetId } from '../../shared/chain/oracle/assetId.js';
import { configureAsset } from '../../shared/chain/oracle/configureAsset.js';
import { deployRiskOracle } from '../../shared/chain/oracle/deployRiskOracle.js';
import { readLatest } from '../../shared/chain/oracle/readLatest.js';
import { signBatch } from '../../shared/chain/oracle/signBatch.js';
import { submitBatch } from '../../shared/chain/oracle/submitBatch.js';
import type { OracleBatch, ParameterUpdate } from '../../shared/chain/oracle/types.js';
import {
  MAX_FUTURE_SKEW,
  TEST_GUARDRAILS,
  expectOracleError,
  startOracleFixture,
  type OracleFixture,
} from './oracleFixture.js';

const MAX_UINT64 = (1n << 64n) - 1n;
const MAX_ROUND_STEP = 1_000_000n;
const BTC: ParameterUpdate = { asset: 'BTC', volIndexBps: 5_500, ltvBps: 7_000, ltBps: 8_000, lbBps: 500 };

describe('RiskOracle v2 (issue 17 contract findings)', () => {
  let f: OracleFixture;
  let snapshotId: string;
  const send = async (batch: OracleBatch) => {
    const { signatures } = await signBatch({ signers: f.signers, domain: f.domain, batch });
    return submitBatch(f.oracle, batch, signatures);
  };
  const call = (name: string, ...args: unknown[]) => f.oracle.getFunction(name)(...args);

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

  describe('(a) rounds', () => {
    it('refuses round 2^64 − 1 from a fresh oracle, so a signing key cannot end all submissions', async () => {
      const args = await expectOracleError(
        send({ round: MAX_UINT64, observedAt: await f.now(), updates: [BTC] }),
        'RoundStepTooLarge',
      );
      expect(args).toMatchObject({
        round: String(MAX_UINT64),
        lastRound: '0',
        maxStep: String(MAX_ROUND_STEP),
      });
      // The honest publisher's next round (lastRound + 1) still goes through.
      await f.submit({ round: 1n, observedAt: await f.now(), updates: [BTC] });
      expect(await call('lastRound')).toBe(1n);
    });

    it('accepts a step of exactly MAX_ROUND_STEP and refuses one more', async () => {
      expect(await call('MAX_ROUND_STEP')).toBe(MAX_ROUND_STEP);
      await expectOracleError(
        send({ round: MAX_ROUND_STEP + 1n, observedAt: await f.now(), updates: [BTC] }),
        'RoundStepTooLarge',
      );
      await f.submit({ round: MAX_ROUND_STEP, observedAt: await f.now(), updates: [BTC] });
      expect(await call('lastRound')).toBe(MAX_ROUND_STEP);
    });

    it('bounds the damage of a leaked key: each batch moves lastRound by at most MAX_ROUND_STEP', async () => {
      let last = 0n;
      for (let i = 0; i < 3; i++) {
        await f.advance(TEST_GUARDRAILS.minIntervalSec);
        const round = last + MAX_ROUND_STEP;
        await f.submit({ round, observedAt: await f.now(), updates: [{ ...BTC, ltvBps: 7_000 + i }] });
        last = round;
      }
      expect(await call('lastRound')).toBe(3n * MAX_ROUND_STEP);
      // 2^64 / 10^6 ≈ 1.8·10^13 such batches would be needed to reach the top.
      expect(MAX_UINT64 / MAX_ROUND_STEP).toBeGreaterThan(10n ** 13n);
    });
  });

  describe('(b) minimum interval on block time', () => {
    it('refuses a burst of loosening steps in consecutive blocks after an idle period', async () => {
      await f.submit({ round: 1n, observedAt: await f.now(), updates: [BTC] });
      await f.advance(600); // idle: ten minimum intervals
      const start = await f.now();
      // v1 accepted all six: observation times 60 s apart, all inside the 900 s age window.
      const accepted: number[] = [];
      const refused: string[] = [];
      for (let i = 1; i <= 6; i++) {
        const batch = {
          round: BigInt(1 + i),
          observedAt: start - 600 + 60 * i,
          updates: [{ ...BTC, ltvBps: BTC.ltvBps + 25 * i, ltBps: BTC.ltBps + 25 * i }],
        };
        try {
          const receipt = await (await send(batch)).wait();
          if (receipt?.status === 1) accepted.push(i);
        } catch (error) {
          const args = await expectOracleError(Promise.reject(error), 'UpdateTooSoon');
          refused.push(args.minIntervalSec ?? '');
        }
      }
      expect(accepted).toEqual([1]);
      expect(refused).toEqual(['60', '60', '60', '60', '60']);
      expect((await readLatest(f.oracle, 'BTC'))?.ltvBps).toBe(BTC.ltvBps + 25);
    });

    it('names the previous block time, the block time and the interval when refusing', async () => {
      const first = await f.submit({ round: 1n, observedAt: await f.now(), updates: [BTC] });
      const acceptedAt = (await f.provider.getBlock(first.blockNumber))?.timestamp ?? 0;
      expect(await call('lastUpdatedAt', assetId('BTC'))).toBe(BigInt(acceptedAt));
      await f.advance(30);
      const args = await expectOracleError(
        send({ round: 2n, observedAt: (await f.now()) + MAX_FUTURE_SKEW, updates: [BTC] }),
        'UpdateTooSoon',
      );
      expect(args).toMatchObject({
        asset: 'BTC',
        previousUpdatedAt: String(acceptedAt),
        minIntervalSec: '60',
      });
    });

    it('an observation time in the future does not lock the honest publisher out', async () => {
      const now = await f.now();
      // A key holder signs the furthest future time the oracle accepts.
      await f.submit({ round: 1n, observedAt: now + MAX_FUTURE_SKEW, updates: [BTC] });
      await f.advance(TEST_GUARDRAILS.minIntervalSec);
      // The honest publisher observes now (before the attacker's time + interval): accepted.
      const honest = await f.now();
      expect(honest).toBeLessThan(now + MAX_FUTURE_SKEW + TEST_GUARDRAILS.minIntervalSec);
      await f.submit({ round: 2n, observedAt: honest - 5, updates: [{ ...BTC, ltvBps: 6_990 }] });
      expect(await readLatest(f.oracle, 'BTC')).toMatchObject({ ltvBps: 6_990, observedAt: honest - 5 });
    });

    it('stores the signed observation time exactly at both ends of the window', async () => {
      await (await call('setTiming', 1_919, 128)).wait();
      const now = await f.now();
      await f.submit({ round: 1n, observedAt: now + 128 - 1, updates: [BTC] }); // mined ≥ 1 s later
      expect((await readLatest(f.oracle, 'BTC'))?.observedAt).toBe(now + 127);
      await f.advance(120);
      const later = await f.now();
      const receipt = await f.submit({ round: 2n, observedAt: later - 1_900, updates: [BTC] });
      const mined = (await f.provider.getBlock(receipt.blockNumber))?.timestamp ?? 0;
      expect(mined - (later - 1_900)).toBeLessThanOrEqual(1_919);
      expect((await readLatest(f.oracle, 'BTC'))?.observedAt).toBe(later - 1_900);
    });

    it('refuses an observation window the slot cannot hold, and steps above 2,047 bp', async () => {
      let args = await expectOracleError(call('setTiming', 1_920, 60), 'InvalidTiming');
      expect(args).toMatchObject({ maxObservationAgeLimit: '1919', maxFutureSkewLimit: '128' });
      await expectOracleError(call('setTiming', 900, 129), 'InvalidTiming');
      await expectOracleError(call('setTiming', 0, 60), 'InvalidTiming');
      args = await expectOracleError(
        call('configureAsset', assetId('AVAX'), { ...TEST_GUARDRAILS, maxTightenBps: 2_048 }),
        'InvalidGuardrails',
      );
      expect(args.reason).toContain('maxTightenBps > 2047');
      await (
        await call('configureAsset', assetId('AVAX'), { ...TEST_GUARDRAILS, maxLoosenBps: 2_047 })
      ).wait();
    });
  });

  describe('(c) latestNoOlderThan', () => {
    it('returns for maxAge = type(uint256).max instead of panicking', async () => {
      const observedAt = (await f.now()) - 100;
      await f.submit({ round: 1n, observedAt, updates: [BTC] });
      const params = await call('latestNoOlderThan', assetId('BTC'), MaxUint256);
      expect(Number(params.observedAt)).toBe(observedAt);
      expect(Number(params.ltvBps)).toBe(BTC.ltvBps);
    });

    it('treats an observation ahead of the block as age 0, and reverts exactly past maxAge', async () => {
      const now = await f.now();
      await f.submit({ round: 1n, observedAt: now + MAX_FUTURE_SKEW, updates: [BTC] });
      expect(Number((await call('latestNoOlderThan', assetId('BTC'), 0n)).observedAt)).toBe(
        now + MAX_FUTURE_SKEW,
      );
      await f.advance(MAX_FUTURE_SKEW + 100);
      const age = BigInt((await f.now()) - (now + MAX_FUTURE_SKEW));
      await call('latestNoOlderThan', assetId('BTC'), age); // exactly maxAge old: fresh enough
      const args = await expectOracleError(
        call('latestNoOlderThan', assetId('BTC'), age - 1n),
        'StaleParameters',
      );
      expect(args).toMatchObject({ asset: 'BTC', maxAge: String(age - 1n) });
    });
  });
});

describe('RiskOracle v2 migration: starting round', () => {
  let f: OracleFixture;
  beforeAll(async () => {
    f = await startOracleFixture({ initialRound: 41n });
  });
  afterAll(async () => {
    await f?.stop();
  });

  it('continues the previous oracle’s rounds: lastRound starts at initialRound, which is refused again', async () => {
    expect(await f.oracle.getFunction('lastRound')()).toBe(41n);
    await expectOracleError(
      (async () => {
        const batch = { round: 41n, observedAt: await f.now(), updates: [BTC] };
        const { signatures } = await signBatch({ signers: f.signers, domain: f.domain, batch });
        return submitBatch(f.oracle, batch, signatures);
      })(),
      'RoundNotIncreasing',
    );
    await f.submit({ round: 42n, observedAt: await f.now(), updates: [BTC] });
    expect(await f.oracle.getFunction('lastRound')()).toBe(42n);
  });

  it('checks the round step without overflow up to round 2^64 − 1', async () => {
    const signer = f.signers[0] as Wallet;
    const { contract, address } = await deployRiskOracle({
      deployer: f.deployer,
      signers: [signer.address],
      initialRound: MAX_UINT64 - 1n,
    });
    await configureAsset(contract, 'BTC', TEST_GUARDRAILS);
    const batch = { round: MAX_UINT64, observedAt: await f.now(), updates: [BTC] };
    const domain = { chainId: f.anvil.chainId, verifyingContract: address };
    const { signatures } = await signBatch({ signers: [signer], domain, batch });
    await (await submitBatch(contract, batch, signatures)).wait();
    expect(await contract.getFunction('lastRound')()).toBe(MAX_UINT64);
  });
});
