import type { PublishStageResult } from './publishStage.js';

/**
 * Process exit codes of a publish step (`ballast run --local`, `ballast publish --local`), so a
 * script or CI job can tell what happened without parsing the output. 1 and 2 are taken by
 * unexpected errors and bad input (shared/cli/main.ts).
 */
export const PUBLISH_EXIT_CODES = {
  /** Published, or nothing was due. */
  ok: 0,
  /** The round's transaction is still pending: the next run finishes it from the ledger. */
  pending: 3,
  /** Another publisher holds the lease: nothing was sent. */
  busy: 4,
  /** The round was refused, reverted or dropped: nothing of it is on-chain. */
  failed: 5,
} as const;

/** The exit code that says what a publish step ended with. */
export function publishExitCode(result: PublishStageResult): number {
  switch (result.status) {
    case 'mined':
    case 'nothing-due':
      return PUBLISH_EXIT_CODES.ok;
    case 'pending':
      return PUBLISH_EXIT_CODES.pending;
    case 'busy':
      return PUBLISH_EXIT_CODES.busy;
    case 'reverted':
    case 'rejected':
    case 'dropped':
      return PUBLISH_EXIT_CODES.failed;
  }
}
