import type { Overrides, TransactionReceipt } from 'ethers';
import { assetId } from './assetId.js';
import { OracleClientError } from './errors.js';
import { riskOracleContract, type RiskOracleTarget } from './riskOracleContract.js';
import type { Guardrails } from './types.js';

/** Sets the guardrails of many assets in one transaction (owner only) and waits for the receipt. */
export async function configureAssets(
  target: RiskOracleTarget,
  guardrails: Readonly<Record<string, Guardrails>>,
  overrides: Overrides = {},
): Promise<TransactionReceipt> {
  const symbols = Object.keys(guardrails);
  if (symbols.length === 0) throw new OracleClientError('guardrails is empty; pass at least one asset');
  const contract = riskOracleContract(target);
  const tx = await contract.getFunction('configureAssets')(
    symbols.map(assetId),
    symbols.map((symbol) => guardrails[symbol]),
    overrides,
  );
  const receipt = (await tx.wait()) as TransactionReceipt | null;
  if (receipt === null)
    throw new OracleClientError(`configureAssets transaction ${tx.hash as string} was not mined`);
  return receipt;
}
