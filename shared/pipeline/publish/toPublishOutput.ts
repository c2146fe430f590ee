import type { PublishStageResult } from './publishStage.js';

/** What the publish Lambda returns to Step Functions (docs/architecture.md, Stage contract). */
export interface PublishOutput {
  readonly status: 'published' | 'nothing-due' | 'failed';
  readonly round?: string;
  readonly txHash?: string;
}

/** The publish stage's result as the workflow sees it: published, nothing due, or failed. */
export function toPublishOutput(result: PublishStageResult): PublishOutput {
  if (result.status === 'busy') return { status: 'failed' };
  if (result.status === 'nothing-due') return { status: 'nothing-due' };
  if (result.status === 'mined') return { status: 'published', round: result.round, txHash: result.txHash };
  return { status: 'failed', round: result.round, ...('txHash' in result ? { txHash: result.txHash } : {}) };
}
