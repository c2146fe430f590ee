/**
 * The exit codes of every `ballast` command: the one table. The README's "CLI" section prints the
 * same rows (test/unit/cli/exitCodes.test.ts fails when they drift apart); runCli
 * (shared/cli/runCli.ts) maps every error onto it and publishExitCode every publish step.
 */
export const EXIT_CODES = {
  ok: 0,
  failed: 1,
  input: 2,
  environment: 3,
  pending: 4,
  busy: 5,
} as const;

/** One of the codes of EXIT_CODES. */
export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

/** What each code means, as the README's table says it. */
export const EXIT_CODE_MEANINGS: Readonly<Record<ExitCode, string>> = {
  0: 'done (a publish step published, or nothing was due)',
  1: 'a check or a publication failed: `verify` found a FAIL, `signer check` did not recover, a round was refused, reverted or dropped, `collect` got no reference price',
  2: 'bad input: a flag, argument, config or data file (the line names the field, the value and what is allowed)',
  3: 'an environment problem: no stack, a part or URL that does not answer or times out, no credentials, a path that cannot be written',
  4: "a publish step did not finish: the round's transaction is still pending (the next run finishes it from the ledger)",
  5: 'a publish step sent nothing: another publisher holds the lease (run again when it is done)',
};
