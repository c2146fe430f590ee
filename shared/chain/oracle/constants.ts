/** EIP-712 domain name of the RiskOracle contract (must match the constructor's EIP712 call). */
export const ORACLE_EIP712_NAME = 'Ballast RiskOracle';
/** EIP-712 domain version. */
export const ORACLE_EIP712_VERSION = '1';
/** EIP-712 types of a batch: `bytes32[]` hashes as keccak256 of the concatenated words. */
export const ORACLE_BATCH_TYPES = {
  Batch: [
    { name: 'round', type: 'uint64' },
    { name: 'observedAt', type: 'uint32' },
    { name: 'updates', type: 'bytes32[]' },
  ],
} as const;
/** Longest asset symbol in bytes: the id's high 24 bytes travel in the packed update word. */
export const MAX_ASSET_SYMBOL_BYTES = 24;
/** Parameter names in the order of the contract's `Param` enum. */
export const PARAM_NAMES = ['volIndexBps', 'ltvBps', 'ltBps', 'lbBps'] as const;
