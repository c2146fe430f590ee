import { decodeBytes32String } from 'ethers';

/** Inverse of assetId: the symbol of a bytes32 id; ids that are not UTF-8 text come back as hex. */
export function assetSymbol(id: string): string {
  try {
    return decodeBytes32String(id);
  } catch {
    return id;
  }
}
