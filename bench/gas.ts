/**
 * Gas of RiskOracle.submit from transaction receipts, for batches of 1, 10, 50 and 100 assets:
 * first write (zero observation time → non-zero slot words) and steady state (every slot already
 * written, values moved within step limits), with the per-asset amortised figure (total / assets,
 * the 21,000 transaction base included). 1-of-1 signer set, as the publisher runs it.
 *
 * Run: `npm run bench:gas` (builds the contracts first) or `npx tsx bench/gas.ts`.
 * Gas is deterministic, so each figure is one receipt (the median of identical runs).
 */
import { JsonRpcProvider, type Contract, type Wallet } from 'ethers';
import { buildContracts } from '../contracts/build.js';
import { anvilDevAccount } from '../shared/chain/oracle/anvilDevAccount.js';
import { configureAssets } from '../shared/chain/oracle/configureAssets.js';
import { deployRiskOracle } from '../shared/chain/oracle/deployRiskOracle.js';
import { signBatch } from '../shared/chain/oracle/signBatch.js';
import { submitBatch } from '../shared/chain/oracle/submitBatch.js';
import type { Guardrails, OracleBatch, ParameterUpdate } from '../shared/chain/oracle/types.js';
import { startAnvil } from '../shared/localstack/startAnvil.js';

const SIZES = [1, 10, 50, 100] as const;
const GOALS = { perAssetAt50: 7_000, single: 45_000 };

const GUARDRAILS: Guardrails = {
  minVolIndexBps: 0,
  maxVolIndexBps: 60_000,
  minLtvBps: 0,
  maxLtvBps: 9_000,
  minLtBps: 1_000,
  maxLtBps: 9_500,
  minLbBps: 100,
  maxLbBps: 2_000,
  maxLoosenBps: 25,
  maxTightenBps: 500,
  minIntervalSec: 60,
};

/** Four-letter symbol, like most tickers (BTC, ETH, AVAX, LINK): calldata cost depends on it. */
function symbol(prefix: string, i: number): string {
  const letter = (n: number): string => String.fromCharCode(65 + (n % 26));
  return `${prefix}${letter(Math.floor(i / 676))}${letter(Math.floor(i / 26))}${letter(i)}`;
}

/** Realistic values: LTV near 70 %, LT near 80 %, moved by `shift` bp each round. */
function updates(prefix: string, count: number, shift: number): ParameterUpdate[] {
  return Array.from({ length: count }, (_, i) => ({
    asset: symbol(prefix, i),
    volIndexBps: 5_000 + 17 * i + shift * 10,
    ltvBps: 7_000 + (i % 50) + shift,
    ltBps: 8_000 + (i % 50) + shift,
    lbBps: 500 + (i % 7),
  }));
}

async function main(): Promise<void> {
  buildContracts();
  const anvil = await startAnvil();
  try {
    const provider = new JsonRpcProvider(anvil.rpcUrl, undefined, { cacheTimeout: -1 });
    const deployer = anvilDevAccount(0, provider) as unknown as Wallet;
    const signer = anvilDevAccount(1);
    const { contract, address } = await deployRiskOracle({
      deployer,
      signers: [signer.address],
      maxObservationAge: 1_800,
    });
    const domain = { chainId: anvil.chainId, verifyingContract: address };
    let round = 0n;
    const send = async (oracle: Contract, list: ParameterUpdate[]): Promise<bigint> => {
      await provider.send('evm_increaseTime', [120]);
      await provider.send('evm_mine', []);
      const now = (await provider.getBlock('latest'))?.timestamp ?? 0;
      const batch: OracleBatch = { round: ++round, observedAt: now, updates: list };
      const { signatures } = await signBatch({ signers: [signer], domain, batch });
      const tx = await submitBatch(oracle, batch, signatures);
      const receipt = await tx.wait();
      if (receipt?.status !== 1) throw new Error(`submit of ${list.length} assets failed`);
      return receipt.gasUsed;
    };

    const rows: { size: number; first: bigint; steady: bigint }[] = [];
    for (const size of SIZES) {
      // A fresh asset set per size, so "first write" really writes fresh slots.
      const prefix = String.fromCharCode(80 + SIZES.indexOf(size)); // P, Q, R, S: one fresh set per size
      const guardrails = Object.fromEntries(updates(prefix, size, 0).map((u) => [u.asset, GUARDRAILS]));
      await configureAssets(contract, guardrails);
      const first = await send(contract, updates(prefix, size, 0));
      await send(contract, updates(prefix, size, 5)); // warm-up: every slot now written at least once
      const steady = await send(contract, updates(prefix, size, 10));
      rows.push({ size, first, steady });
    }

    console.log(
      'RiskOracle.submit gas from receipts (1-of-1 signer, solc optimizer 10,000 runs, evm cancun)',
    );
    console.log('assets | first write total | per asset | steady total | per asset');
    for (const { size, first, steady } of rows) {
      const n = BigInt(size);
      console.log(
        `${String(size).padStart(6)} | ${first.toLocaleString('en-US').padStart(17)} | ${(first / n).toLocaleString('en-US').padStart(9)} | ${steady.toLocaleString('en-US').padStart(12)} | ${(steady / n).toLocaleString('en-US').padStart(9)}`,
      );
    }
    const at50 = rows.find((r) => r.size === 50);
    const single = rows.find((r) => r.size === 1);
    if (at50 !== undefined && single !== undefined) {
      const perAsset = Number(at50.steady) / 50;
      console.log(
        `goal per asset (50, steady) ≤ ${GOALS.perAssetAt50}: ${perAsset.toFixed(0)} (ratio ${(perAsset / GOALS.perAssetAt50).toFixed(3)}); ` +
          `goal single ≤ ${GOALS.single}: ${single.steady} steady, ${single.first} first (ratio ${(Number(single.steady) / GOALS.single).toFixed(3)})`,
      );
    }
    console.log('command: npx tsx bench/gas.ts');
  } finally {
    await anvil.stop();
  }
}

await main();
