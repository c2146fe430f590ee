import { writeFileSync } from 'node:fs';
import { makeDirectory } from '../../core/makeDirectory.js';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { addStoreOptions } from '../options/addStoreOptions.js';
import { MAX_ROUND } from '../../api/parameterSchemas.js';
import { resolveApiContext, type StoreOptions } from '../resolveApiContext.js';
import type { AuditBundle } from '../../audit/AuditBundle.js';
import { buildAuditBundle } from '../../audit/buildAuditBundle.js';
import { StoredItemError } from '../../store/errors.js';
import { InputError } from '../../errors/BallastError.js';
import { loadAssetsConfigFile } from '../loadAssetsConfigFile.js';

interface ExportBundleOptions extends StoreOptions {
  readonly round: string;
  readonly out?: string;
  readonly config?: string;
}

/**
 * `ballast export-bundle --round N [--chain-id ID] [--out FILE]`: a JSON audit bundle that
 * `ballast verify --bundle` checks without DynamoDB, for round N of every chain that has one.
 */
export function registerExportBundleCommand(program: Command): void {
  addStoreOptions(
    program
      .command('export-bundle')
      .description(
        'write a round’s audit bundle (signed batch, signatures, inputs, records, state, config) for offline verification',
      )
      .requiredOption('--round <n>', 'round number')
      .option('--out <file>', 'output file (default: .ballast/bundles/round-N.bundle.json)')
      .option('--oracle <address>', 'RiskOracle address (default: the stack’s, else $BALLAST_ORACLE_ADDRESS)')
      .option(
        '--chain-id <id>',
        'one chain: the chain id of --oracle, or a chain of the local stack (id or name); default: every chain that has the round (one file each)',
      ),
  ).action(async (options: ExportBundleOptions) => {
    if (!/^[1-9]\d{0,19}$/.test(options.round) || BigInt(options.round) > MAX_ROUND) {
      throw new InputError(
        `--round: "${options.round}" is not a round; expected a whole number from 1 to ${MAX_ROUND}`,
      );
    }
    const { context, chains } = resolveApiContext(options, loadAssetsConfigFile(options.config));
    if (chains.length === 0)
      throw new InputError(
        '--oracle and --chain-id are required (or --local, or BALLAST_ORACLE_ADDRESS and BALLAST_CHAIN_ID)',
      );
    // Round N of every chain that has one (a round number is per chain, docs/multi-chain.md).
    const bundles: AuditBundle[] = [];
    for (const chain of chains) {
      try {
        bundles.push(
          await buildAuditBundle(context.dynamo, context.tables, {
            oracle: { chainId: chain.chainId, address: chain.address },
            round: options.round,
            configs: [context.config],
            now: Date.now(),
          }),
        );
      } catch (error) {
        // Another chain may not have this round; a single chain's missing round is the error itself.
        if (!(error instanceof StoredItemError) || chains.length === 1) throw error;
      }
    }
    if (bundles.length === 0)
      throw new InputError(
        `--round: no such round: ${options.round} was never published on ${chains.map((c) => `chain ${c.chainId}`).join(' or ')}`,
      );
    if (bundles.length > 1 && options.out !== undefined)
      throw new InputError(
        `--out: round ${options.round} exists on ${bundles.length} chains (${bundles.map((b) => b.oracle.chainId).join(', ')}); pick one with --chain-id, or leave --out out for one file per chain`,
      );
    for (const bundle of bundles) {
      const name =
        bundles.length === 1
          ? `round-${options.round}.bundle.json`
          : `round-${options.round}@${bundle.oracle.chainId}.bundle.json`;
      const missing = bundle.assets.filter((a) => a.config === null).map((a) => a.asset);
      const file = resolve(options.out ?? join('.ballast', 'bundles', name));
      makeDirectory(dirname(file));
      writeFileSync(file, `${JSON.stringify(bundle, null, 2)}\n`);
      console.log(
        `wrote ${file}: round ${bundle.publication.round} on chain ${bundle.oracle.chainId}, ${bundle.assets.length} asset(s)`,
      );
      if (missing.length > 0)
        console.warn(
          `warning: the config of ${missing.join(', ')} is not the one given (--config); verify cannot recompute them`,
        );
    }
  });
}
