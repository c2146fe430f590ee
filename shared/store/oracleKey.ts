export function oracleKey(chainId: bigint | number, oracleAddress: string): string {
  return `${chainId}#${oracleAddress.toLowerCase()}`;
}
