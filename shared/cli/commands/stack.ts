import type { Command } from 'commander';
import { findRunningStack, startStackProcess, stopStackProcess } from '../../localstack/stackProcess.js';
import { probeStack } from '../../localstack/probeStack.js';
import type { StackState } from '../../localstack/stackState.js';
import { ensureContractsBuilt } from '../ensureContractsBuilt.js';
import { loadAssetsConfigFile } from '../loadAssetsConfigFile.js';
import { addStackPortOptions, readStackPorts } from '../options/stackPortOptions.js';

function describe(state: StackState): string {
  return [
    `  anvil      ${state.anvil.rpcUrl} (chain ${state.anvil.chainId})`,
    `  dynamodb   ${state.dynamodb.endpoint} (tables ${state.dynamodb.tablePrefix}-*)`,
    `  kms        ${state.kms.endpoint} (key ${state.kms.keyId})`,
    `  exchanges  ${state.exchange.baseUrl}`,
    `  oracle     ${state.oracle.address}`,
    `  supervisor pid ${state.pid}, up since ${state.startedAt}`,
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
      .option('--config <file>', 'assets config file'),
  ).action(async (options: { config?: string } & Record<string, unknown>) => {
    const ports = readStackPorts(options);
    const config = loadAssetsConfigFile(options.config);
    const running = findRunningStack();
    if (running !== undefined) {
      console.log(`a local stack is already running; reusing it:\n${describe(running)}`);
      return;
    }
    ensureContractsBuilt();
    const state = await startStackProcess(config, ports);
    console.log(`local stack up:\n${describe(state)}\nstop it with: npx ballast stack down`);
  });

  stack
    .command('down')
    .description('stop the local stack and every process it started')
    .action(async () => {
      const running = findRunningStack();
      if (running === undefined) {
        console.log('no local stack is running');
        return;
      }
      await stopStackProcess(running);
      console.log(`local stack stopped (supervisor pid ${running.pid})`);
    });

  stack
    .command('status')
    .description('show the running stack and health-check each part (exit 1 when down or unhealthy)')
    .action(async () => {
      const running = findRunningStack();
      if (running === undefined) {
        console.log('no local stack is running (start one with: npx ballast stack up)');
        process.exitCode = 1;
        return;
      }
      const health = await probeStack(running);
      console.log(describe(running));
      for (const [part, ok] of Object.entries(health)) console.log(`  ${ok ? 'ok  ' : 'DOWN'} ${part}`);
      if (Object.values(health).some((ok) => !ok)) process.exitCode = 1;
    });
}
