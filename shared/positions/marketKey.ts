import { getAddress } from 'ethers';

/** Partition key of a market in the positions table: `<chainId>:<checksummed address>`. */
export function marketKey(chainId: number | bigint, market: string): string {
  return `${String(chainId)}:${getAddress(market)}`;
}
