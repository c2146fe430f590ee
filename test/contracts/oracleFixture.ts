/**
 * Shared setup of the contract tests: one anvil per test file, a deployed RiskOracle, funded
 * deployer/guardian/relayer accounts (anvil's dev accounts) and deterministic signer keys.
 * Tests isolate themselves with evm_snapshot / evm_revert instead of redeploying.
 */
import { Contract, JsonRpcProvider, Wallet, concat, id, type TransactionReceipt } from 'ethers';
import { expect } from 'vitest';
import { buildContracts } from '../../contracts/build.js';
import { anvilDevAccount } from '../../shared/chain/oracle/anvilDevAccount.js';
import { configureAssets } from '../../shared/chain/oracle/configureAssets.js';
import { decodeOracleError } from '../../shared/chain/oracle/decodeOracleError.js';
import { deployRiskOracle } from '../../shared/chain/oracle/deployRiskOracle.js';
import { RISK_ORACLE_ABI } from '../../shared/chain/oracle/riskOracleAbi.js';
import { signBatch } from '../../shared/chain/oracle/signBatch.js';
import { submitBatch } from '../../shared/chain/oracle/submitBatch.js';
import type { Guardrails, OracleBatch, OracleDomain } from '../../shared/chain/oracle/types.js';
import { startAnvil, type StartAnvilResult } from '../../shared/localstack/startAnvil.js';

/** Guardrails of the test assets: bounds from assets.default.json, step limits from docs/methodology.md §7. */
export const TEST_GUARDRAILS: Guardrails = {
  minVolIndexBps: 0,
  maxVolIndexBps: 60_000,
  minLtvBps: 0,
  maxLtvBps: 8_500,
  minLtBps: 5_000,
  maxLtBps: 9_000,
  minLbBps: 200,
  maxLbBps: 1_500,
  maxLoosenBps: 25,
  maxTightenBps: 500,
  minIntervalSec: 60,
};

export const MAX_OBSERVATION_AGE = 900;
export const MAX_FUTURE_SKEW = 60;

/** Deterministic signer key `i` (never funded: signers only sign). */
export function signerWallet(i: number): Wallet {
  return new Wallet(id(`ballast-test-signer-${i}`));
}

export interface OracleFixture {
  readonly anvil: StartAnvilResult;
  readonly provider: JsonRpcProvider;
  /** Owner and default relayer. */
  readonly deployer: Wallet;
  readonly guardian: Wallet;
  /** A funded account with no role. */
  readonly stranger: Wallet;
  /** Authorised signers at deployment. */
  readonly signers: Wallet[];
  readonly oracle: Contract;
  readonly address: string;
  readonly domain: OracleDomain;
  /** Timestamp of the latest block. */
  now(): Promise<number>;
  /** Moves chain time forward and mines a block. */
  advance(seconds: number): Promise<void>;
  snapshot(): Promise<string>;
  revert(snapshotId: string): Promise<void>;
  /** Signs with `signers` (default: the first `threshold` fixture signers), sends, waits. */
  submit(batch: OracleBatch, signers?: readonly Wallet[]): Promise<TransactionReceipt>;
  /** Signs the contract's own digest of raw words (for malformed batches the encoder refuses). */
  signRaw(
    round: bigint,
    observedAt: number,
    words: readonly string[],
    signers: readonly Wallet[],
  ): Promise<string>;
  stop(): Promise<void>;
}

export interface StartOracleFixtureParams {
  /** @default 1 */
  readonly signerCount?: number;
  /** @default 1 */
  readonly threshold?: number;
  /** @default ["BTC", "ETH", "SOL"] */
  readonly assets?: readonly string[];
  /** The oracle's starting `lastRound`. @default 0n */
  readonly initialRound?: bigint;
}

export async function startOracleFixture({
  signerCount = 1,
  threshold = 1,
  assets = ['BTC', 'ETH', 'SOL'],
  initialRound = 0n,
}: StartOracleFixtureParams = {}): Promise<OracleFixture> {
  buildContracts();
  const anvil = await startAnvil();
  try {
    const provider = new JsonRpcProvider(anvil.rpcUrl, undefined, {
      cacheTimeout: -1,
      staticNetwork: true,
      // No 10 ms batching stall per request: tests make thousands of sequential calls.
      batchStallTime: 0,
      batchMaxCount: 1,
    });
    const account = (i: number): Wallet => new Wallet(anvilDevAccount(i).privateKey, provider);
    const deployer = account(0);
    const guardian = account(1);
    const stranger = account(2);
    const signers = Array.from({ length: signerCount }, (_, i) => signerWallet(i));
    const { contract, address } = await deployRiskOracle({
      deployer,
      signers: signers.map((s) => s.address),
      threshold,
      guardian: guardian.address,
      maxObservationAge: MAX_OBSERVATION_AGE,
      maxFutureSkew: MAX_FUTURE_SKEW,
      initialRound,
    });
    await configureAssets(contract, Object.fromEntries(assets.map((a) => [a, TEST_GUARDRAILS])));
    const domain = { chainId: anvil.chainId, verifyingContract: address };
    const fixture: OracleFixture = {
      anvil,
      provider,
      deployer,
      guardian,
      stranger,
      signers,
      oracle: contract,
      address,
      domain,
      now: async () => (await provider.getBlock('latest'))?.timestamp ?? 0,
      advance: async (seconds) => {
        await provider.send('evm_increaseTime', [seconds]);
        await provider.send('evm_mine', []);
      },
      snapshot: async () => (await provider.send('evm_snapshot', [])) as string,
      revert: async (snapshotId) => {
        const ok = (await provider.send('evm_revert', [snapshotId])) as boolean;
        if (!ok) throw new Error(`evm_revert(${snapshotId}) failed`);
      },
      submit: async (batch, withSigners = signers.slice(0, threshold)) => {
        const { signatures } = await signBatch({ signers: withSigners, domain, batch });
        const tx = await submitBatch(contract, batch, signatures);
        const receipt = await tx.wait();
        if (receipt === null) throw new Error('submit was not mined');
        return receipt;
      },
      signRaw: async (round, observedAt, words, withSigners) => {
        const digest = (await contract.getFunction('hashBatch')(round, observedAt, words)) as string;
        const sorted = [...withSigners].sort((a, b) => (BigInt(a.address) < BigInt(b.address) ? -1 : 1));
        return concat(sorted.map((w) => w.signingKey.sign(digest).serialized));
      },
      stop: () => anvil.stop(),
    };
    return fixture;
  } catch (error) {
    await anvil.stop();
    throw error;
  }
}

/** An Oracle contract handle for `runner` (another account sending governance calls). */
export function oracleAs(fixture: OracleFixture, runner: Wallet): Contract {
  return new Contract(fixture.address, RISK_ORACLE_ABI, runner);
}

/**
 * Awaits a call expected to revert with the RiskOracle custom error `name`; returns its
 * decoded arguments (asset ids as symbols) so the test can check them.
 */
export async function expectOracleError(
  call: Promise<unknown>,
  name: string,
): Promise<Readonly<Record<string, string>>> {
  let caught: unknown;
  try {
    await call;
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected revert ${name}, but the call succeeded`).toBeDefined();
  const decoded = decodeOracleError(caught);
  expect(decoded?.name, `expected ${name}, got ${decoded?.message ?? String(caught)}`).toBe(name);
  return decoded?.args ?? {};
}
