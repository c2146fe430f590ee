import { InputError } from '../../errors/BallastError.js';

/**
 * The cross-asset math was given inputs it cannot use (fewer than two assets, unaligned lengths,
 * non-positive prices, an unknown asset in a position). The message names the field, the value
 * and what is allowed.
 */
export class CrossAssetInputError extends InputError {
  override name = 'CrossAssetInputError';
}
