/**
 * ExampleLendingMarket on anvil: every path (deposit, withdraw, borrow, repay, liquidate) and every
 * revert, each checked by its custom error and arguments. LTV/LT/LB come from RiskOracle, the ETH
 * price from the owner-set ExamplePriceFeed.
 */
import { parseEther, type Contract, type Wallet } from 'ethers';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ParameterUpdate } from '../../shared/chain/oracle/types.js';
import { expectRevert, startMarketFixture, wait, type MarketFixture } from './marketFixture.js';
import { startOracleFixture, type OracleFixture } from './oracleFixture.js';

const ETH: ParameterUpdate = { asset: 'ETH', volIndexBps: 7_000, ltvBps: 7_000, ltBps: 8_000, lbBps: 500 };
const e = (n: string): bigint => parseEther(n);

describe('ExampleLendingMarket', () => {
  let f: OracleFixture;
  let m: MarketFixture;
  let snapshotId: string;
  let round = 0n;
  let alice: Wallet;
  let bob: Wallet;
  const position = async (who: Wallet): Promise<[bigint, bigint]> =>
    (await m.market.getFunction('positionOf')(who.address)) as [bigint, bigint];
  const publish = async (update: ParameterUpdate = ETH): Promise<void> => {
    await f.submit({ round: ++round, observedAt: await f.now(), updates: [update] });
  };
  /** The one event of `name` the market emitted in `receipt`, as named args. */
  const eventOf = (
    receipt: { logs: readonly { topics: readonly string[]; data: string }[] },
    name: string,
  ) => {
    for (const log of receipt.logs) {
      const parsed = m.market.interface.parseLog(log);
      if (parsed?.name === name) return parsed.args.toObject() as Record<string, unknown>;
    }
    throw new Error(`no ${name} event`);
  };

  beforeAll(async () => {
    f = await startOracleFixture();
    m = await startMarketFixture(f);
    [alice, bob] = m.users as [Wallet, Wallet];
  });
  afterAll(async () => {
    await f?.stop();
  });
  beforeEach(async () => {
    snapshotId = await f.snapshot();
    round = await f.oracle.getFunction('lastRound')();
  });
  afterEach(async () => {
    await f.revert(snapshotId);
  });

  it('deposits without oracle or price, emitting the position after the change', async () => {
    const receipt = await wait(m.as(alice).getFunction('deposit')(e('10')));
    expect(eventOf(receipt, 'Deposited')).toMatchObject({
      account: alice.address,
      amount: e('10'),
      collateralAfter: e('10'),
      debtAfter: 0n,
    });
    expect(await position(alice)).toEqual([e('10'), 0n]);
    expect(await m.collateral.getFunction('balanceOf')(m.marketAddress)).toBe(e('10'));
    await expectRevert(m.as(alice).getFunction('deposit')(0n), 'ZeroAmount');
    const args = await expectRevert(m.as(alice).getFunction('deposit')(2n ** 128n), 'AmountTooLarge');
    expect(args.amount).toBe(String(2n ** 128n));
  });

  it('refuses to borrow before the oracle has parameters and before the price is set', async () => {
    await wait(m.as(alice).getFunction('deposit')(e('10')));
    await expectRevert(m.as(alice).getFunction('borrow')(e('1')), 'NoParametersYet');
    await publish();
    const args = await expectRevert(m.as(alice).getFunction('borrow')(e('1')), 'PriceNotSet');
    expect(args.asset).toBe('0x4554480000000000000000000000000000000000000000000000000000000000');
  });

  describe('with parameters (LTV 70 %, LT 80 %, LB 5 %) and ETH at $2,000', () => {
    beforeEach(async () => {
      await publish();
      await m.setPrice('2000');
      await wait(m.as(alice).getFunction('deposit')(e('10'))); // $20,000 of collateral
    });

    it('borrows up to collateral value × LTV, and not a unit more', async () => {
      const receipt = await wait(m.as(alice).getFunction('borrow')(e('14000')));
      expect(eventOf(receipt, 'Borrowed')).toMatchObject({
        account: alice.address,
        amount: e('14000'),
        collateralAfter: e('10'),
        debtAfter: e('14000'),
        ltvBps: 7_000n,
      });
      expect(await m.debt.getFunction('balanceOf')(alice.address)).toBe(e('14000'));
      const args = await expectRevert(m.as(alice).getFunction('borrow')(1n), 'BorrowAboveLtv');
      expect(args).toMatchObject({
        account: alice.address,
        debtAfter: String(e('14000') + 1n),
        maxDebt: String(e('14000')),
        ltvBps: '7000',
      });
      // HF = 20,000 × 0.8 / 14,000 = 1.142857…
      expect(await m.market.getFunction('healthFactor')(alice.address)).toBe(
        (e('16000') * e('1')) / e('14000'),
      );
      await expectRevert(m.as(alice).getFunction('borrow')(0n), 'ZeroAmount');
    });

    it('refuses to lend more than the market holds', async () => {
      await wait(m.collateral.getFunction('mint')(bob.address, e('1000')));
      await wait(m.as(bob).getFunction('deposit')(e('1000'))); // $2,000,000: could borrow 1.4 M
      const args = await expectRevert(m.as(bob).getFunction('borrow')(e('1000001')), 'InsufficientLiquidity');
      expect(args).toMatchObject({ requested: String(e('1000001')), available: String(e('1000000')) });
    });

    it('withdraws freely without debt, and with debt only while the rest covers it at LTV', async () => {
      let receipt = await wait(m.as(alice).getFunction('withdraw')(e('1')));
      expect(eventOf(receipt, 'Withdrawn')).toMatchObject({
        amount: e('1'),
        collateralAfter: e('9'),
        debtAfter: 0n,
      });
      await wait(m.as(alice).getFunction('borrow')(e('7000'))); // max after: 7,000 / (0.7 × 2,000) = 5 ETH
      receipt = await wait(m.as(alice).getFunction('withdraw')(e('4')));
      expect(eventOf(receipt, 'Withdrawn')).toMatchObject({ collateralAfter: e('5'), debtAfter: e('7000') });
      let args = await expectRevert(m.as(alice).getFunction('withdraw')(1n), 'WithdrawAboveLtv');
      expect(args).toMatchObject({ account: alice.address, debt: String(e('7000')), ltvBps: '7000' });
      args = await expectRevert(m.as(alice).getFunction('withdraw')(e('6')), 'InsufficientCollateral');
      expect(args).toMatchObject({ requested: String(e('6')), available: String(e('5')) });
      await expectRevert(m.as(alice).getFunction('withdraw')(0n), 'ZeroAmount');
      expect(await m.collateral.getFunction('balanceOf')(alice.address)).toBe(e('95'));
    });

    it('repays part or all of a debt, also on behalf of another account, never more than owed', async () => {
      await wait(m.as(alice).getFunction('borrow')(e('10000')));
      let receipt = await wait(m.as(alice).getFunction('repay')(alice.address, e('4000')));
      expect(eventOf(receipt, 'Repaid')).toMatchObject({
        account: alice.address,
        payer: alice.address,
        amount: e('4000'),
        debtAfter: e('6000'),
      });
      const args = await expectRevert(
        m.as(bob).getFunction('repay')(alice.address, e('6001')),
        'RepayAboveDebt',
      );
      expect(args).toMatchObject({
        account: alice.address,
        amount: String(e('6001')),
        debt: String(e('6000')),
      });
      await wait(m.debt.getFunction('mint')(bob.address, e('6000')));
      receipt = await wait(m.as(bob).getFunction('repay')(alice.address, e('6000')));
      expect(eventOf(receipt, 'Repaid')).toMatchObject({ payer: bob.address, debtAfter: 0n });
      expect(await position(alice)).toEqual([e('10'), 0n]);
      expect(await m.market.getFunction('healthFactor')(alice.address)).toBe(2n ** 256n - 1n);
      await expectRevert(m.as(alice).getFunction('repay')(alice.address, 0n), 'ZeroAmount');
    });

    it('liquidates only below LT, at most half the debt, paying the bonus in collateral', async () => {
      await wait(m.as(alice).getFunction('borrow')(e('14000')));
      const liquidator = m.as(m.liquidator);
      let args = await expectRevert(
        liquidator.getFunction('liquidate')(alice.address, e('1')),
        'PositionHealthy',
      );
      expect(args).toMatchObject({
        debt: String(e('14000')),
        liquidationLimit: String(e('16000')),
        ltBps: '8000',
      });
      // Price shock: 10 ETH × $1,700 × 0.8 = $13,600 < $14,000 of debt.
      await m.setPrice('1700');
      expect(await m.market.getFunction('healthFactor')(alice.address)).toBeLessThan(e('1'));
      args = await expectRevert(
        liquidator.getFunction('liquidate')(alice.address, e('7001')),
        'RepayAboveCloseFactor',
      );
      expect(args).toMatchObject({ amount: String(e('7001')), maxRepay: String(e('7000')) });
      await expectRevert(liquidator.getFunction('liquidate')(alice.address, 0n), 'ZeroAmount');
      const receipt = await wait(liquidator.getFunction('liquidate')(alice.address, e('7000')));
      const seized = (e('7000') * 10_500n * e('1')) / (10_000n * e('1700')); // 4.3235… ETH
      expect(eventOf(receipt, 'Liquidated')).toMatchObject({
        account: alice.address,
        liquidator: m.liquidator.address,
        repaid: e('7000'),
        seized,
        collateralAfter: e('10') - seized,
        debtAfter: e('7000'),
        ltBps: 8_000n,
        lbBps: 500n,
      });
      expect(await m.collateral.getFunction('balanceOf')(m.liquidator.address)).toBe(seized);
      expect(await position(alice)).toEqual([e('10') - seized, e('7000')]);
    });

    it('a tightening published by the oracle makes a position liquidatable without any price move', async () => {
      await wait(m.as(alice).getFunction('borrow')(e('14000'))); // HF 1.1429 at LT 80 %
      // LT ramps down by at most 500 bp per update (step limit): 80 → 75 → 70 → 69.9 %.
      for (const [ltvBps, ltBps] of [
        [6_500, 7_500],
        [6_000, 7_000],
      ]) {
        await f.advance(120);
        await m.setPrice('2000'); // same price, kept fresh (maxPriceAge 300 s)
        await publish({ ...ETH, ltvBps: ltvBps as number, ltBps: ltBps as number });
        // 20,000 × LT ≥ 14,000: not yet liquidatable.
        await expectRevert(
          m.as(m.liquidator).getFunction('liquidate')(alice.address, e('1')),
          'PositionHealthy',
        );
      }
      await f.advance(120);
      await m.setPrice('2000');
      await publish({ ...ETH, ltvBps: 6_000, ltBps: 6_990 }); // 20,000 × 0.699 = 13,980 < 14,000
      const receipt = await wait(m.as(m.liquidator).getFunction('liquidate')(alice.address, e('100')));
      expect(eventOf(receipt, 'Liquidated')).toMatchObject({ repaid: e('100'), ltBps: 6_990n });
    });

    it('seizes at most all collateral when it is worth less than the repayment plus bonus', async () => {
      await wait(m.as(alice).getFunction('borrow')(e('14000')));
      await m.setPrice('100'); // 10 ETH = $1,000 against $14,000 of debt
      const receipt = await wait(m.as(m.liquidator).getFunction('liquidate')(alice.address, e('7000')));
      expect(eventOf(receipt, 'Liquidated')).toMatchObject({
        seized: e('10'),
        collateralAfter: 0n,
        debtAfter: e('7000'),
      });
    });

    it('lets a debt at or below DUST be repaid whole in one liquidation', async () => {
      await wait(m.as(bob).getFunction('deposit')(e('0.001'))); // $2
      await wait(m.as(bob).getFunction('borrow')(e('1'))); // max 0.001 × 2,000 × 0.7 = 1.4 USDX
      await m.setPrice('1000'); // $1 × 0.8 < 1 USDX of debt
      const receipt = await wait(m.as(m.liquidator).getFunction('liquidate')(bob.address, e('1')));
      expect(eventOf(receipt, 'Liquidated')).toMatchObject({ repaid: e('1'), debtAfter: 0n });
    });

    it('stops borrowing, withdrawing with debt and liquidating once the oracle is stale; liquidations also on a stale price', async () => {
      await wait(m.as(alice).getFunction('borrow')(e('14000')));
      await f.advance(301); // price older than maxPriceAge (300 s), oracle parameters still fresh (600 s)
      let args = await expectRevert(m.as(alice).getFunction('borrow')(e('1')), 'PriceStale');
      expect(args).toMatchObject({ maxAge: '300' });
      await expectRevert(m.as(m.liquidator).getFunction('liquidate')(alice.address, e('1')), 'PriceStale');
      await m.setPrice('1700');
      await f.advance(300); // parameters now older than 600 s
      args = await expectRevert(m.as(alice).getFunction('borrow')(e('1')), 'StaleParameters');
      expect(args).toMatchObject({ asset: 'ETH', maxAge: '600' });
      await expectRevert(m.as(alice).getFunction('withdraw')(e('1')), 'StaleParameters');
      await expectRevert(
        m.as(m.liquidator).getFunction('liquidate')(alice.address, e('1')),
        'StaleParameters',
      );
      // Repaying and depositing never depend on the oracle.
      await wait(m.as(alice).getFunction('repay')(alice.address, e('1')));
      await wait(m.as(alice).getFunction('deposit')(e('1')));
    });
  });

  it('the price feed: only the owner sets prices, never zero', async () => {
    const asAlice = m.feed.connect(alice) as Contract;
    await expectRevert(
      asAlice.getFunction('setPrice')(`0x${'00'.repeat(32)}`, 1n),
      'OwnableUnauthorizedAccount',
    );
    const args = await expectRevert(
      m.feed.getFunction('setPrice')(`0x${'00'.repeat(32)}`, 0n),
      'InvalidPrice',
    );
    expect(args.priceWad).toBe('0');
  });
});
