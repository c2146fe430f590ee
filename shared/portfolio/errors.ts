import { InputError } from '../errors/BallastError.js';

/**
 * A position set or a portfolio request that cannot be evaluated. The message is one line naming
 * the field, the value and what is allowed.
 */
export class PortfolioInputError extends InputError {
  override name = 'PortfolioInputError';
}
