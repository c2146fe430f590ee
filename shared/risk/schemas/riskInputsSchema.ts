import * as z from 'zod';

const finite = z.number().refine(Number.isFinite, { message: 'must be a finite number' });
const level = z.tuple([
  finite.refine((x) => x > 0, { message: 'price must be > 0' }),
  finite.refine((x) => x >= 0, { message: 'size must be >= 0' }),
]);

/** RiskInputs as read from a file (`ballast compute --inputs`); the engine re-checks ordering. */
export const riskInputsSchema = z.strictObject({
  asset: z.string().min(1),
  asOf: z.number().int().positive(),
  candles: z.array(z.tuple([z.number().int(), finite, finite, finite, finite, finite])),
  book: z
    .strictObject({
      referencePrice: finite.refine((x) => x > 0, { message: 'must be > 0' }),
      bids: z.array(level),
      bestBid: finite,
      bestAsk: finite,
      depth2PctUsd: finite.optional(),
    })
    .optional(),
  quality: z.strictObject({ degraded: z.boolean(), reasons: z.array(z.string()) }),
  impliedVol: z
    .strictObject({
      source: z.string().min(1),
      index: finite.refine((x) => x > 0, { message: 'must be > 0' }),
      ts: z.number().int().positive(),
    })
    .optional(),
});
