import * as z from 'zod';

/** Largest `limit` the history route accepts. @default 500 */
export const API_MAX_LIMIT = 500;
/** `limit` when none is given. @default 100 */
export const API_DEFAULT_LIMIT = 100;
/** Largest round number: the contract's round is a uint64. */
export const MAX_ROUND = (1n << 64n) - 1n;

/**
 * Last instant a time parameter may name: 9999-12-31T23:59:59.999Z. Later instants have no
 * RFC 3339 form (years are 4 digits), so the API could not echo them as `date-time`.
 */
export const MAX_TIME_MS = 253_402_300_799_999;

const RFC_3339 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))?)?$/;
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** ms UTC of an RFC 3339 full-date or date-time (with zone), or why it is not one. */
function parseRfc3339(text: string): number | string {
  const m = RFC_3339.exec(text);
  if (m === null) return 'not RFC 3339';
  const [year, month, day, hour = 0, minute = 0, second = 0] = m.slice(1, 7).map((part) => Number(part ?? 0));
  if (m[4] !== undefined && m[8] === undefined && m[9] === undefined) return 'a date-time needs a zone';
  if (month === undefined || month < 1 || month > 12) return `month ${m[2]} does not exist`;
  const days =
    new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 && !isLeapYear(year ?? 0) ? 1 : 0);
  if (day === undefined || day < 1 || day > days) return `${MONTHS[month - 1]} ${m[1]} has ${days} days`;
  if (hour > 23 || minute > 59) return `${m[4]}:${m[5]} is not a time of day`;
  if (second > 59) return 'leap seconds are not supported; use :59';
  const offsetHours = Number(m[10] ?? 0);
  const offsetMinutes = Number(m[11] ?? 0);
  if (offsetHours > 23 || offsetMinutes > 59) return `offset ${m[9]}${m[10]}:${m[11]} does not exist`;
  const date = new Date(0);
  date.setUTCFullYear(year ?? 0, month - 1, day);
  date.setUTCHours(hour, minute, second, Number((m[7] ?? '').padEnd(3, '0').slice(0, 3)));
  return date.getTime() - (m[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * A point in time as RFC 3339 (a full-date `2026-11-21`, or a date-time WITH a zone:
 * `2026-11-21T06:00:00Z`, `…+02:00`; digits past milliseconds are dropped) or epoch milliseconds
 * (`1763704800000`), parsed to ms UTC, from 1970-01-01 to 9999-12-31 (MAX_TIME_MS). Strict: an
 * impossible date (`2026-02-30`) is refused, never normalised; a date-time without zone is
 * refused (it would mean a different instant on every server).
 */
export const timeParameter = z.string().transform((value, ctx) => {
  const parsed = /^\d{1,16}$/.test(value) ? Number(value) : parseRfc3339(value);
  const why =
    typeof parsed === 'string'
      ? parsed
      : parsed < 0
        ? 'before 1970-01-01'
        : parsed > MAX_TIME_MS
          ? 'after 9999-12-31T23:59:59.999Z'
          : undefined;
  if (why !== undefined || typeof parsed === 'string') {
    ctx.addIssue({
      code: 'custom',
      message: `"${value.slice(0, 80)}" is not a time (${why ?? 'not RFC 3339'}); expected RFC 3339 with a zone (e.g. 2026-11-21T06:00:00Z or 2026-11-21) or epoch milliseconds, from 1970-01-01 to 9999-12-31`,
    });
    return z.NEVER;
  }
  return parsed;
});

/**
 * `{asset}` in a path: 2–11 upper-case letters or digits, as in the assets config, or a pair id
 * `C/D` (docs/cross-asset.md) sent with its slash percent-encoded (`ETH%2FBTC`).
 */
export const assetParameter = z
  .string()
  .refine((value) => /^[A-Z0-9]{2,11}(\/[A-Z0-9]{2,11})?$/.test(value), {
    error: (issue) =>
      `"${String(issue.input)}" is not an asset name; expected 2–11 upper-case letters or digits (e.g. BTC), or a pair C/D sent as C%2FD (e.g. ETH%2FBTC)`,
  });

/** `{round}` in a path: a decimal uint64 above zero, kept as text (it does not fit a double). */
export const roundParameter = z
  .string()
  .refine((value) => /^[1-9]\d{0,19}$/.test(value) && BigInt(value) <= MAX_ROUND, {
    error: (issue) =>
      `"${String(issue.input)}" is not a round; expected a whole number from 1 to ${MAX_ROUND}`,
  });

/**
 * `chain`: a target chain's id (e.g. `31338`) or name (e.g. `base`); which chains exist is checked
 * against the stage's config by the route (requestedChains). Absent: every chain.
 */
export const chainParameter = z
  .string()
  .refine((value) => /^(?:[1-9]\d{0,15}|[a-z][a-z0-9-]{1,30})$/.test(value), {
    error: (issue) =>
      `"${String(issue.input).slice(0, 80)}" is not a chain; expected a chain id (a whole number, e.g. 8453) or a chain name (2–31 lower-case letters, digits or dashes, e.g. base)`,
  });

/** Query of the routes that only take `chain`. */
export const chainQuerySchema = z.strictObject({ chain: chainParameter.optional() });

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
    chain: chainParameter.optional(),
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

/** Query of `GET /v1/correlations`: the cycle at or before `at` (absent: the latest). */
export const correlationsQuerySchema = z.strictObject({ at: timeParameter.optional() });

/** Routes without query parameters refuse any. */
export const emptyQuerySchema = z.strictObject({});

/** Path parameters of the asset routes. */
export const assetPathSchema = z.object({ asset: assetParameter });
/** Path parameters of `/v1/rounds/{round}`. */
export const roundPathSchema = z.object({ round: roundParameter });
