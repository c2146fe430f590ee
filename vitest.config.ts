import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/**
 * Test files that start whole local stacks, minutes each on 2 cores, longest first. They start
 * before everything else, so that the two workers fill the rest of the run with the short files
 * instead of one worker finishing a long file alone at the end (without this, vitest orders by the
 * durations it cached from an earlier run, and a clean CI checkout has none).
 */
const LONG_FIRST = [
  'test/integration/docs/readmeExamples.test.ts',
  'test/integration/cli/commands/stack.test.ts',
  'test/integration/cli/commands/run.replay.test.ts',
  'test/integration/localstack/stackProcess.test.ts',
  'test/integration/docs/shellExamples.test.ts',
];

class LongFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification): number => {
      const at = LONG_FIRST.findIndex((path) => file.moduleId.endsWith(path));
      return at === -1 ? LONG_FIRST.length : at;
    };
    return sorted
      .map((file, order) => ({ file, order }))
      .sort((a, b) => rank(a.file) - rank(b.file) || a.order - b.order)
      .map(({ file }) => file);
  }
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Integration tests start real local processes (anvil, DynamoDB Local, the KMS endpoint and
    // the exchange simulator); two workers match the CI machine's two cores.
    maxWorkers: 2,
    sequence: { sequencer: LongFirstSequencer },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // CloudWatch EMF lines and the SDK's Node 20 notice would bury the results; tests that check
    // metrics spy on the Powertools API, which works with emission off (one unit test turns it on
    // to read the documents themselves: test/unit/observability/emitDegradedCycle.test.ts).
    env: { POWERTOOLS_METRICS_DISABLED: 'true', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
