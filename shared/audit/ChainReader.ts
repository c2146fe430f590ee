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
  /** Whether code exists at the address at a block (a RiskOracle was deployed there). */
  hasCode(address: string, blockTag: number): Promise<boolean>;
  close(): void;
}
