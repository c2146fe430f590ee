import { randomUUID } from 'node:crypto';
import type { AssetsConfig } from '../../../shared/config/assetsConfig.js';
import { bootstrapLocalStack } from '../../../shared/localstack/bootstrapLocalStack.js';
import { toStackState, type StackState } from '../../../shared/localstack/stackState.js';
import { startLocalStack, type LocalStack } from '../../../shared/localstack/startLocalStack.js';
import { loadAssetsConfigFile } from '../../../shared/cli/loadAssetsConfigFile.js';

export interface TestStack {
  readonly stack: LocalStack;
  readonly state: StackState;
  readonly config: AssetsConfig;
  stop(): Promise<void>;
}

/**
 * The real local stack in this test process (anvil, DynamoDB Local, the KMS endpoint, the exchange
 * simulator), bootstrapped like `ballast stack up` does, with a unique table prefix.
 */
export async function startTestStack(config: AssetsConfig = loadAssetsConfigFile()): Promise<TestStack> {
  const stack = await startLocalStack({ assets: config });
  try {
    const boot = await bootstrapLocalStack({
      stack,
      assets: config,
      tablePrefix: `t${randomUUID().slice(0, 8)}`,
    });
    const state = toStackState(process.pid, stack, boot);
    return { stack, state, config, stop: () => stack.stop() };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}
