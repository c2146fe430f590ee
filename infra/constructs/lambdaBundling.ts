import { OutputFormat, SourceMapMode, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { ESBUILD_TARGET } from './defaults.js';

/**
 * ESM bundles need `require` for the few CommonJS dependencies that call it (esbuild keeps their
 * `require('node:…')` calls); this shim provides it. Written once, used by CDK and the bench.
 */
const REQUIRE_SHIM =
  "import { createRequire as __ballastCreateRequire } from 'node:module'; const require = __ballastCreateRequire(import.meta.url);";

export interface LambdaBundlingParams {
  /**
   * The stage's validated assets config as JSON. It is set into `process.env.BALLAST_ASSETS_CONFIG_JSON`
   * by the bundle's banner (unless the environment already has it), so it never counts against
   * Lambda's 4 KB environment limit and every way of reading `process.env` sees it.
   */
  readonly assetsConfigJson: string;
}

/**
 * The esbuild options of every Ballast Lambda, as CDK `BundlingOptions`. Everything is bundled
 * (no externals, the AWS SDK included) so the code runs with the exact SDK versions it was tested
 * with; bench/lambdas.ts measures the cost (≤ 1.5 MB, ≤ 300 ms init).
 */
export function lambdaBundling(params: LambdaBundlingParams): BundlingOptions {
  return {
    format: OutputFormat.ESM,
    target: ESBUILD_TARGET,
    minify: true,
    sourceMap: true,
    sourceMapMode: SourceMapMode.DEFAULT,
    // Stack traces map to sources through the .map file, which is not loaded at init.
    sourcesContent: false,
    mainFields: ['module', 'main'],
    externalModules: [],
    banner: `${REQUIRE_SHIM} process.env.BALLAST_ASSETS_CONFIG_JSON ??= ${JSON.stringify(params.assetsConfigJson)};`,
  };
}
