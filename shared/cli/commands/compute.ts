import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { z } from 'zod';
import { ConfigError } from '../../config/errors.js';
import { parseAssetsConfig } from '../../config/parseAssetsConfig.js';
import { computeRiskRecord } from '../../risk/computeRiskRecord.js';
import { RiskInputError } from '../../risk/errors.js';
import { publishedStateSchema } from '../../risk/schemas/publishedStateSchema.js';
import { riskInputsSchema } from '../../risk/schemas/riskInputsSchema.js';
import type { PublishedState, RiskInputs } from '../../risk/types.js';
import { DEFAULT_ASSETS_CONFIG_FILE } from '../../config/defaultAssetsConfigFile.js';
import { formatZodIssues } from '../../config/formatZodIssues.js';
import { EXIT_CODES } from '../exitCodes.js';

/** The assets configuration shipped with Ballast, used when `--config` is not given. */

interface ComputeOptions {
  readonly inputs: string;
  readonly previous?: string;
  readonly config?: string;
}

/**
 * `ballast compute --inputs FILE [--previous FILE] [--config FILE]`: runs the pure engine once and
 * prints the record as JSON (byte-identical for the same files). Bad input exits 2 with a message
 * naming the file, the field and what is allowed.
 */
export function registerComputeCommand(program: Command): void {
  program
    .command('compute')
    .description('compute one risk record from an inputs file (RiskInputs JSON) and print it as JSON')
    .requiredOption(
      '--inputs <file>',
      "RiskInputs JSON { asset, asOf, candles, book?, quality }: write one with `ballast collect --asset BTC --sim URL --inputs-out FILE` (or --live), or take a round's from `ballast export-bundle`",
    )
    .option('--previous <file>', "previous PublishedState JSON (the last record's nextState)")
    .option('--config <file>', 'assets configuration JSON', DEFAULT_ASSETS_CONFIG_FILE)
    .action((options: ComputeOptions) => {
      try {
        process.stdout.write(`${JSON.stringify(runCompute(options), null, 2)}\n`);
      } catch (error) {
        if (error instanceof ConfigError || error instanceof RiskInputError) {
          process.stderr.write(`ballast: ${error.message}\n`);
          process.exitCode = EXIT_CODES.input;
          return;
        }
        throw error;
      }
    });
}

function runCompute(options: ComputeOptions): unknown {
  const configPath = options.config ?? DEFAULT_ASSETS_CONFIG_FILE;
  const config = parseAssetsConfig(readJson(configPath), configPath);
  const inputs = validate(riskInputsSchema, readJson(options.inputs), options.inputs) as RiskInputs;
  const assetConfig = config.assets[inputs.asset];
  if (assetConfig === undefined) {
    throw new RiskInputError(
      `${options.inputs}: asset "${inputs.asset}" is not configured in ${configPath}; configured: ${Object.keys(config.assets).join(', ')}`,
    );
  }
  const previous =
    options.previous === undefined
      ? undefined
      : (validate(publishedStateSchema, readJson(options.previous), options.previous) as PublishedState);
  return computeRiskRecord({ inputs, config: assetConfig, ...(previous === undefined ? {} : { previous }) });
}

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new RiskInputError(`cannot read ${path}: ${(error as Error).message}`, {
      cause: error,
      fix: 'check the path',
    });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new RiskInputError(`${path} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
}

function validate(schema: z.ZodType, value: unknown, source: string): unknown {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = formatZodIssues(result.error.issues).map((line) => `  - ${line}`);
  throw new RiskInputError(`invalid ${source}: ${problems.length} problem(s)\n${problems.join('\n')}`);
}
