import type { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../errors/BallastError.js';
import {
  findRunningStack,
  stackOptionDifferences,
  startStackProcess,
  stopOrphanSupervisors,
  stopStackProcess,
} from '../../localstack/stackProcess.js';
import { STACK_LOG_DIR } from '../../localstack/stackState.js';
import { StackNotRunningError } from '../../localstack/errors.js';
import { EnvironmentError, StackMismatchError } from '../errors.js';
import { probeStack } from '../../localstack/probeStack.js';
import type { StackState } from '../../localstack/stackState.js';
import { ensureContractsBuilt } from '../ensureContractsBuilt.js';
import { loadAssetsConfigFile } from '../loadAssetsConfigFile.js';
import { addStackPortOptions, readStackPorts } from '../options/stackPortOptions.js';
import { parseChainCount } from '../options/parseChainCount.js';
import { MAX_LOCAL_CHAINS } from '../../localstack/startLocalStack.js';

/** The parts that write a log under .ballast/logs. */
const LOG_PARTS = ['supervisor', 'anvil', 'dynamodb'] as const;

function parseLogPart(part: string): (typeof LOG_PARTS)[number] {
  const found = LOG_PARTS.find((p) => p === part.toLowerCase());
  if (found === undefined)
    throw new InputError(
      `stack logs: "${part}" is not a part with a log; expected one of ${LOG_PARTS.join(', ')}`,
    );
  return found;
}

function describe(state: StackState): string {
  return [
    `  anvil      ${state.anvil.rpcUrl} (chain ${state.anvil.chainId})`,
    `  dynamodb   ${state.dynamodb.endpoint} (tables ${state.dynamodb.tablePrefix}-*)`,
    `  kms        ${state.kms.endpoint} (key ${state.kms.keyId})`,
    `  exchanges  ${state.exchange.baseUrl}`,
    `  oracle     ${state.oracle.address}`,
    ...(state.chains ?? []).map(
      (c) => `  chain      ${c.name}: ${c.rpcUrl} (chain ${c.chainId}), oracle ${c.oracleAddress}`,
    ),
    `  supervisor pid ${state.pid}, up since ${state.startedAt}`,
    ...(state.options?.replayFromMs === undefined
      ? []
      : [`  replay     from ${new Date(state.options.replayFromMs).toISOString()}`]),
  ].join('\n');
}

export function registerStackCommand(program: Command): void {
  const stack = program
    .command('stack')
    .description('start, stop or inspect the embedded local stack (anvil, DynamoDB Local, KMS, exchanges)');

  addStackPortOptions(
    stack
      .command('up')
      .description('start the local stack in the background (a running stack is reported, not duplicated)')
      .option('--config <file>', 'assets config file')
      .option(
        '--chains <n>',
        `local chains (anvils, chain ids 31337, 31338, …), 1 to ${MAX_LOCAL_CHAINS} (default 1)`,
      ),
  ).action(async (options: { config?: string; chains?: string } & Record<string, unknown>) => {
    const ports = readStackPorts(options);
    const chains = parseChainCount(options.chains);
    const config = loadAssetsConfigFile(options.config);
    const running = findRunningStack();
    if (running !== undefined) {
      const differences = stackOptionDifferences(running, {
        ports,
        ...(chains === undefined ? {} : { chains }),
      });
      if (differences.length > 0)
        throw new StackMismatchError(
          `a local stack is already running (supervisor pid ${running.pid}) with other options: ${differences.join(', ')}`,
          { fix: 'stop it first with `npx ballast stack down`, or drop the options to reuse it' },
        );
      console.log(`a local stack is already running; reusing it:\n${describe(running)}`);
      return;
    }
    ensureContractsBuilt();
    const state = await startStackProcess(config, { ports, ...(chains === undefined ? {} : { chains }) });
    console.log(`local stack up:\n${describe(state)}\nstop it with: npx ballast stack down`);
  });

  stack
    .command('down')
    .description('stop the local stack and every process it started')
    .action(async () => {
      const running = findRunningStack();
      if (running !== undefined) {
        await stopStackProcess(running);
        console.log(`local stack stopped (supervisor pid ${running.pid})`);
      }
      // Supervisors of this checkout that no state file points at (a killed `run`, a deleted file).
      const orphans = await stopOrphanSupervisors();
      if (orphans.length > 0) console.log(`stopped orphaned stack supervisor(s): pid ${orphans.join(', ')}`);
      if (running === undefined && orphans.length === 0) console.log('no local stack is running');
    });

  stack
    .command('logs [part]')
    .description(`print the stack's logs: ${LOG_PARTS.join(', ')} (default all)`)
    .action((part: string | undefined) => {
      const parts = part === undefined ? LOG_PARTS : [parseLogPart(part)];
      for (const name of parts) {
        const file = join(STACK_LOG_DIR, `${name}.log`);
        if (!existsSync(file)) {
          if (part !== undefined)
            console.log(`no ${name} log yet (${file}); start the stack with \`npx ballast stack up\``);
          continue;
        }
        const text = readFileSync(file, 'utf8');
        if (part === undefined) console.log(`==> ${file} <==`);
        process.stdout.write(text.endsWith('\n') || text === '' ? text : `${text}\n`);
      }
    });

  stack
    .command('status')
    .description(
      'show the running stack and health-check each part (exit 3 when none runs or a part is down)',
    )
    .action(async () => {
      const running = findRunningStack();
      if (running === undefined)
        throw new StackNotRunningError('no local stack is running', {
          fix: 'start one with `npx ballast stack up`',
        });
      const health = await probeStack(running);
      console.log(describe(running));
      for (const [part, ok] of Object.entries(health)) console.log(`  ${ok ? 'ok  ' : 'DOWN'} ${part}`);
      const down = Object.entries(health)
        .filter(([, ok]) => !ok)
        .map(([part]) => part);
      if (down.length > 0)
        throw new EnvironmentError(`the local stack is up but ${down.join(', ')} does not answer`, {
          fix: 'read `npx ballast stack logs`, then restart with `npx ballast stack down && npx ballast stack up`',
        });
    });
}
