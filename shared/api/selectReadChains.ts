import { InputError } from '../errors/BallastError.js';
import type { ReadChain } from './ApiContext.js';

/**
 * The chains a reader shows (docs/multi-chain.md): every chain when `value` is absent, else the
 * one whose id or name it is.
 * @param field named in the error: `chain` (API query) or `--chain-id` (CLI).
 * @throws InputError naming the field, the value and the chains allowed.
 */
export function selectReadChains(
  chains: readonly ReadChain[],
  field: string,
  value: string | undefined,
): readonly ReadChain[] {
  if (value === undefined) return chains;
  const wanted = value.trim();
  const found = chains.find((c) => String(c.chainId) === wanted || c.name === wanted);
  if (found !== undefined) return [found];
  const shown = value.length > 80 ? `${value.slice(0, 80)}…` : value;
  throw new InputError(
    `${field}: "${shown}" is not a chain of this stage; allowed: ${
      chains.length === 0
        ? 'none (no chain is configured)'
        : chains.map((c) => `${c.chainId} (${c.name})`).join(', ')
    }`,
  );
}
