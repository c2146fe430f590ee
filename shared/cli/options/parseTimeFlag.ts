import * as z from 'zod';
import { InputError } from '../../errors/BallastError.js';
import { timeParameter } from '../../api/parameterSchemas.js';

/** A CLI time flag, parsed like the API's `from`/`to` (ISO-8601 with a zone, or epoch ms); undefined when absent. */
export function parseTimeFlag(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = z.object({ value: timeParameter }).safeParse({ value });
  if (!parsed.success)
    throw new InputError(`${flag}: ${parsed.error.issues[0]?.message ?? `"${value}" is not a time`}`);
  return parsed.data.value;
}
