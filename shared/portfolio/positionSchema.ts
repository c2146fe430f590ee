import * as z from 'zod';

/** Stablecoin and cash ids valued at 1 USD (collateral or debt that never moves). */
export const CASH_ASSETS = ['USD', 'USDC', 'USDT'] as const;

/** Most distinct assets one position may name on each side. @default 50 */
export const MAX_POSITION_ASSETS = 50;

const amount = z.number().positive().finite();
const side = z
  .record(z.string().regex(/^[A-Z0-9]{1,16}$/, 'asset ids are 1–16 upper-case letters or digits'), amount)
  .refine((m) => Object.keys(m).length <= MAX_POSITION_ASSETS, {
    message: `at most ${MAX_POSITION_ASSETS} assets`,
  });

/**
 * One position for portfolio margin (docs/cross-asset.md): amounts in units of each asset
 * (not USD), e.g. `{ "collateral": { "BTC": 1, "ETH": 15 }, "debt": { "USD": 60000 } }`.
 * Unknown members are refused.
 */
export const positionSchema = z.strictObject({
  /** A label echoed in the result. */
  name: z.string().min(1).max(100).optional(),
  collateral: side.refine((m) => Object.keys(m).length > 0, { message: 'at least one collateral asset' }),
  debt: side.default({}),
});

export type Position = z.infer<typeof positionSchema>;
