import type { ImpliedVol } from '../../core/types.js';
import { ImpliedVolError } from '../errors.js';
import { DERIBIT_DVOL, deribitDvolSchema, deribitErrorSchema } from './deribitDvolSchema.js';

/**
 * Strict parse of a DVOL body (docs/methodology.md §3.7): the latest close, as an implied-volatility
 * input. An error envelope, a body off the schema (naming the JSON path) or an empty series throws.
 * @throws ImpliedVolError
 */
export function parseDeribitDvol(body: unknown): ImpliedVol {
  const error = deribitErrorSchema.safeParse(body);
  if (error.success)
    throw new ImpliedVolError(
      `deribit ${DERIBIT_DVOL.path} returned error ${error.data.error.code}: ${error.data.error.message}`,
    );
  const parsed = deribitDvolSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = (issue?.path ?? []).reduce<string>(
      (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : `${acc}.${String(key)}`),
      '$',
    );
    throw new ImpliedVolError(
      `deribit ${DERIBIT_DVOL.path}: invalid response at ${field}: ${issue?.message ?? 'does not match the schema'}`,
      { cause: parsed.error },
    );
  }
  const last = parsed.data.result.data.at(-1);
  if (last === undefined)
    throw new ImpliedVolError(`deribit ${DERIBIT_DVOL.path}: no DVOL value in the window`);
  return { source: 'deribit:DVOL', index: last[4], ts: last[0] };
}
