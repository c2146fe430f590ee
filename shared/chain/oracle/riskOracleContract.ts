import { BaseContract, Contract, type ContractRunner } from 'ethers';
import { RISK_ORACLE_ABI } from './riskOracleAbi.js';

/** A RiskOracle at `address`, or an existing Contract passed through. */
export type RiskOracleTarget = Contract | { readonly address: string; readonly runner: ContractRunner };

/** An ethers Contract for the RiskOracle at `target` (signer runner to send, provider to read). */
export function riskOracleContract(target: RiskOracleTarget): Contract {
  if (target instanceof BaseContract) return target;
  return new Contract(target.address, RISK_ORACLE_ABI, target.runner);
}
