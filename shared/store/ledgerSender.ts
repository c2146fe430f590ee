export function ledgerSender(chainId: bigint | number, address: string): string {
  return `${chainId}#${address.toLowerCase()}`;
}
