/** The checks `ballast verify` runs on a round (the (a)–(d); (a) is split into its offline and on-chain halves). */
export const VERIFY_CHECKS = {
  signatures: '(a) signatures recover from the signed batch',
  authorised: '(a) signers authorised on the contract, threshold met',
  onchain: '(b) on-chain log equals the signed batch',
  inputs: '(c) inputs hash matches the stored inputs',
  recompute: '(d) recomputation gives the identical record',
  bookkeeping: "(e) the store's bookkeeping (publication status, record marks) agrees with the chain",
} as const;
export type VerifyCheckId = keyof typeof VERIFY_CHECKS;

export type VerifyStatus = 'PASS' | 'FAIL' | 'SKIP';

export interface VerifyCheck {
  readonly id: VerifyCheckId;
  readonly status: VerifyStatus;
  /** What was checked and found; for a FAIL, what differs (values, asset, field) and where to look. */
  readonly details: readonly string[];
}

export interface VerifyResult {
  readonly round: string;
  readonly oracle: { readonly chainId: number; readonly address: string };
  readonly txHash: string | null;
  readonly checks: readonly VerifyCheck[];
  /** True when no check failed (skipped checks do not fail a round). */
  readonly ok: boolean;
}
