import { InputError } from '../errors/BallastError.js';
export interface RiskInputErrorOptions {
  readonly cause?: unknown;
  /** One sentence telling the caller how to fix the input. */
  readonly fix?: string;
}

/**
 * The risk engine was given inputs it cannot use (unsorted candles, non-finite prices, ...).
 * The message names the field, the value and what is allowed.
 */
export class RiskInputError extends InputError {
  override name = 'RiskInputError';

  constructor(message: string, options: RiskInputErrorOptions = {}) {
    super(message, { cause: options.cause, ...(options.fix === undefined ? {} : { fix: options.fix }) });
  }
}
