import type { Guardrails } from '../chain/oracle/types.js';

/** A mined transaction's receipt, as far as verification reads it. */
export interface ChainReceipt {
  readonly status: number | null;
  readonly blockNumber: number;
  readonly to: string | null;
  readonly logs: readonly {
    readonly address: string;
    readonly topics: readonly string[];
    readonly data: string;
  }[];
}

/** The chain reads `ballast verify` needs; createChainReader implements it over JSON-RPC. */
export interface ChainReader {
  chainId(): Promise<number>;
  getReceipt(txHash: string): Promise<ChainReceipt | null>;
  /** RiskOracle.isSigner(account) at a block. */
  isSigner(oracle: string, account: string, blockTag: number): Promise<boolean>;
  /** RiskOracle.threshold() at a block. */
  threshold(oracle: string, blockTag: number): Promise<number>;
  /** RiskOracle.tryLatest(asset)'s LTV, LT and LB at a block; undefined when it held nothing. */
  latestAt(
    oracle: string,
    asset: string,
    blockTag: number,
  ): Promise<{ readonly ltvBps: number; readonly ltBps: number; readonly lbBps: number } | undefined>;
  /** RiskOracle.guardrails(asset) at a block. */
  guardrailsAt(oracle: string, asset: string, blockTag: number): Promise<Guardrails>;
  /** Whether code exists at the address at a block (a RiskOracle was deployed there). */
  hasCode(address: string, blockTag: number): Promise<boolean>;
  close(): void;
}
