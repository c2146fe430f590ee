import type { RoundImpact } from '../../risk/health/RoundImpact.js';
import { getPublication } from '../../store/getPublication.js';
import { oracleKey } from '../../store/oracleKey.js';
import type { ApiContext } from '../ApiContext.js';
import { NotFoundError } from '../errors.js';
import { readStoredRound } from '../readStoredRound.js';

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
  const publication = await readStoredRound(context, round, ({ chainId, address }) =>
    getPublication(context.dynamo, context.tables, oracleKey(chainId, address), round),
  );
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
