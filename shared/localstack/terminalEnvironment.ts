/**
 * Process settings for terminal processes (the CLI's main.ts and the local-stack supervisor),
 * imported first (ESM evaluates imports in order, so this runs before any module creates its
 * clients):
 * - CloudWatch EMF metrics are for Lambda; on a terminal they would interleave JSON with the tables.
 * - The AWS SDK's Node 20 end-of-support notice is printed once per process; the engines field of
 *   package.json already says which Node versions Ballast supports.
 * - The Lambdas' structured JSON log lines (Powertools) are for CloudWatch; on a terminal the
 *   commands print what happened themselves (an error as one line), so the logger is silent unless
 *   `--debug` is given.
 * Explicit settings in the environment win.
 */
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
if (!process.argv.includes('--debug')) process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
