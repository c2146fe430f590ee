import { createHash, randomBytes } from 'node:crypto';
import { SigningKey, keccak256, toUtf8Bytes } from 'ethers';
import { parseDerSignature } from '../../chain/kms/parseDerSignature.js';
import { SECP256K1_N, normalizeLowS } from '../../chain/kms/normalizeLowS.js';
import { KmsApiError } from '../errors.js';
import { encodeDerSignature } from './encodeDerSignature.js';
import { encodeSecp256k1Spki } from './encodeSecp256k1Spki.js';

/** Account id in every ARN the local endpoint returns (LocalStack's convention). @default '000000000000' */
export const LOCAL_KMS_ACCOUNT = '000000000000';
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

export interface KmsRequestContext {
  /** Region taken from the request's SigV4 credential scope, for ARNs. */
  readonly region: string;
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

type KeyState = 'Enabled' | 'Disabled' | 'PendingDeletion';

interface LocalKey {
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

const KEY_SPEC = 'ECC_SECG_P256K1';
const KEY_USAGE = 'SIGN_VERIFY';
const SIGNING_ALGORITHM = 'ECDSA_SHA_256';
const MAX_RAW_MESSAGE_BYTES = 4096;

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

/** A tiny deterministic byte stream from a seed: keccak256(seed ‖ ":" ‖ label ‖ ":" ‖ counter). */
function seededBytes(seed: string): (label: string) => Uint8Array {
  let counter = 0;
  return (label) => {
    counter += 1;
    return Uint8Array.from(
      Buffer.from(keccak256(toUtf8Bytes(`${seed}:${label}:${counter}`)).slice(2), 'hex'),
    );
  };
}

function uuidFromBytes(bytes: Uint8Array): string {
  const hex = Buffer.from(bytes.subarray(0, 16)).toString('hex');
  // RFC 4122 version 4 layout, like AWS key ids.
  const variant = ((Number.parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

function validation(message: string): KmsApiError {
  return new KmsApiError('ValidationException', message);
}

function asObject(input: unknown): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new KmsApiError('SerializationException', 'request body must be a JSON object');
  }
  return input as Record<string, unknown>;
}

function requiredString(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value === '') {
    throw validation(
      `1 validation error detected: Value at '${field}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
}

function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw validation(`Value at '${field}' must be a string`);
  return value;
}

function blob(body: Record<string, unknown>, field: string): Uint8Array {
  const value = requiredString(body, field);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0) {
    throw new KmsApiError('SerializationException', `Value at '${field}' is not valid base64`);
  }
  return Uint8Array.from(Buffer.from(value, 'base64'));
}

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
  const keys = new Map<string, LocalKey>();
  const aliases = new Map<string, { keyId: string; creationDate: number }>();
  const faults: KmsFault[] = [];
  const counts: Record<string, number> = {};
  const nextBytes = seed === undefined ? () => Uint8Array.from(randomBytes(32)) : seededBytes(seed);

  const arnOf = (key: LocalKey): string => `arn:aws:kms:${key.region}:${LOCAL_KMS_ACCOUNT}:key/${key.keyId}`;

  function resolveKey(keyIdInput: string): LocalKey {
    let id = keyIdInput;
    const arn = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/(.+)$/.exec(id);
    if (arn !== null) id = arn[1] === 'alias' ? `alias/${arn[2] ?? ''}` : (arn[2] ?? '');
    if (id.startsWith('alias/')) {
      const alias = aliases.get(id);
      if (alias === undefined)
        throw new KmsApiError('NotFoundException', `Alias ${keyIdInput} is not found.`);
      id = alias.keyId;
    }
    const key = keys.get(id);
    if (key === undefined) {
      throw new KmsApiError('NotFoundException', `Key '${keyIdInput}' does not exist`);
    }
    return key;
  }

  function usableKey(body: Record<string, unknown>): LocalKey {
    const key = resolveKey(requiredString(body, 'KeyId'));
    if (key.state === 'Disabled') throw new KmsApiError('DisabledException', `${arnOf(key)} is disabled.`);
    if (key.state === 'PendingDeletion') {
      throw new KmsApiError('KMSInvalidStateException', `${arnOf(key)} is pending deletion.`);
    }
    return key;
  }

  function checkAlgorithm(body: Record<string, unknown>): void {
    const algorithm = requiredString(body, 'SigningAlgorithm');
    if (algorithm !== SIGNING_ALGORITHM) {
      throw new KmsApiError(
        'InvalidKeyUsageException',
        `Signing algorithm ${algorithm} is not valid for key spec ${KEY_SPEC}; use ${SIGNING_ALGORITHM}`,
      );
    }
  }

  /** The 32-byte value ECDSA signs: the digest as given (DIGEST) or SHA-256 of the message (RAW). */
  function digestOf(body: Record<string, unknown>): Uint8Array {
    const message = blob(body, 'Message');
    const messageType = optionalString(body, 'MessageType') ?? 'RAW';
    if (messageType === 'DIGEST') {
      if (message.length !== 32) {
        throw validation(
          `Digest is invalid length for algorithm ${SIGNING_ALGORITHM}: ${message.length} bytes, expected 32`,
        );
      }
      return message;
    }
    if (messageType !== 'RAW') {
      throw validation(
        `Value '${messageType}' at 'messageType' failed to satisfy constraint: Member must satisfy enum value set: [RAW, DIGEST, EXTERNAL_MU]`,
      );
    }
    if (message.length === 0 || message.length > MAX_RAW_MESSAGE_BYTES) {
      throw validation(`Message must be 1 to ${MAX_RAW_MESSAGE_BYTES} bytes, got ${message.length}`);
    }
    return Uint8Array.from(createHash('sha256').update(message).digest());
  }

  function newPrivateKey(): string {
    for (;;) {
      const candidate = BigInt(`0x${Buffer.from(nextBytes('private-key')).toString('hex')}`);
      if (candidate > 0n && candidate < SECP256K1_N) return `0x${candidate.toString(16).padStart(64, '0')}`;
    }
  }

  function coin(): boolean {
    const bytes = nextBytes('high-s');
    const uniform = (((bytes[0] ?? 0) << 16) | ((bytes[1] ?? 0) << 8) | (bytes[2] ?? 0)) / 2 ** 24;
    return uniform < highSProbability;
  }

  function keyMetadata(key: LocalKey): Record<string, unknown> {
    return {
      AWSAccountId: LOCAL_KMS_ACCOUNT,
      KeyId: key.keyId,
      Arn: arnOf(key),
      CreationDate: key.creationDate,
      Enabled: key.state === 'Enabled',
      Description: key.description,
      KeyUsage: KEY_USAGE,
      KeyState: key.state,
      Origin: 'AWS_KMS',
      KeyManager: 'CUSTOMER',
      CustomerMasterKeySpec: KEY_SPEC,
      KeySpec: KEY_SPEC,
      SigningAlgorithms: [SIGNING_ALGORITHM],
      MultiRegion: false,
      ...(key.deletionDate === undefined ? {} : { DeletionDate: key.deletionDate }),
      ...(key.pendingWindowInDays === undefined
        ? {}
        : { PendingDeletionWindowInDays: key.pendingWindowInDays }),
    };
  }

  const operations: Record<string, (body: Record<string, unknown>, context: KmsRequestContext) => unknown> = {
    CreateKey(body, { region }) {
      const keySpec =
        optionalString(body, 'KeySpec') ??
        optionalString(body, 'CustomerMasterKeySpec') ??
        'SYMMETRIC_DEFAULT';
      if (keySpec !== KEY_SPEC) {
        throw new KmsApiError(
          'UnsupportedOperationException',
          `KeySpec ${keySpec} is not supported by the local KMS endpoint; it only creates ${KEY_SPEC} keys`,
        );
      }
      const keyUsage = optionalString(body, 'KeyUsage') ?? 'ENCRYPT_DECRYPT';
      if (keyUsage !== KEY_USAGE) {
        throw validation(`KeyUsage ${keyUsage} is not compatible with KeySpec ${KEY_SPEC}; use ${KEY_USAGE}`);
      }
      const origin = optionalString(body, 'Origin') ?? 'AWS_KMS';
      if (origin !== 'AWS_KMS') {
        throw new KmsApiError(
          'UnsupportedOperationException',
          `Origin ${origin} is not supported by the local KMS endpoint`,
        );
      }
      const signingKey = new SigningKey(newPrivateKey());
      const key: LocalKey = {
        keyId: uuidFromBytes(nextBytes('key-id')),
        signingKey,
        spki: encodeSecp256k1Spki(Uint8Array.from(Buffer.from(signingKey.publicKey.slice(2), 'hex'))),
        creationDate: Math.floor(Date.now() / 1000),
        description: optionalString(body, 'Description') ?? '',
        region,
        state: 'Enabled',
        deletionDate: undefined,
        pendingWindowInDays: undefined,
      };
      keys.set(key.keyId, key);
      return { KeyMetadata: keyMetadata(key) };
    },

    DescribeKey(body) {
      return { KeyMetadata: keyMetadata(resolveKey(requiredString(body, 'KeyId'))) };
    },

    GetPublicKey(body) {
      const key = usableKey(body);
      return {
        KeyId: arnOf(key),
        PublicKey: Buffer.from(key.spki).toString('base64'),
        CustomerMasterKeySpec: KEY_SPEC,
        KeySpec: KEY_SPEC,
        KeyUsage: KEY_USAGE,
        SigningAlgorithms: [SIGNING_ALGORITHM],
      };
    },

    Sign(body) {
      const key = usableKey(body);
      checkAlgorithm(body);
      const digest = digestOf(body);
      const signature = key.signingKey.sign(digest); // RFC 6979, always low-s
      const r = BigInt(signature.r);
      const lowS = BigInt(signature.s);
      // AWS does not normalise s: return the equally valid (r, n − s) about half the time.
      const s = coin() ? SECP256K1_N - lowS : lowS;
      return {
        KeyId: arnOf(key),
        Signature: Buffer.from(encodeDerSignature({ r, s })).toString('base64'),
        SigningAlgorithm: SIGNING_ALGORITHM,
      };
    },

    Verify(body) {
      const key = usableKey(body);
      checkAlgorithm(body);
      const digest = digestOf(body);
      const der = blob(body, 'Signature');
      let valid = false;
      try {
        const { r, s } = parseDerSignature(der);
        const low = normalizeLowS(s);
        // (r, s) verifies for Q iff (r, n − s) does; recovering with both parities finds Q if valid.
        valid = [27, 28].some(
          (v) =>
            SigningKey.recoverPublicKey(digest, {
              r: `0x${r.toString(16).padStart(64, '0')}`,
              s: `0x${low.toString(16).padStart(64, '0')}`,
              v,
            }) === key.signingKey.publicKey,
        );
      } catch {
        valid = false;
      }
      if (!valid)
        throw new KmsApiError(
          'KMSInvalidSignatureException',
          'The signature is not valid for this key and message',
        );
      return { KeyId: arnOf(key), SignatureValid: true, SigningAlgorithm: SIGNING_ALGORITHM };
    },

    ListKeys(body) {
      const limit = body.Limit === undefined ? 100 : Number(body.Limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
        throw validation(`Limit must be 1 to 1000, got ${String(body.Limit)}`);
      const all = [...keys.values()];
      const marker = optionalString(body, 'Marker');
      const start = marker === undefined ? 0 : Number(marker);
      if (!Number.isInteger(start) || start < 0 || start > all.length)
        throw new KmsApiError('InvalidMarkerException', `Invalid marker ${marker}`);
      const page = all.slice(start, start + limit);
      const truncated = start + limit < all.length;
      return {
        Keys: page.map((key) => ({ KeyId: key.keyId, KeyArn: arnOf(key) })),
        Truncated: truncated,
        ...(truncated ? { NextMarker: String(start + limit) } : {}),
      };
    },

    CreateAlias(body) {
      const aliasName = requiredString(body, 'AliasName');
      if (!/^alias\/[a-zA-Z0-9/_-]{1,250}$/.test(aliasName) || aliasName.startsWith('alias/aws/')) {
        throw new KmsApiError(
          'InvalidAliasNameException',
          `Alias ${aliasName} must be "alias/" followed by letters, digits, "/", "_" or "-", and not start with alias/aws/`,
        );
      }
      if (aliases.has(aliasName))
        throw new KmsApiError('AlreadyExistsException', `An alias with the name ${aliasName} already exists`);
      const key = resolveKey(requiredString(body, 'TargetKeyId'));
      aliases.set(aliasName, { keyId: key.keyId, creationDate: Math.floor(Date.now() / 1000) });
      return {};
    },

    ListAliases(body) {
      const keyId = optionalString(body, 'KeyId');
      const filter = keyId === undefined ? undefined : resolveKey(keyId).keyId;
      return {
        Aliases: [...aliases.entries()]
          .filter(([, alias]) => filter === undefined || alias.keyId === filter)
          .map(([name, alias]) => {
            const key = keys.get(alias.keyId);
            return {
              AliasName: name,
              AliasArn: `arn:aws:kms:${key?.region ?? 'us-east-1'}:${LOCAL_KMS_ACCOUNT}:${name}`,
              TargetKeyId: alias.keyId,
              CreationDate: alias.creationDate,
            };
          }),
        Truncated: false,
      };
    },

    DisableKey(body) {
      const key = resolveKey(requiredString(body, 'KeyId'));
      if (key.state === 'PendingDeletion')
        throw new KmsApiError('KMSInvalidStateException', `${arnOf(key)} is pending deletion.`);
      key.state = 'Disabled';
      return {};
    },

    EnableKey(body) {
      const key = resolveKey(requiredString(body, 'KeyId'));
      if (key.state === 'PendingDeletion')
        throw new KmsApiError('KMSInvalidStateException', `${arnOf(key)} is pending deletion.`);
      key.state = 'Enabled';
      return {};
    },

    ScheduleKeyDeletion(body) {
      const key = resolveKey(requiredString(body, 'KeyId'));
      const days = body.PendingWindowInDays === undefined ? 30 : Number(body.PendingWindowInDays);
      if (!Number.isInteger(days) || days < 7 || days > 30) {
        throw validation(
          `PendingWindowInDays must be an integer from 7 to 30, got ${String(body.PendingWindowInDays)}`,
        );
      }
      if (key.state === 'PendingDeletion')
        throw new KmsApiError('KMSInvalidStateException', `${arnOf(key)} is pending deletion.`);
      key.state = 'PendingDeletion';
      key.pendingWindowInDays = days;
      key.deletionDate = Math.floor(Date.now() / 1000) + days * 86_400;
      return {
        KeyId: arnOf(key),
        DeletionDate: key.deletionDate,
        KeyState: key.state,
        PendingWindowInDays: days,
      };
    },

    CancelKeyDeletion(body) {
      const key = resolveKey(requiredString(body, 'KeyId'));
      if (key.state !== 'PendingDeletion')
        throw new KmsApiError('KMSInvalidStateException', `${arnOf(key)} is not pending deletion.`);
      // AWS leaves a key whose deletion was cancelled disabled.
      key.state = 'Disabled';
      key.deletionDate = undefined;
      key.pendingWindowInDays = undefined;
      return { KeyId: arnOf(key) };
    },
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
      return run(asObject(input), context);
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
