import * as z from 'zod';

const bps = z.number().int().min(0).max(10_000);
const steps = z.array(z.tuple([z.number().int(), z.number().int().min(0)]));

/** PublishedState as read from a file (`ballast compute --previous`) or a store. */
export const publishedStateSchema = z.strictObject({
  asset: z.string().min(1),
  volIndexBps: z.number().int().min(0),
  ltvBps: bps,
  ltBps: bps,
  lbBps: bps,
  haircutBps: bps,
  publishedAt: z.number().int().positive(),
  frozen: z.boolean(),
  loosening: z.strictObject({ ltv: steps, lt: steps, lb: steps }),
  apc: z.strictObject({ qLt: z.number().nullable(), qLtv: z.number().nullable() }),
  updatedAt: z.number().int().positive(),
  control: z
    .strictObject({ ltvBps: z.number().finite(), ltBps: z.number().finite(), lbBps: z.number().finite() })
    .optional(),
});
