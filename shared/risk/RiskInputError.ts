export interface RiskInputErrorOptions {
  readonly cause?: unknown;
  /** One sentence telling the caller how to fix the input. */
  readonly fix?: string;
}

/**
 * The risk engine was given inputs it cannot use (unsorted candles, non-finite prices, ...).
 * The message names the field, the value and what is allowed.
 */
export class RiskInputError extends Error {
  override name = 'RiskInputError';
  readonly fix: string | undefined;

  constructor(message: string, options: RiskInputErrorOptions = {}) {
    super(options.fix === undefined ? message : `${message}\n  fix: ${options.fix}`, {
      cause: options.cause,
    });
    this.fix = options.fix;
  }
}
