/** One asset's parameters in a batch. All values are integers in basis points (1 bp = 0.01 %). */
export interface ParameterUpdate {
  /** Asset symbol, e.g. "BTC" (UTF-8, 1–24 bytes; becomes the on-chain id, see assetId). */
  readonly asset: string;
  /** Annualised volatility index, 0..65_535 bp. */
  readonly volIndexBps: number;
  /** Loan-to-value, 0..10_000 bp. */
  readonly ltvBps: number;
  /** Liquidation threshold, 0..10_000 bp, ≥ ltvBps. */
  readonly ltBps: number;
  /** Liquidation bonus, 0..10_000 bp. */
  readonly lbBps: number;
}

/** What the oracle key signs: one round of parameters observed at one time. */
export interface OracleBatch {
  /** Strictly increasing across accepted batches, 1..2^64−1. */
  readonly round: bigint;
  /** Unix seconds at which the inputs were observed, 1..2^32−1. */
  readonly observedAt: number;
  readonly updates: readonly ParameterUpdate[];
}

/** The chain-and-contract part of the EIP-712 domain (name and version are fixed constants). */
export interface OracleDomain {
  readonly chainId: bigint | number;
  readonly verifyingContract: string;
}

/** Governance bounds of one asset; mirrors `IRiskOracle.Guardrails`. */
export interface Guardrails {
  readonly minVolIndexBps: number;
  readonly maxVolIndexBps: number;
  readonly minLtvBps: number;
  readonly maxLtvBps: number;
  readonly minLtBps: number;
  readonly maxLtBps: number;
  readonly minLbBps: number;
  readonly maxLbBps: number;
  /** Largest loosening move per update (LTV/LT up, LB down), 0..2_047 bp. */
  readonly maxLoosenBps: number;
  /** Largest tightening move per update (LTV/LT down, LB up), 0..2_047 bp. */
  readonly maxTightenBps: number;
  /** Minimum seconds between the block times of two accepted updates, 0..65_535. */
  readonly minIntervalSec: number;
}

/** Latest on-chain parameters of one asset. */
export interface RiskParams {
  readonly asset: string;
  readonly volIndexBps: number;
  readonly ltvBps: number;
  readonly ltBps: number;
  readonly lbBps: number;
  /** Unix seconds of the signed observation. */
  readonly observedAt: number;
}

/** A 65-byte signature with the address that produced it (needed to sort signatures). */
export interface SignerSignature {
  readonly signer: string;
  readonly signature: string;
}
