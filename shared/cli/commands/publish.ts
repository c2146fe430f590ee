import type { Command } from 'commander';
import { InputError } from '../../errors/BallastError.js';
import type { PublishStageResult } from '../../pipeline/publish/publishStage.js';
import { runCycle } from '../../pipeline/runCycle.js';
import { findRunningStack } from '../../localstack/stackProcess.js';
import { StackNotRunningError } from '../../localstack/errors.js';
import { STACK_STATE_FILE } from '../../localstack/stackState.js';
import { createLocalPublisherContext } from '../../localstack/createLocalPublisherContext.js';
import { publishNotMined } from '../publishNotMined.js';
import { DEFAULT_CYCLE_ASSETS } from '../options/defaultAssets.js';
import { formatCycle } from '../formatCycle.js';
import { loadAssetsConfigFile } from '../loadAssetsConfigFile.js';
import { parseAssetList } from '../options/parseAssetList.js';
import { parsePairList } from '../options/parsePairList.js';

interface PublishOptions {
  readonly local?: boolean;
  readonly assets?: string;
  readonly pairs?: string;
  readonly config?: string;
}

/** One line per outcome the cycle table does not show (assets refused, dropped nonces, recoveries). */
function outcomeDetails(result: PublishStageResult): string[] {
  const lines: string[] = [];
  if ('rejected' in result && result.status !== 'rejected')
    for (const r of result.rejected) lines.push(`  ${r.asset} left out: the oracle refuses it: ${r.error}`);
  if ('recovered' in result)
    for (const r of result.recovered)
      lines.push(
        `  finished an earlier invocation's transaction ${r.txHash}: ${r.status}${r.error === undefined ? '' : ` (${r.error})`}`,
      );
  if (result.status === 'dropped') lines.push(`round ${result.round} DROPPED: ${result.error}`);
  return lines;
}

/**
 * `ballast publish --local [--assets BTC,ETH] [--pairs ETH/BTC]`: collect and compute the assets and
 * pairs, then ONE publish step (lease, ledger, one KMS signature per batch) against the running
 * local stack. Exit code: publishExitCode of the step (0 published or nothing due, 1 failed,
 * 4 pending, 5 busy), as `run`.
 */
export function registerPublishCommand(program: Command): void {
  program
    .command('publish')
    .description('collect + compute the assets, then run one publish step on the running local stack')
    .option('--local', 'use the running local stack (`npx ballast stack up`)')
    .option(
      '--assets <list>',
      `comma-separated assets from the config (default: ${DEFAULT_CYCLE_ASSETS}, as run)`,
    )
    .option(
      '--pairs <list>',
      'comma-separated pairs C/D from the config, or none (default: every configured pair whose legs are in --assets)',
    )
    .option('--config <file>', 'assets config file (the one the stack was started with)')
    .action(async (options: PublishOptions) => {
      if (options.local !== true) {
        throw new InputError(
          'publish: only --local is supported here; in AWS the scheduled workflow runs the publish Lambda',
        );
      }
      const config = loadAssetsConfigFile(options.config);
      const assets = parseAssetList('--assets', options.assets ?? DEFAULT_CYCLE_ASSETS, config);
      const pairs = parsePairList('--pairs', options.pairs, config, assets);
      const state = findRunningStack();
      if (state === undefined) {
        throw new StackNotRunningError(
          `publish --local: no local stack is running (no live ${STACK_STATE_FILE})`,
          {
            fix: 'start one with `npx ballast stack up`, then run `npx ballast publish --local` again',
          },
        );
      }
      const context = createLocalPublisherContext(state, config);
      try {
        const signer = await context.signer.getAddress();
        console.log(`oracle ${state.oracle.address} on chain ${state.anvil.chainId}, signer ${signer}\n`);
        const cycle = await runCycle(context, assets, pairs);
        const { publish } = cycle;
        console.log(formatCycle(cycle, 1, signer).replace(/^cycle 1\n/, ''));
        for (const line of outcomeDetails(publish)) console.log(line);
        const notMined = publishNotMined('', publish);
        if (notMined !== undefined) throw notMined;
      } finally {
        context.close();
      }
    });
}
