import type { RoundImpact } from '../../risk/health/RoundImpact.js';
import { StoredItemError } from '../../store/errors.js';
import { getPublication } from '../../store/getPublication.js';
import { oracleKey } from '../../store/oracleKey.js';
import type { ApiContext } from '../ApiContext.js';
import { ApiError, NotFoundError } from '../errors.js';

export interface RoundImpactResponse {
  readonly round: string;
  readonly chainId: number;
  readonly oracleAddress: string;
  /** The round's transaction outcome (`pending`, `mined`, `reverted`, `dropped`). */
  readonly status: string;
  /** The LTs the round published, per asset. */
  readonly assets: readonly { readonly asset: string; readonly ltBps: number }[];
  /** Computed before the round was signed (docs/positions.md). */
  readonly impact: RoundImpact;
}

/** `GET /v1/rounds/{round}/impact`: who the round would push from HF ≥ 1 to HF < 1, recorded before it was sent. */
export async function getRoundImpact(context: ApiContext, round: string): Promise<RoundImpactResponse> {
  if (context.oracle === undefined) {
    throw new ApiError(503, 'notConfigured', 'this API has no oracle configured, so it has no rounds', {
      fix: 'set BALLAST_CHAIN_ID and BALLAST_ORACLE_ADDRESS on the API function',
    });
  }
  const { chainId, address } = context.oracle;
  let publication;
  try {
    publication = await getPublication(context.dynamo, context.tables, oracleKey(chainId, address), round);
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
  if (publication.impact === undefined) {
    throw new NotFoundError(
      `round ${round} has no recorded impact: it was published before impacts were recorded`,
      {
        field: 'round',
        fix: 'impacts are recorded for rounds published since position health shipped (docs/positions.md)',
      },
    );
  }
  return {
    round: publication.round,
    chainId: publication.chainId,
    oracleAddress: publication.oracleAddress,
    status: publication.status,
    assets: publication.assets.map(({ asset, ltBps }) => ({ asset, ltBps })),
    impact: publication.impact,
  };
}
