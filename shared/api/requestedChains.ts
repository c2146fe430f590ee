import { InputError } from '../errors/BallastError.js';
import type { ApiContext, ReadChain } from './ApiContext.js';
import { InvalidParameterError } from './errors.js';
import { readChainsOf } from './readChainsOf.js';
import { selectReadChains } from './selectReadChains.js';

/**
 * The chains a response reports (docs/multi-chain.md): every target chain of the stage, or the one
 * the `chain` query parameter names (its id or name).
 * @throws InvalidParameterError (400) naming `chain`, the value and the chains allowed.
 */
export function requestedChains(context: ApiContext, chain: string | undefined): readonly ReadChain[] {
  try {
    return selectReadChains(readChainsOf(context), 'chain', chain);
  } catch (error) {
    if (error instanceof InputError)
      throw new InvalidParameterError('chain', error.message, {
        cause: error,
        fix: 'GET /v1/health lists the chains; omit chain for all of them',
      });
    throw error;
  }
}
