import { randomBytes } from 'node:crypto';
import { KmsApiError } from '../errors.js';
import type { KmsOperation, KmsRequestContext, KmsState } from './KmsState.js';
import { cancelKeyDeletion } from './operations/cancelKeyDeletion.js';
import { createAlias } from './operations/createAlias.js';
import { createKey } from './operations/createKey.js';
import { describeKey } from './operations/describeKey.js';
import { disableKey } from './operations/disableKey.js';
import { enableKey } from './operations/enableKey.js';
import { getPublicKey } from './operations/getPublicKey.js';
import { listAliases } from './operations/listAliases.js';
import { listKeys } from './operations/listKeys.js';
import { scheduleKeyDeletion } from './operations/scheduleKeyDeletion.js';
import { sign } from './operations/sign.js';
import { verify } from './operations/verify.js';
import { asKmsObject } from './request/asKmsObject.js';
import { seededBytes } from './seededBytes.js';

/** Probability that Sign returns the high-s twin of a signature, like AWS does about half the time. @default 0.5 */
export const DEFAULT_HIGH_S_PROBABILITY = 0.5;

export type KmsFaultKind = 'throttle' | 'internal' | 'accessDenied' | 'unavailable';

export interface KmsFault {
  readonly kind: KmsFaultKind;
  /** How many matching requests fail before the fault clears. */
  remaining: number;
  /** Only this operation fails (e.g. `Sign`); undefined means every operation. */
  readonly operation: string | undefined;
}

export interface CreateKmsServiceParams {
  /** Seed for key material, key ids and the high-s coin: same seed, same keys and signatures. */
  readonly seed?: string;
  /** @default DEFAULT_HIGH_S_PROBABILITY */
  readonly highSProbability?: number;
}

export interface KmsService {
  /** Runs one operation on a parsed JSON body; returns the JSON result or throws KmsApiError. */
  handle(operation: string, input: unknown, context: KmsRequestContext): unknown;
  /** The next `count` requests (of `operation`, if given) fail with the fault's AWS error. */
  setFault(kind: KmsFaultKind, count: number, operation?: string): void;
  clearFaults(): void;
  /** Requests received per operation (faulted ones included): lets tests assert "one Sign per batch". */
  requestCounts(): Readonly<Record<string, number>>;
}

const FAULT_ERRORS: Record<KmsFaultKind, () => KmsApiError> = {
  throttle: () =>
    new KmsApiError('ThrottlingException', 'Rate exceeded (fault injected by the local KMS endpoint)'),
  internal: () =>
    new KmsApiError('KMSInternalException', 'Internal error (fault injected by the local KMS endpoint)', 500),
  accessDenied: () =>
    new KmsApiError(
      'AccessDeniedException',
      'User is not authorized to perform this operation (fault injected by the local KMS endpoint)',
    ),
  unavailable: () =>
    new KmsApiError(
      'KeyUnavailableException',
      'The key is not available (fault injected by the local KMS endpoint)',
    ),
};

/**
 * The in-memory state and operations of the local KMS-compatible endpoint: secp256k1 keys
 * (`ECC_SECG_P256K1`, `SIGN_VERIFY`) that sign like AWS — DIGEST messages signed as given, RAW ones
 * hashed with SHA-256, DER signatures with minimal integers, and high-s about half the time.
 * Errors use the AWS error codes so `@aws-sdk/client-kms` raises its typed exceptions.
 */
export function createKmsService({
  seed,
  highSProbability = DEFAULT_HIGH_S_PROBABILITY,
}: CreateKmsServiceParams = {}): KmsService {
  if (!(highSProbability >= 0 && highSProbability <= 1)) {
    throw new RangeError(`highSProbability must be in [0, 1], got ${highSProbability}`);
  }
  const faults: KmsFault[] = [];
  const counts: Record<string, number> = {};
  const state: KmsState = {
    keys: new Map(),
    aliases: new Map(),
    nextBytes: seed === undefined ? () => Uint8Array.from(randomBytes(32)) : seededBytes(seed),
    highSProbability,
  };

  const operations: Readonly<Record<string, KmsOperation>> = {
    CreateKey: createKey,
    DescribeKey: describeKey,
    GetPublicKey: getPublicKey,
    Sign: sign,
    Verify: verify,
    ListKeys: listKeys,
    CreateAlias: createAlias,
    ListAliases: listAliases,
    DisableKey: disableKey,
    EnableKey: enableKey,
    ScheduleKeyDeletion: scheduleKeyDeletion,
    CancelKeyDeletion: cancelKeyDeletion,
  };

  return {
    handle(operation, input, context) {
      counts[operation] = (counts[operation] ?? 0) + 1;
      const run = operations[operation];
      if (run === undefined) {
        throw new KmsApiError(
          'UnknownOperationException',
          `Operation ${operation} is not supported by the local KMS endpoint (supported: ${Object.keys(operations).join(', ')})`,
        );
      }
      const fault = faults.find(
        (f) => f.remaining > 0 && (f.operation === undefined || f.operation === operation),
      );
      if (fault !== undefined) {
        fault.remaining -= 1;
        throw FAULT_ERRORS[fault.kind]();
      }
      return run(state, asKmsObject(input), context);
    },
    setFault(kind, count, operation) {
      if (!Number.isInteger(count) || count < 0)
        throw new RangeError(`fault count must be an integer ≥ 0, got ${count}`);
      faults.push({ kind, remaining: count, operation });
    },
    clearFaults() {
      faults.length = 0;
    },
    requestCounts() {
      return { ...counts };
    },
  };
}
