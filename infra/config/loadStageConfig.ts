import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { z } from 'zod';
import { assetsConfigSchema, type AssetsConfig } from '../../shared/config/assetsConfig.js';
import { chainSelectionProblems } from '../../shared/config/chainSelectionProblems.js';
import { StageConfigError } from './errors.js';
import { stageConfigSchema, type StageConfig } from './stageConfigSchema.js';

export interface LoadStageConfigParams {
  /** Stage name: reads `<configDir>/<stage>.json`. */
  readonly stage: string;
  /** Repository root; `assetsConfigPath` is resolved against it. */
  readonly repoRoot: string;
  /** @default `<repoRoot>/infra/config` */
  readonly configDir?: string;
}

export interface LoadStageConfigResult {
  readonly stage: StageConfig;
  /** The validated assets config, defaults applied. */
  readonly assets: AssetsConfig;
  /** Asset names in config order. */
  readonly assetNames: readonly string[];
}

/**
 * Reads and validates a stage config and the assets config it names, so that a bad file fails
 * synth with a message naming the file, the field and what is allowed — never a half-built stack.
 */
export function loadStageConfig(params: LoadStageConfigParams): LoadStageConfigResult {
  const configDir = params.configDir ?? join(params.repoRoot, 'infra', 'config');
  const file = join(configDir, `${params.stage}.json`);
  if (!existsSync(file)) {
    const known = readdirSync(configDir)
      .filter((name) => name.endsWith('.json'))
      .map((name) => name.slice(0, -'.json'.length));
    throw new StageConfigError(`stage "${params.stage}" has no config file ${file}`, {
      fix: `use one of: ${known.join(', ') || '(none)'}, or create ${file} (see docs/operations.md)`,
    });
  }
  const stage = parseJsonFile(file, stageConfigSchema);
  if (stage.stage !== params.stage) {
    throw new StageConfigError(
      `${file}: stage is "${stage.stage}" but the file is named for "${params.stage}"`,
      {
        fix: `set "stage": "${params.stage}" or rename the file`,
      },
    );
  }
  const assetsFile = isAbsolute(stage.assetsConfigPath)
    ? stage.assetsConfigPath
    : resolve(params.repoRoot, stage.assetsConfigPath);
  if (!existsSync(assetsFile)) {
    throw new StageConfigError(
      `${file}: assetsConfigPath "${stage.assetsConfigPath}" does not exist (${assetsFile})`,
      {
        fix: 'point assetsConfigPath at an assets config relative to the repository root, e.g. shared/config/assets.default.json',
      },
    );
  }
  const assets = parseJsonFile(assetsFile, assetsConfigSchema);
  if (stage.scheduleRateMinutes * 60 !== assets.cyclePeriodSeconds) {
    throw new StageConfigError(
      `${file}: scheduleRateMinutes is ${stage.scheduleRateMinutes} (${stage.scheduleRateMinutes * 60} s) but ` +
        `${stage.assetsConfigPath} has cyclePeriodSeconds ${assets.cyclePeriodSeconds}; the engine's staleness rules assume they match`,
      {
        fix: `set scheduleRateMinutes to cyclePeriodSeconds / 60, or change cyclePeriodSeconds to a multiple of 60`,
      },
    );
  }
  const selection = chainSelectionProblems(stage.chains, Object.keys(assets.assets));
  if (selection.length > 0) {
    throw new StageConfigError(
      `${file} is invalid:\n${selection.map((p) => `  - ${p.path}: ${p.message}`).join('\n')}`,
      {
        fix: 'select only assets of the assets config, or leave a chain\'s "assets" out to publish every asset (docs/multi-chain.md)',
      },
    );
  }
  const assetNames = Object.keys(assets.assets);
  const unknownAssets = stage.positions.markets.flatMap((market, i) =>
    (['collateralAsset', 'debtAsset'] as const)
      .filter((field) => market[field] !== 'USD' && !assetNames.includes(market[field]))
      .map(
        (field) =>
          `  - positions.markets.${i}.${field}: "${market[field]}" is not an asset of ${stage.assetsConfigPath}`,
      ),
  );
  if (unknownAssets.length > 0) {
    throw new StageConfigError(`${file} is invalid:\n${unknownAssets.join('\n')}`, {
      fix: `use one of ${assetNames.join(', ')} (or USD for a dollar token): health factors price positions with the assets' reference prices`,
    });
  }
  return { stage, assets, assetNames };
}

function parseJsonFile<T extends z.ZodType>(file: string, schema: T): z.output<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new StageConfigError(`${file} is not valid JSON: ${(cause as Error).message}`, {
      cause,
      fix: 'fix the JSON syntax',
    });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `  - ${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
      .join('\n');
    throw new StageConfigError(`${file} is invalid:\n${problems}`, {
      cause: parsed.error,
      fix: 'correct the fields listed above (the schema is infra/config/stageConfigSchema.ts or shared/config/assetsConfig.ts)',
    });
  }
  return parsed.data;
}
