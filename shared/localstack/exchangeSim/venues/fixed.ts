/** Decimals of sizes and volumes in every venue's answers. */
export const SIZE_DECIMALS = 8;

/** A number as venues send it: decimal text with a fixed number of decimals. */
export function fixed(x: number, decimals: number): string {
  return x.toFixed(decimals);
}
