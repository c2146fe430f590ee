import { StoredItemError } from '../store/errors.js';
import type { ApiContext } from './ApiContext.js';
import { ApiError, NotFoundError } from './errors.js';

/** The oracle whose rounds the API serves. */
export type RoundOracle = NonNullable<ApiContext['oracle']>;

/**
 * Reads something stored for a round of the API's oracle (`GET /v1/rounds/{round}` and
 * `.../impact`): 503 when the API has no oracle configured, 404 naming the round when `read` finds
 * nothing stored (StoredItemError); any other error passes through.
 */
export async function readStoredRound<T>(
  context: ApiContext,
  round: string,
  read: (oracle: RoundOracle) => Promise<T>,
): Promise<T> {
  if (context.oracle === undefined) {
    throw new ApiError(503, 'notConfigured', 'this API has no oracle configured, so it has no rounds', {
      fix: 'set BALLAST_CHAIN_ID and BALLAST_ORACLE_ADDRESS on the API function',
    });
  }
  try {
    return await read(context.oracle);
  } catch (error) {
    if (error instanceof StoredItemError) {
      throw new NotFoundError(`round ${round}: ${error.message}`, {
        field: 'round',
        cause: error,
        fix: 'GET /v1/assets shows the last round on-chain per asset; rounds of another oracle are not served here',
      });
    }
    throw error;
  }
}
