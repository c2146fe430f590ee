import * as z from 'zod';

/**
 * One target chain of a stage (docs/multi-chain.md): where the same records are published, with
 * this chain's own RPC endpoints, oracle contract, fee policy, finality and asset selection. The
 * stage config (`infra/config/<stage>.json`) holds a list of them; a single-chain stage is a
 * one-element list, and every field added for multi-chain publication is optional with the
 * single-chain behaviour as its default.
 */

const evmAddress = z
  .string()
  .regex(
    /^0x[0-9a-fA-F]{40}$/,
    'an EVM address is 0x followed by 40 hex digits (deploy the contract first, see docs/operations.md)',
  );

/** SSM parameter names are absolute paths of letters, digits and `_.-/`. */
const ssmParameterName = z
  .string()
  .regex(
    /^\/[A-Za-z0-9_.\-/]{1,1010}$/,
    'an SSM parameter name is an absolute path like /ballast/prod/rpc-urls/8453',
  );

const gwei = z.number().positive().max(1_000_000, 'at most 1,000,000 gwei');

/**
 * Per-chain EIP-1559 fee policy, in gwei where it is an amount. Every field is optional; an absent
 * one keeps `DEFAULT_FEE_POLICY` (shared/chain/fees/FeePolicy.ts).
 */
export const chainFeePolicySchema = z.strictObject({
  /** Hard cap of `maxFeePerGas`, gwei: a fee above it is never signed. */
  maxFeePerGasGwei: gwei.optional(),
  /** Floor of the priority fee, gwei. */
  minPriorityFeeGwei: z.number().min(0).max(1_000_000).optional(),
  /** Multiplier on the next base fee. */
  baseFeeMultiplier: z.number().min(1).max(10).optional(),
  /** Percentile of recent priority fees. */
  priorityPercentile: z.number().min(1).max(99).optional(),
  /** Replacement bump, percent; EIP-1559 nodes need at least 10. */
  bumpPercent: z.number().min(10).max(100).optional(),
  /** Recent blocks read for the priority fee. */
  historyBlocks: z.number().int().min(1).max(1024).optional(),
});
export type ChainFeePolicyConfig = z.infer<typeof chainFeePolicySchema>;

/** `BASE/QUOTE` asset pair, upper-case symbols. */
const pairName = z
  .string()
  .regex(/^[A-Z0-9]{1,16}\/[A-Z0-9]{1,16}$/, 'a pair is two asset symbols joined by "/", e.g. BTC/ETH');

export const chainConfigSchema = z.strictObject({
  /** Short name used in construct ids, alarm names and `--chain`, e.g. `base`. */
  name: z
    .string()
    .regex(/^[a-z][a-z0-9-]{1,30}$/, 'chain names are 2–31 lower-case letters, digits or dashes'),
  /** EIP-155 chain id; also in the EIP-712 domain of every batch signed for this chain. */
  chainId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  /** The deployed RiskOracle contract on this chain (the EIP-712 domain's verifying contract). */
  oracleAddress: evmAddress,
  /**
   * SSM SecureString holding comma-separated RPC URLs in failover order. CloudFormation cannot
   * create SecureStrings: the operator creates it (docs/operations.md); the stack only references it.
   */
  rpcUrlsParameterName: ssmParameterName,
  /** Alarm when the signer's balance on this chain falls below this, in ether (native units). */
  minSignerBalanceEth: z.number().positive(),
  /** Blocks counted from the receipt's block (itself included) before a round is final. @default 1 */
  confirmations: z.number().int().min(1).max(256).optional(),
  /** This chain's fee policy; absent fields keep the defaults. @default {} */
  feePolicy: chainFeePolicySchema.optional(),
  /**
   * Assets published on this chain (names from the assets config, upper-case).
   * @default every asset of the assets config
   */
  assets: z
    .array(z.string().regex(/^[A-Z0-9]{1,16}$/, 'asset names are upper-case symbols like BTC'))
    .min(1, 'list at least one asset, or leave "assets" out to publish every asset')
    .refine((a) => new Set(a).size === a.length, { message: 'assets must not repeat' })
    .optional(),
  /** Pairs published on this chain. @default every pair whose two assets this chain publishes */
  pairs: z
    .array(pairName)
    .refine((p) => new Set(p).size === p.length, { message: 'pairs must not repeat' })
    .optional(),
});
export type ChainConfig = z.infer<typeof chainConfigSchema>;

/** A stage's target chains: at least one, names and chain ids unique. */
export const chainsConfigSchema = z
  .array(chainConfigSchema)
  .min(1, 'at least one chain is required')
  .refine((chains) => new Set(chains.map((c) => c.name)).size === chains.length, {
    message: 'chain names must be unique',
  })
  .refine((chains) => new Set(chains.map((c) => c.chainId)).size === chains.length, {
    message: 'chain ids must be unique',
  });
