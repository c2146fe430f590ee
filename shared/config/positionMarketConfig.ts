import * as z from 'zod';

/**
 * One on-chain lending market whose positions the indexer follows (docs/positions.md): an
 * ExampleLendingMarket, or any market emitting the same events. The stage config lists them under
 * `positions.markets`; the CDK stack hands the indexer Lambda the list as
 * `BALLAST_POSITION_MARKETS_JSON`, each entry with its chain's RPC SecureString name added.
 */

/** Blocks the indexer leaves unread behind the head on a market that sets none. @default 0 */
export const DEFAULT_MARKET_CONFIRMATIONS = 0;
/** Ballast asset id of a market's debt token when none is set: a dollar token. @default "USD" */
export const DEFAULT_MARKET_DEBT_ASSET = 'USD';
/** Token decimals of a market's collateral and debt tokens when none are set. @default 18 */
export const DEFAULT_TOKEN_DECIMALS = 18;

const marketAddress = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, 'an EVM address is 0x followed by 40 hex digits (the deployed market)')
  .refine((address) => !/^0x0{40}$/.test(address), 'the zero address is not a market (deploy it first)');
const assetSymbol = z
  .string()
  .regex(/^[A-Z0-9]{1,16}$/, 'an asset id is an upper-case symbol like ETH (or USD for a dollar token)');
const decimals = z.number().int().min(0).max(36, 'token decimals are 0–36');

export const positionMarketSchema = z.strictObject({
  /** EIP-155 chain id of the market; the stage must publish to this chain (its RPC URLs are used). */
  chainId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  /** The market contract. */
  address: marketAddress,
  /** First block read: the market's deployment block. */
  startBlock: z.number().int().min(0),
  /**
   * Blocks behind the head left unread. 0 follows the head and repairs reorgs of up to the last
   * DEFAULT_RECENT_COMMITS commits (shared/positions/syncMarketPositions.ts).
   * @default DEFAULT_MARKET_CONFIRMATIONS
   */
  confirmations: z.number().int().min(0).max(256).default(DEFAULT_MARKET_CONFIRMATIONS),
  /**
   * Blocks per eth_getLogs request and commit; lower it for RPC providers that cap log ranges.
   * @default DEFAULT_MAX_BLOCK_RANGE (shared/positions/syncMarketPositions.ts)
   */
  maxBlockRange: z.number().int().min(1).max(100_000).optional(),
  /** Ballast asset id of the collateral token (an asset of the assets config). */
  collateralAsset: assetSymbol,
  /** @default DEFAULT_MARKET_DEBT_ASSET */
  debtAsset: assetSymbol.default(DEFAULT_MARKET_DEBT_ASSET),
  /** @default DEFAULT_TOKEN_DECIMALS */
  collateralDecimals: decimals.default(DEFAULT_TOKEN_DECIMALS),
  /** @default DEFAULT_TOKEN_DECIMALS */
  debtDecimals: decimals.default(DEFAULT_TOKEN_DECIMALS),
  /**
   * SSM SecureString of the market chain's RPC URLs. The CDK stack sets the stage chain's
   * `rpcUrlsParameterName` when a market names none; locally BALLAST_RPC_URLS is used.
   */
  rpcUrlsParameterName: z
    .string()
    .regex(/^\/[A-Za-z0-9_.\-/]{1,1010}$/, 'an SSM parameter name is an absolute path')
    .optional(),
});
export type PositionMarketConfig = z.output<typeof positionMarketSchema>;

/** Markets of a stage: each (chain, address) once. */
export const positionMarketsSchema = z
  .array(positionMarketSchema)
  .max(20, 'at most 20 markets per stage (they travel in one Lambda environment variable)')
  .refine(
    (markets) =>
      new Set(markets.map((m) => `${m.chainId}:${m.address.toLowerCase()}`)).size === markets.length,
    { message: 'a market (chainId, address) may be listed once' },
  );
