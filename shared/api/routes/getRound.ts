import type { AuditBundle } from '../../audit/AuditBundle.js';
import { buildAuditBundle } from '../../audit/buildAuditBundle.js';
import type { ApiContext } from '../ApiContext.js';
import { readStoredRound } from '../readStoredRound.js';

/** `GET /v1/rounds/{round}`: the round's audit bundle (signed payload, signatures, transaction, inputs, records). */
export async function getRound(context: ApiContext, round: string): Promise<AuditBundle> {
  return readStoredRound(context, round, (oracle) =>
    buildAuditBundle(context.dynamo, context.tables, {
      oracle,
      round,
      configs: [context.config],
      now: context.now(),
    }),
  );
}
