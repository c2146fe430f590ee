import { Command } from 'commander';
import { vi } from 'vitest';
import { runCli } from '../../../shared/cli/runCli.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `ballast <args>` in this process with only the given commands registered, capturing what
 * they print (stdout, stderr and console.log) and the exit code the CLI would return.
 */
export async function runCliInProcess(
  register: readonly ((program: Command) => void)[],
  args: readonly string[],
): Promise<CliRun> {
  const program = new Command('ballast');
  for (const add of register) add(program);
  let stdout = '';
  let stderr = '';
  const out = vi
    .spyOn(process.stdout, 'write')
    .mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi
    .spyOn(process.stderr, 'write')
    .mockImplementation((chunk) => ((stderr += String(chunk)), true));
  const log = vi
    .spyOn(console, 'log')
    .mockImplementation((...items: unknown[]) => void (stdout += `${items.join(' ')}\n`));
  try {
    return { code: await runCli(program, ['node', 'ballast', ...args]), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    log.mockRestore();
  }
}
