import type { AuditBundle } from '../../audit/AuditBundle.js';
import { buildAuditBundle } from '../../audit/buildAuditBundle.js';
import { StoredItemError } from '../../store/errors.js';
import type { ApiContext } from '../ApiContext.js';
import { ApiError, NotFoundError } from '../errors.js';

/** `GET /v1/rounds/{round}`: the round's audit bundle (signed payload, signatures, transaction, inputs, records). */
export async function getRound(context: ApiContext, round: string): Promise<AuditBundle> {
  if (context.oracle === undefined) {
    throw new ApiError(503, 'notConfigured', 'this API has no oracle configured, so it has no rounds', {
      fix: 'set BALLAST_CHAIN_ID and BALLAST_ORACLE_ADDRESS on the API function',
    });
  }
  try {
    return await buildAuditBundle(context.dynamo, context.tables, {
      oracle: context.oracle,
      round,
      configs: [context.config],
      now: context.now(),
    });
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
