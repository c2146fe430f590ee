import type { SigningKey } from 'ethers';

/** Account id in every ARN the local endpoint returns (LocalStack's convention). @default '000000000000' */
export const LOCAL_KMS_ACCOUNT = '000000000000';
/** The one key type the local endpoint creates. */
export const KEY_SPEC = 'ECC_SECG_P256K1';
export const KEY_USAGE = 'SIGN_VERIFY';
export const SIGNING_ALGORITHM = 'ECDSA_SHA_256';
/** Largest RAW message AWS KMS signs. */
export const MAX_RAW_MESSAGE_BYTES = 4096;

export type KeyState = 'Enabled' | 'Disabled' | 'PendingDeletion';

export interface LocalKey {
  readonly keyId: string;
  readonly signingKey: SigningKey;
  readonly spki: Uint8Array;
  readonly creationDate: number;
  readonly description: string;
  readonly region: string;
  state: KeyState;
  deletionDate: number | undefined;
  pendingWindowInDays: number | undefined;
}

export interface KmsRequestContext {
  /** Region taken from the request's SigV4 credential scope, for ARNs. */
  readonly region: string;
}

/** The in-memory state every KMS operation reads and changes. */
export interface KmsState {
  readonly keys: Map<string, LocalKey>;
  readonly aliases: Map<string, { keyId: string; creationDate: number }>;
  /** 32 bytes of key material or coin flips: random, or seeded for reproducible runs. */
  readonly nextBytes: (label: string) => Uint8Array;
  /** Probability that Sign returns the high-s twin of a signature. */
  readonly highSProbability: number;
}

/** One KMS operation (`TrentService.<Name>`): a parsed JSON body in, the JSON result out, or a KmsApiError. */
export type KmsOperation = (
  state: KmsState,
  body: Record<string, unknown>,
  context: KmsRequestContext,
) => unknown;
