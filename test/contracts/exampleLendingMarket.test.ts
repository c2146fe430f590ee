/** The example consumer: borrowing is capped by LTV and refused once the oracle is stale. */
import { ContractFactory, type Contract } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assetId } from '../../shared/chain/oracle/assetId.js';
import { decodeOracleError } from '../../shared/chain/oracle/decodeOracleError.js';
import { loadRiskOracleArtifact } from '../../shared/chain/oracle/loadRiskOracleArtifact.js';
import { startOracleFixture, type OracleFixture } from './oracleFixture.js';

const MAX_ORACLE_AGE = 600;

describe('ExampleLendingMarket reading RiskOracle', () => {
  let f: OracleFixture;
  let market: Contract;
  beforeAll(async () => {
    f = await startOracleFixture();
    const artifact = loadRiskOracleArtifact('ExampleLendingMarket');
    const factory = new ContractFactory(artifact.abi as never, artifact.bytecode, f.deployer);
    const deployed = await factory.deploy(f.address, assetId('ETH'), MAX_ORACLE_AGE);
    await deployed.waitForDeployment();
    market = deployed as Contract;
  });
  afterAll(async () => {
    await f?.stop();
  });

  it('refuses to borrow before the oracle has parameters', async () => {
    await (await market.getFunction('depositCollateral')(10_000n)).wait();
    const error = await market
      .getFunction('borrow')(1n)
      .catch((e: unknown) => e);
    expect(decodeOracleError(error)?.name).toBe('NoParametersYet');
  });

  it('lets an account borrow up to collateral × LTV, and flags liquidation above collateral × LT', async () => {
    await f.submit({
      round: 1n,
      observedAt: await f.now(),
      updates: [{ asset: 'ETH', volIndexBps: 7_000, ltvBps: 7_000, ltBps: 8_000, lbBps: 500 }],
    });
    await (await market.getFunction('borrow')(7_000n)).wait(); // exactly 10,000 × 70 %
    expect(await market.getFunction('debtUsd')(f.deployer.address)).toBe(7_000n);
    const error = await market
      .getFunction('borrow')(1n)
      .catch((e: unknown) => e);
    expect(market.interface.parseError((error as { data: string }).data)?.name).toBe('BorrowAboveLtv');
    expect(await market.getFunction('isLiquidatable')(f.deployer.address)).toBe(false);

    // The oracle tightens LT within its step limit: 8000 → 7500 bp; debt 7,000 ≤ 7,500 still safe.
    await f.advance(120);
    await f.submit({
      round: 2n,
      observedAt: await f.now(),
      updates: [{ asset: 'ETH', volIndexBps: 9_000, ltvBps: 6_500, ltBps: 7_500, lbBps: 600 }],
    });
    expect(await market.getFunction('isLiquidatable')(f.deployer.address)).toBe(false);
    // Step limits ramp LT down (at most 500 bp per update): 7500 → 7000 (debt = 7,000, still safe) → 6990.
    await f.advance(120);
    await f.submit({
      round: 3n,
      observedAt: await f.now(),
      updates: [{ asset: 'ETH', volIndexBps: 9_500, ltvBps: 6_000, ltBps: 7_000, lbBps: 700 }],
    });
    expect(await market.getFunction('isLiquidatable')(f.deployer.address)).toBe(false);
    await f.advance(120);
    await f.submit({
      round: 4n,
      observedAt: await f.now(),
      updates: [{ asset: 'ETH', volIndexBps: 9_600, ltvBps: 5_900, ltBps: 6_990, lbBps: 700 }],
    });
    expect(await market.getFunction('isLiquidatable')(f.deployer.address)).toBe(true);
  });

  it('refuses new borrowing once the parameters are older than its staleness bound', async () => {
    await (await market.connect(f.stranger).getFunction('depositCollateral')(10_000n)).wait();
    await f.advance(MAX_ORACLE_AGE + 1);
    const error = await (market.connect(f.stranger) as Contract)
      .getFunction('borrow')(100n)
      .catch((e: unknown) => e);
    const decoded = decodeOracleError(error);
    expect(decoded?.name).toBe('StaleParameters');
    expect(decoded?.args).toMatchObject({ asset: 'ETH', maxAge: String(MAX_ORACLE_AGE) });
  });
});
