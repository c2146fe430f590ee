export interface BacktestInputErrorOptions {
  readonly cause?: unknown;
  readonly fix?: string;
}

/**
 * Bad backtest input (CSV file, dates, flags). The message names the file and line, the value and
 * what is allowed, in one line; the CLI prints it and exits with code 2.
 */
export class BacktestInputError extends Error {
  override name = 'BacktestInputError';
  readonly fix: string | undefined;

  constructor(message: string, options: BacktestInputErrorOptions = {}) {
    super(options.fix === undefined ? message : `${message} (fix: ${options.fix})`, { cause: options.cause });
    this.fix = options.fix;
  }
}
