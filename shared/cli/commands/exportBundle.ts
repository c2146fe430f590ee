import { writeFileSync } from 'node:fs';
import { makeDirectory } from '../../core/makeDirectory.js';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { addStoreOptions } from '../options/addStoreOptions.js';
import { MAX_ROUND } from '../../api/parameterSchemas.js';
import { resolveApiContext, type StoreOptions } from '../resolveApiContext.js';
import { buildAuditBundle } from '../../audit/buildAuditBundle.js';
import { InputError } from '../../errors/BallastError.js';
import { loadAssetsConfigFile } from '../loadAssetsConfigFile.js';

interface ExportBundleOptions extends StoreOptions {
  readonly round: string;
  readonly out?: string;
  readonly config?: string;
}

/** `ballast export-bundle --round N [--out FILE]`: a JSON audit bundle that `ballast verify --bundle` checks without DynamoDB. */
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
      .option('--chain-id <id>', 'chain id (default: the stack’s, else $BALLAST_CHAIN_ID)'),
  ).action(async (options: ExportBundleOptions) => {
    if (!/^[1-9]\d{0,19}$/.test(options.round) || BigInt(options.round) > MAX_ROUND) {
      throw new InputError(
        `--round: "${options.round}" is not a round; expected a whole number from 1 to ${MAX_ROUND}`,
      );
    }
    const { context } = resolveApiContext(options, loadAssetsConfigFile(options.config));
    const { oracle } = context;
    if (oracle === undefined)
      throw new InputError(
        '--oracle and --chain-id are required (or --local, or BALLAST_ORACLE_ADDRESS and BALLAST_CHAIN_ID)',
      );
    const bundle = await buildAuditBundle(context.dynamo, context.tables, {
      oracle,
      round: options.round,
      configs: [context.config],
      now: Date.now(),
    });
    const missing = bundle.assets.filter((a) => a.config === null).map((a) => a.asset);
    const file = resolve(options.out ?? join('.ballast', 'bundles', `round-${options.round}.bundle.json`));
    makeDirectory(dirname(file));
    writeFileSync(file, `${JSON.stringify(bundle, null, 2)}\n`);
    console.log(`wrote ${file}: round ${bundle.publication.round}, ${bundle.assets.length} asset(s)`);
    if (missing.length > 0)
      console.warn(
        `warning: the config of ${missing.join(', ')} is not the one given (--config); verify cannot recompute them`,
      );
  });
}
