import type { Command } from 'commander';
import { InputError } from '../../errors/BallastError.js';
import { findRunningStack, startStackProcess, stopStackProcess } from '../../localstack/stackProcess.js';
import type { StackState } from '../../localstack/stackState.js';
import { createLocalPublisherContext } from '../../localstack/createLocalPublisherContext.js';
import { publishExitCode } from '../../pipeline/publish/publishExitCode.js';
import { runCycle } from '../../pipeline/runCycle.js';
import { formatCycle } from '../formatCycle.js';
import { ensureContractsBuilt } from '../ensureContractsBuilt.js';
import { loadAssetsConfigFile } from '../loadAssetsConfigFile.js';
import { parseAssetList } from '../options/parseAssetList.js';
import { parseDuration } from '../options/parseDuration.js';
import { parseInteger } from '../options/parseInteger.js';
import { addStackPortOptions, readStackPorts } from '../options/stackPortOptions.js';

interface RunOptions {
  readonly local?: boolean;
  readonly cycles: string;
  readonly interval: string;
  readonly assets: string;
  readonly keep?: boolean;
  readonly config?: string;
}

/** @default assets of `npm start` */
const DEFAULT_RUN_ASSETS = 'BTC,ETH';

export function registerRunCommand(program: Command): void {
  const command = program
    .command('run')
    .description('run full cycles (collect → compute → publish) on the embedded local stack')
    .option('--local', 'use the embedded local stack (anvil, DynamoDB Local, local KMS, exchange simulator)')
    .option('--cycles <n>', 'number of cycles', '1')
    .option('--interval <duration>', 'pause between cycles (e.g. 5s, 1m)', '5s')
    .option('--assets <list>', 'comma-separated assets from the config', DEFAULT_RUN_ASSETS)
    .option('--keep', 'leave the stack running afterwards (stop it with: ballast stack down)')
    .option('--config <file>', 'assets config file');
  addStackPortOptions(command).action(async (options: RunOptions & Record<string, unknown>) => {
    // Every argument is checked before anything starts.
    if (options.local !== true) {
      throw new InputError(
        'run: only --local is supported here; in AWS the scheduler runs the cycle (see docs/operations.md)',
      );
    }
    const cycles = parseInteger('--cycles', options.cycles, { min: 1, max: 10_000 });
    const intervalMs = parseDuration('--interval', options.interval);
    const config = loadAssetsConfigFile(options.config);
    const assets = parseAssetList('--assets', options.assets, config);
    const ports = readStackPorts(options);

    const running = findRunningStack();
    let owned: StackState | undefined;
    const stop = async (): Promise<void> => {
      if (owned !== undefined && options.keep !== true) {
        const state = owned;
        owned = undefined;
        await stopStackProcess(state);
      }
    };
    const onSignal = (): void => {
      process.stderr.write('\nballast: interrupted; stopping the local stack\n');
      void stop().then(() => process.exit(130));
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      let state: StackState;
      if (running !== undefined) {
        console.log(`using the running local stack (supervisor pid ${running.pid})`);
        state = running;
      } else {
        console.log('starting the local stack (anvil, DynamoDB Local, KMS endpoint, exchange simulator)...');
        ensureContractsBuilt();
        state = await startStackProcess(config, ports);
        owned = state;
      }
      const context = createLocalPublisherContext(state, config);
      try {
        const signer = await context.signer.getAddress();
        console.log(
          [
            `local stack (supervisor pid ${state.pid}): anvil ${state.anvil.rpcUrl}, dynamodb ${state.dynamodb.endpoint}, kms ${state.kms.endpoint}, exchanges ${state.exchange.baseUrl}`,
            `oracle ${state.oracle.address} on chain ${state.anvil.chainId}, signer ${signer} (KMS key ${state.kms.keyId})\n`,
          ].join('\n'),
        );
        for (let i = 1; i <= cycles; i++) {
          const cycle = await runCycle(context, assets);
          console.log(`${formatCycle(cycle, i, signer)}\n`);
          // A cycle whose publish step did not end published (or nothing due) fails the command.
          const code = publishExitCode(cycle.publish);
          if (code > (Number(process.exitCode) || 0)) process.exitCode = code;
          if (i < cycles) await new Promise((r) => setTimeout(r, intervalMs));
        }
      } finally {
        context.close();
      }
      console.log(
        [
          `history: DynamoDB tables ${state.dynamodb.tablePrefix}-{snapshots,parameters,publications,ledger} at ${state.dynamodb.endpoint}`,
          options.keep === true || owned === undefined
            ? 'the stack keeps running: try `npx ballast history BTC --local`, `npx ballast verify --round 1 --local`, then `npx ballast stack down`'
            : 'the stack is stopped now; its in-memory history goes with it (use --keep to explore it)',
        ].join('\n'),
      );
    } finally {
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
      await stop();
    }
  });
}
