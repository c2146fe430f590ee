import { InputError } from '../errors/BallastError.js';
/** One problem in a configuration file: where (dotted field path) and what is wrong. */
export interface ConfigProblem {
  /** Field path, e.g. `assets.BTC.bounds.lt.0`; empty string for the document root. */
  readonly path: string;
  readonly message: string;
}

export interface ConfigErrorOptions {
  readonly cause?: unknown;
}

/**
 * A configuration file failed validation. The message lists every problem at once, each with its
 * field path, so the whole file can be fixed in one pass.
 */
export class ConfigError extends InputError {
  override name = 'ConfigError';
  /** Where the configuration came from (a file path, an environment variable name). */
  readonly source: string;
  readonly problems: readonly ConfigProblem[];

  constructor(source: string, problems: readonly ConfigProblem[], options: ConfigErrorOptions = {}) {
    const lines = problems.map((p) => `  - ${p.path === '' ? '(root)' : p.path}: ${p.message}`);
    super(
      `invalid configuration in ${source}: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n${lines.join('\n')}\n  fix: correct the fields listed above (see shared/config/defaults.ts for every default)`,
      { cause: options.cause },
    );
    this.source = source;
    this.problems = problems;
  }
}
