import { CommanderError, type Command } from 'commander';
import { BallastError, InputError } from '../errors/BallastError.js';
import { PublishNotMinedError } from './errors.js';
import { EXIT_CODES, type ExitCode } from './exitCodes.js';

/** Errors that mean "what you asked to check or publish failed" (exit 1), by name: they live in several packages. */
const FAILED = new Set(['VerificationFailedError', 'StoredItemError']);

/** The codes a command may give its own commander errors (`cmd.error(..., { exitCode })`). */
const TABLE: ReadonlySet<number> = new Set(Object.values(EXIT_CODES));

/** What to do about common system errors (a file, a port, the network). */
function systemFix(code: string): string | undefined {
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
    return 'choose a path you can write (e.g. under .ballast/), or fix its permissions';
  if (code === 'ENOENT') return 'check the path';
  if (code === 'EADDRINUSE') return 'choose another port, or stop what listens there';
  if (code === 'ECONNREFUSED' || code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT')
    return 'check that the URL is right and the service runs (for the local stack: `npx ballast stack status`)';
  return undefined;
}

/** The deepest command the words name, e.g. `stack` for `ballast stack --quiet`, with its parents. */
function findCommand(program: Command, words: readonly string[]): Command[] {
  const path = [program];
  for (const word of words) {
    const next = path[path.length - 1]!.commands.find((c) => c.name() === word);
    if (next === undefined) break;
    path.push(next);
  }
  return path;
}

function commandPath(program: Command, words: readonly string[]): string {
  return findCommand(program, words)
    .map((c) => c.name())
    .join(' ');
}

function subcommandNames(program: Command, words: readonly string[]): string {
  const path = findCommand(program, words);
  return path[path.length - 1]!.commands.map((c) => c.name()).join(', ');
}

/** One line: the message's lines joined, then the fix. */
function oneLine(message: string, fix: string | undefined): string {
  const body = message
    .replace(/\n\s*fix: [\s\S]*$/, '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join('; ');
  return `ballast: ${body}${fix === undefined ? '' : ` (fix: ${fix})`}\n`;
}

/**
 * Runs the program and returns its exit code, from the one table (shared/cli/exitCodes.ts, printed
 * in the README): 0 ok; 1 a check or publication failed; 2 bad input (commander's usage errors,
 * InputError, ConfigError); 3 an environment problem (no stack, a part or URL that does not
 * answer, no credentials, a file that cannot be written) and anything unexpected; 4 and 5 a
 * publish step that is still pending or found the lease held (PublishNotMinedError carries its
 * code). Every error is one line with its fix; the stack trace only with `--debug` (or
 * BALLAST_DEBUG=1).
 */
export async function runCli(program: Command, argv: readonly string[]): Promise<ExitCode> {
  const debug = argv.includes('--debug') || process.env.BALLAST_DEBUG === '1';
  const args = argv.filter((arg) => arg !== '--debug');
  program.exitOverride();
  program.configureOutput({ writeErr: (text) => process.stderr.write(text) });
  // Every level (e.g. `stack up`, `sim shock`): commander must throw, never exit by itself, and
  // print nothing of its own for an error: the one line below says it, with the fix.
  const override = (command: Command): void => {
    command.exitOverride();
    command.showHelpAfterError(false);
    command.configureOutput({ outputError: () => undefined });
    for (const sub of command.commands) override(sub);
  };
  override(program);
  try {
    await program.parseAsync(args as string[], { from: 'node' });
    return EXIT_CODES.ok;
  } catch (error) {
    if (debug && error instanceof Error && !(error instanceof CommanderError))
      process.stderr.write(`${error.stack ?? error.message}\n`);
    if (error instanceof CommanderError) {
      // A command group without its subcommand (`ballast stack`): commander has printed the usage
      // to stderr; that is a usage error (exit 2), not help that was asked for.
      if (error.code === 'commander.help' && error.exitCode !== 0) {
        const group = commandPath(program, args.slice(2));
        process.stderr.write(
          oneLine(
            `\`${group}\` needs a subcommand, one of: ${subcommandNames(program, args.slice(2))}`,
            `see \`npx ${group} --help\``,
          ),
        );
        return EXIT_CODES.input;
      }
      // help and version "errors" are normal exits; commander has already printed its message.
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
      )
        return EXIT_CODES.ok;
      // "error: unknown option …" (commander) or "ballast parse: …" (a command's own cmd.error).
      const message = error.message.replace(/^error: /, '').replace(/^ballast /, '');
      // A command's own `cmd.error(message, { exitCode, code: 'ballast.…' })` keeps its code.
      if (error.code.startsWith('ballast.')) {
        process.stderr.write(oneLine(message, undefined));
        return TABLE.has(error.exitCode) ? (error.exitCode as ExitCode) : EXIT_CODES.input;
      }
      const command = program.commands.find((c) => c.name() === args[2]);
      process.stderr.write(
        oneLine(message, `see \`npx ballast${command === undefined ? '' : ` ${command.name()}`} --help\``),
      );
      return EXIT_CODES.input;
    }
    const fix = error instanceof BallastError ? error.fix : undefined;
    // ConfigError (shared/config) lists every problem of a config file: bad input too.
    if (error instanceof InputError || (error instanceof Error && error.name === 'ConfigError')) {
      process.stderr.write(oneLine(error.message, fix));
      return EXIT_CODES.input;
    }
    if (error instanceof PublishNotMinedError) {
      process.stderr.write(oneLine(error.message, fix));
      return error.exitCode;
    }
    if (error instanceof Error && FAILED.has(error.name)) {
      process.stderr.write(oneLine(error.message, fix));
      return EXIT_CODES.failed;
    }
    if (error instanceof Error && error.name === 'CredentialsProviderError') {
      process.stderr.write(
        oneLine(
          `no AWS credentials were found (${error.message})`,
          'add --local to read the embedded local stack, or configure AWS credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID, ...) to read a deployment',
        ),
      );
      return EXIT_CODES.environment;
    }
    if (error instanceof BallastError) {
      process.stderr.write(oneLine(error.message, fix));
      return EXIT_CODES.environment;
    }
    const code = (error as { code?: unknown }).code;
    const name = error instanceof Error ? error.name : '';
    const message = error instanceof Error ? error.message : String(error);
    const timeout = name === 'TimeoutError' || name === 'AbortError';
    process.stderr.write(
      oneLine(
        timeout ? `a network call timed out (${message})` : message,
        (typeof code === 'string' ? systemFix(code) : undefined) ??
          (timeout
            ? 'check that the URL is right and the service answers'
            : 'run again with --debug for the stack trace, and report it if it looks like a bug'),
      ),
    );
    return EXIT_CODES.environment;
  }
}
