import type { Overrides, TransactionReceipt } from 'ethers';
import { assetId } from './assetId.js';
import { OracleClientError } from './errors.js';
import { riskOracleContract, type RiskOracleTarget } from './riskOracleContract.js';
import type { Guardrails } from './types.js';

/** Sets the guardrails of one asset (owner only) and waits for the receipt. */
export async function configureAsset(
  target: RiskOracleTarget,
  asset: string,
  guardrails: Guardrails,
  overrides: Overrides = {},
): Promise<TransactionReceipt> {
  const contract = riskOracleContract(target);
  const tx = await contract.getFunction('configureAsset')(assetId(asset), guardrails, overrides);
  const receipt = (await tx.wait()) as TransactionReceipt | null;
  if (receipt === null)
    throw new OracleClientError(`configureAsset(${asset}) transaction ${tx.hash as string} was not mined`);
  return receipt;
}
