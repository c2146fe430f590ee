import * as z from 'zod';
import { formatZodIssues } from '../config/formatZodIssues.js';
import { InputError } from '../errors/BallastError.js';
import type { ReadChain } from './ApiContext.js';

const chainsSchema = z
  .array(
    z.object({
      name: z.string().min(1),
      chainId: z.number().int().positive(),
      oracleAddress: z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'must be a 0x-prefixed 20-byte address'),
    }),
  )
  .min(1);

/**
 * The target chains of `BALLAST_CHAINS_JSON` (set by the CDK stack on the API function).
 * @throws InputError naming the variable and each problem.
 */
export function readChainsFromEnv(json: string): ReadChain[] {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new InputError(
      `BALLAST_CHAINS_JSON: not JSON (${(error as Error).message}); expected [{ name, chainId, oracleAddress }]`,
    );
  }
  const parsed = chainsSchema.safeParse(value);
  if (!parsed.success)
    throw new InputError(
      `BALLAST_CHAINS_JSON: ${formatZodIssues(parsed.error.issues).join('; ')}; expected [{ name, chainId, oracleAddress }]`,
    );
  return parsed.data.map(({ name, chainId, oracleAddress }) => ({ name, chainId, address: oracleAddress }));
}
