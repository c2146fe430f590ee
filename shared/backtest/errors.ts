import { InputError } from '../errors/BallastError.js';
export interface BacktestInputErrorOptions {
  readonly cause?: unknown;
  readonly fix?: string;
}

/**
 * Bad backtest input (CSV file, dates, flags). The message names the file and line, the value and
 * what is allowed, in one line; the CLI prints it and exits with code 2.
 */
export class BacktestInputError extends InputError {
  override name = 'BacktestInputError';

  constructor(message: string, options: BacktestInputErrorOptions = {}) {
    super(message, { cause: options.cause, ...(options.fix === undefined ? {} : { fix: options.fix }) });
  }
}
