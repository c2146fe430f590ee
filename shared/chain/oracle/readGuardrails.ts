import { assetId } from './assetId.js';
import { riskOracleContract, type RiskOracleTarget } from './riskOracleContract.js';
import type { Guardrails } from './types.js';

/**
 * Governance bounds and step limits of `asset` on the contract (all zero when not configured),
 * at `blockTag` when given (an archive read), else at the latest block.
 */
export async function readGuardrails(
  target: RiskOracleTarget,
  asset: string,
  blockTag?: number,
): Promise<Guardrails> {
  const contract = riskOracleContract(target);
  const g = (await contract.getFunction('guardrails')(
    assetId(asset),
    ...(blockTag === undefined ? [] : [{ blockTag }]),
  )) as Record<keyof Guardrails, bigint>;
  return {
    minVolIndexBps: Number(g.minVolIndexBps),
    maxVolIndexBps: Number(g.maxVolIndexBps),
    minLtvBps: Number(g.minLtvBps),
    maxLtvBps: Number(g.maxLtvBps),
    minLtBps: Number(g.minLtBps),
    maxLtBps: Number(g.maxLtBps),
    minLbBps: Number(g.minLbBps),
    maxLbBps: Number(g.maxLbBps),
    maxLoosenBps: Number(g.maxLoosenBps),
    maxTightenBps: Number(g.maxTightenBps),
    minIntervalSec: Number(g.minIntervalSec),
  };
}
