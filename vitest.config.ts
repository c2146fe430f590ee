import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Integration tests start real local processes (anvil, DynamoDB Local, the KMS endpoint and
    // the exchange simulator); two workers match the CI machine's two cores.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // CloudWatch EMF lines and the SDK's Node 20 notice would bury the results; tests that check
    // metrics spy on the Powertools API, which works with emission off.
    env: { POWERTOOLS_METRICS_DISABLED: 'true', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
