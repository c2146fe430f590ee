import type { Command } from 'commander';
import { CommanderError } from 'commander';
import { BallastError, InputError } from '../errors/BallastError.js';

import { EXIT_CODES } from './errors.js';

/** Exit code for bad input (arguments, config, data files). */
const EXIT_INPUT = EXIT_CODES.input;
/** Exit code for a failure while running (a part did not start, a check failed). */
const EXIT_FAILURE = EXIT_CODES.failed;

/**
 * Runs the program: commander's own usage errors (unknown flag, missing argument) and our
 * InputErrors print one clear line and exit 2; other failures print their message and exit 1.
 */
export async function runCli(program: Command, argv: readonly string[]): Promise<number> {
  program.exitOverride();
  program.configureOutput({ writeErr: (text) => process.stderr.write(text) });
  for (const command of program.commands) command.exitOverride();
  try {
    await program.parseAsync(argv as string[], { from: 'node' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and version "errors" are normal exits; commander has already printed its message.
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
      )
        return 0;
      return EXIT_INPUT;
    }
    // ConfigError (shared/config) lists every problem of a config file: bad input too.
    if (error instanceof InputError || (error instanceof Error && error.name === 'ConfigError')) {
      process.stderr.write(`ballast: ${error.message}\n`);
      return EXIT_INPUT;
    }
    if (error instanceof Error && error.name === 'CredentialsProviderError') {
      process.stderr.write(
        `ballast: no AWS credentials were found (${error.message})\n  fix: add --local to read the embedded local stack, or configure AWS credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID, ...) to read a deployment\n`,
      );
      return EXIT_FAILURE;
    }
    if (error instanceof BallastError) {
      process.stderr.write(`ballast: ${error.message}\n`);
      return EXIT_FAILURE;
    }
    process.stderr.write(
      `ballast: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return EXIT_FAILURE;
  }
}
