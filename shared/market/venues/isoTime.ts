import * as z from 'zod';

/** An ISO-8601 UTC time string (`2024-12-01T00:00:00.123456Z`) → ms UTC; sub-ms digits are dropped. */
export const isoTimeMs = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/,
    'expected an ISO-8601 UTC time',
  )
  .transform((s) => Date.parse(s))
  .refine(Number.isFinite, 'not a valid calendar time');
