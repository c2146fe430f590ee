import { z } from 'zod';

/** Largest `limit` the history route accepts. @default 500 */
export const API_MAX_LIMIT = 500;
/** `limit` when none is given. @default 100 */
export const API_DEFAULT_LIMIT = 100;
/** Largest round number: the contract's round is a uint64. */
export const MAX_ROUND = (1n << 64n) - 1n;

const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

/**
 * A point in time as ISO-8601 (a date, or a date-time WITH a zone: `2026-11-21T06:00:00Z`) or
 * epoch milliseconds (`1763704800000`), parsed to ms UTC. A date-time without zone is refused:
 * it would mean a different instant on every server.
 */
export const timeParameter = z.string().transform((value, ctx) => {
  const text = value.trim();
  let ms = Number.NaN;
  if (/^\d{1,16}$/.test(text)) ms = Number(text);
  else if (ISO_8601.test(text)) ms = Date.parse(text);
  if (!Number.isSafeInteger(ms) || ms < 0) {
    ctx.addIssue({
      code: 'custom',
      message: `"${value}" is not a time; expected ISO-8601 with a zone (e.g. 2026-11-21T06:00:00Z or 2026-11-21) or epoch milliseconds`,
    });
    return z.NEVER;
  }
  return ms;
});

/** `{asset}` in a path: 2–11 upper-case letters or digits, as in the assets config. */
export const assetParameter = z.string().refine((value) => /^[A-Z0-9]{2,11}$/.test(value), {
  error: (issue) =>
    `"${String(issue.input)}" is not an asset name; expected 2–11 upper-case letters or digits (e.g. BTC)`,
});

/** `{round}` in a path: a decimal uint64 above zero, kept as text (it does not fit a double). */
export const roundParameter = z
  .string()
  .refine((value) => /^[1-9]\d{0,19}$/.test(value) && BigInt(value) <= MAX_ROUND, {
    error: (issue) =>
      `"${String(issue.input)}" is not a round; expected a whole number from 1 to ${MAX_ROUND}`,
  });

/** Query of `GET /v1/assets/{asset}/parameters`; unknown parameters are refused so a typo never goes unnoticed. */
export const historyQuerySchema = z
  .strictObject({
    from: timeParameter.optional(),
    to: timeParameter.optional(),
    limit: z
      .string()
      .optional()
      .transform((value, ctx) => {
        if (value === undefined) return API_DEFAULT_LIMIT;
        const n = /^\d{1,6}$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
        if (!(n >= 1 && n <= API_MAX_LIMIT)) {
          ctx.addIssue({
            code: 'custom',
            message: `"${value}" is not allowed; expected a whole number from 1 to ${API_MAX_LIMIT}`,
          });
          return z.NEVER;
        }
        return n;
      }),
    cursor: z
      .string()
      .optional()
      .refine((value) => value === undefined || /^[A-Za-z0-9_-]{1,400}$/.test(value), {
        error: 'is not a cursor; pass the nextCursor of the previous page unchanged',
      }),
  })
  .superRefine((query, ctx) => {
    if (query.from !== undefined && query.to !== undefined && query.from > query.to) {
      ctx.addIssue({
        code: 'custom',
        path: ['from'],
        message: `${new Date(query.from).toISOString()} is after to (${new Date(query.to).toISOString()}); expected from <= to`,
      });
    }
  });
export type HistoryQuery = z.output<typeof historyQuerySchema>;

/** Routes without query parameters refuse any. */
export const emptyQuerySchema = z.strictObject({});

/** Path parameters of the asset routes. */
export const assetPathSchema = z.object({ asset: assetParameter });
/** Path parameters of `/v1/rounds/{round}`. */
export const roundPathSchema = z.object({ round: roundParameter });
