import { Contract, ContractFactory, type Signer } from 'ethers';
import { loadRiskOracleArtifact, type ContractArtifact } from './loadRiskOracleArtifact.js';
import { OracleClientError } from './errors.js';
import { RISK_ORACLE_ABI } from './riskOracleAbi.js';

/** Default oldest accepted observation, seconds: three 5-minute cycles. @default 900 */
export const DEFAULT_MAX_OBSERVATION_AGE = 900;
/** Default tolerance for observation times ahead of the block time, seconds. @default 60 */
export const DEFAULT_MAX_FUTURE_SKEW = 60;
/** Largest maxObservationAge the v2 slot layout allows (contracts/RiskPacking.sol), seconds. */
export const MAX_OBSERVATION_AGE_LIMIT = 1_919;
/** Largest maxFutureSkew the v2 slot layout allows, seconds. */
export const MAX_FUTURE_SKEW_LIMIT = 128;

export interface DeployRiskOracleParams {
  /** Sends the deployment transaction. */
  readonly deployer: Signer;
  /** Addresses allowed to sign batches. */
  readonly signers: readonly string[];
  /** Signatures required per batch. @default 1 */
  readonly threshold?: number;
  /** @default the deployer's address */
  readonly owner?: string;
  /** May pause submissions. @default the owner */
  readonly guardian?: string;
  /** @default DEFAULT_MAX_OBSERVATION_AGE (900 s) */
  readonly maxObservationAge?: number;
  /** @default DEFAULT_MAX_FUTURE_SKEW (60 s) */
  readonly maxFutureSkew?: number;
  /**
   * Round the oracle starts from (its `lastRound`): the previous oracle's `lastRound()` when
   * migrating, so round numbers stay unique across deployments. @default 0n
   */
  readonly initialRound?: bigint;
  /** @default loadRiskOracleArtifact() (contracts/out/RiskOracle.json) */
  readonly artifact?: ContractArtifact;
}

export interface DeployRiskOracleResult {
  readonly address: string;
  readonly contract: Contract;
  readonly transactionHash: string;
  readonly gasUsed: bigint;
}

/** Deploys a RiskOracle and waits for it to be mined. */
export async function deployRiskOracle({
  deployer,
  signers,
  threshold = 1,
  owner,
  guardian,
  maxObservationAge = DEFAULT_MAX_OBSERVATION_AGE,
  maxFutureSkew = DEFAULT_MAX_FUTURE_SKEW,
  initialRound = 0n,
  artifact = loadRiskOracleArtifact(),
}: DeployRiskOracleParams): Promise<DeployRiskOracleResult> {
  if (signers.length === 0)
    throw new OracleClientError('signers is empty; a RiskOracle needs at least one signer');
  if (!Number.isInteger(threshold) || threshold < 1 || threshold > signers.length) {
    throw new OracleClientError(
      `threshold = ${threshold} is not allowed; expected 1 to ${signers.length} (the number of signers)`,
    );
  }
  if (
    !Number.isInteger(maxObservationAge) ||
    maxObservationAge < 1 ||
    maxObservationAge > MAX_OBSERVATION_AGE_LIMIT
  ) {
    throw new OracleClientError(
      `maxObservationAge = ${maxObservationAge} is not allowed; expected 1 to ${MAX_OBSERVATION_AGE_LIMIT} s`,
    );
  }
  if (!Number.isInteger(maxFutureSkew) || maxFutureSkew < 0 || maxFutureSkew > MAX_FUTURE_SKEW_LIMIT) {
    throw new OracleClientError(
      `maxFutureSkew = ${maxFutureSkew} is not allowed; expected 0 to ${MAX_FUTURE_SKEW_LIMIT} s`,
    );
  }
  if (initialRound < 0n || initialRound >= 1n << 64n) {
    throw new OracleClientError(`initialRound = ${initialRound} is not allowed; expected 0 to 2^64-1`);
  }
  const ownerAddress = owner ?? (await deployer.getAddress());
  const factory = new ContractFactory(artifact.abi as never, artifact.bytecode, deployer);
  const deployed = await factory.deploy(
    ownerAddress,
    guardian ?? ownerAddress,
    signers,
    threshold,
    maxObservationAge,
    maxFutureSkew,
    initialRound,
  );
  const deployment = deployed.deploymentTransaction();
  const receipt = await deployment?.wait();
  if (receipt === null || receipt === undefined || receipt.status !== 1) {
    throw new OracleClientError(`RiskOracle deployment ${deployment?.hash ?? ''} failed or was not mined`);
  }
  const address = await deployed.getAddress();
  // The source ABI (not the artifact's) so every client function sees the same fragments.
  const contract = new Contract(address, RISK_ORACLE_ABI, deployer);
  return { address, contract, transactionHash: receipt.hash, gasUsed: receipt.gasUsed };
}
