import type { PublishStageResult } from '../pipeline/publish/publishStage.js';
import { PublishNotMinedError } from './errors.js';
import { publishExitCode } from './publishExitCode.js';

/**
 * The error a command ends with when a publish step did not publish (and something was due):
 * `where` says which step (e.g. "cycle 3: "), the exit code is the step's publishExitCode, the fix
 * says what to do about that outcome. Undefined when the step published or nothing was due.
 */
export function publishNotMined(
  where: string,
  publish: PublishStageResult,
): PublishNotMinedError | undefined {
  const exitCode = publishExitCode(publish);
  if (exitCode === 0) return undefined;
  return new PublishNotMinedError(`${where}publish step ended ${publish.status}; see the outcome above`, {
    exitCode,
    fix:
      publish.status === 'busy'
        ? 'another publisher holds the lease; run again when it is done'
        : publish.status === 'pending'
          ? 'run again: the next publish step finishes the pending transaction from the ledger'
          : 'read the reason above; records keep publishError, the ledger keeps every transaction',
  });
}
