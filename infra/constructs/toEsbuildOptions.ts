import { OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';
import { ESBUILD_TARGET } from './defaults.js';

/**
 * The same build as CDK's local esbuild bundling (aws-lambda-nodejs `buildEsbuildArgs`) for the
 * options `lambdaBundling` uses, for the bench. Keep in step with `lambdaBundling`.
 */
export function toEsbuildOptions(
  bundling: BundlingOptions,
  entryPoint: string,
  outfile: string,
): BuildOptions {
  return {
    entryPoints: [entryPoint],
    outfile,
    bundle: true,
    platform: 'node',
    target: bundling.target ?? ESBUILD_TARGET,
    format: bundling.format === OutputFormat.ESM ? 'esm' : 'cjs',
    minify: bundling.minify ?? false,
    sourcemap: bundling.sourceMap ?? false,
    sourcesContent: bundling.sourcesContent ?? true,
    external: [...(bundling.externalModules ?? [])],
    ...(bundling.mainFields === undefined ? {} : { mainFields: [...bundling.mainFields] }),
    ...(bundling.banner === undefined ? {} : { banner: { js: bundling.banner } }),
    ...(bundling.define === undefined ? {} : { define: { ...bundling.define } }),
    logLevel: 'warning',
  };
}
