import type { PublishStageResult } from '../pipeline/publish/publishStage.js';
import { EXIT_CODES, type ExitCode } from './exitCodes.js';

/**
 * The exit code that says how a publish step ended (`ballast run --local`, `ballast publish
 * --local`, the soak's worker), from the one table in shared/cli/exitCodes.ts: 0 published or
 * nothing due, 1 refused, reverted or dropped, 4 still pending, 5 another publisher holds the lease.
 */
export function publishExitCode(result: PublishStageResult): ExitCode {
  switch (result.status) {
    case 'mined':
    case 'nothing-due':
      return EXIT_CODES.ok;
    case 'pending':
      return EXIT_CODES.pending;
    case 'busy':
      return EXIT_CODES.busy;
    case 'reverted':
    case 'rejected':
    case 'dropped':
      return EXIT_CODES.failed;
  }
}
