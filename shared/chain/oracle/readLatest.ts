import { assetId } from './assetId.js';
import { riskOracleContract, type RiskOracleTarget } from './riskOracleContract.js';
import type { RiskParams } from './types.js';

/**
 * Latest on-chain parameters of `asset`, or undefined when it is unconfigured or never updated;
 * at `blockTag` when given (an archive read: what the contract held then).
 */
export async function readLatest(
  target: RiskOracleTarget,
  asset: string,
  blockTag?: number,
): Promise<RiskParams | undefined> {
  const contract = riskOracleContract(target);
  const [ok, params] = (await contract.getFunction('tryLatest')(
    assetId(asset),
    ...(blockTag === undefined ? [] : [{ blockTag }]),
  )) as [boolean, { volIndexBps: bigint; ltvBps: bigint; ltBps: bigint; lbBps: bigint; observedAt: bigint }];
  if (!ok) return undefined;
  return {
    asset,
    volIndexBps: Number(params.volIndexBps),
    ltvBps: Number(params.ltvBps),
    ltBps: Number(params.ltBps),
    lbBps: Number(params.lbBps),
    observedAt: Number(params.observedAt),
  };
}
