/**
 * KmsSigner against a mocked KMSClient (aws-sdk-client-mock): the retry/backoff and error mapping
 * policy, the address cache, and the "one Sign per signing call" rule. Signatures come from a real
 * secp256k1 key encoded exactly like KMS (DER, high-s), so recovery is exercised for real.
 */
import {
  DisabledException,
  GetPublicKeyCommand,
  InvalidKeyUsageException,
  KMSClient,
  KMSServiceException,
  NotFoundException,
  SignCommand,
  type GetPublicKeyCommandOutput,
  type KeySpec,
  type KeyUsageType,
} from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { SigningKey, Transaction, computeAddress, getBytes, verifyMessage } from 'ethers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KmsSigner } from '../../../../shared/chain/kms/KmsSigner.js';
import {
  KmsAccessDeniedError,
  KmsCredentialsError,
  KmsKeyDisabledError,
  KmsKeyNotFoundError,
  KmsKeySpecError,
  KmsRecoveryError,
  KmsResponseError,
  KmsSignerError,
  KmsThrottledError,
} from '../../../../shared/chain/kms/errors.js';
import { SECP256K1_N } from '../../../../shared/chain/kms/normalizeLowS.js';
import { encodeDerSignature } from '../../../../shared/localstack/kms/encodeDerSignature.js';
import { encodeSecp256k1Spki } from '../../../../shared/localstack/kms/encodeSecp256k1Spki.js';
import type { KmsRetryEvent } from '../../../../shared/chain/kms/withKmsRetry.js';

const KEY_ID = 'arn:aws:kms:eu-west-1:111122223333:key/0d7f2d3c-5a8e-4b7e-9a57-0123456789ab';
const KEY = new SigningKey(`0x${'42'.repeat(32)}`);
const OTHER_KEY = new SigningKey(`0x${'43'.repeat(32)}`);
const ADDRESS = computeAddress(KEY.publicKey);
const FAST_RETRY = { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 2 } as const;

const kms = mockClient(KMSClient);

function publicKeyOutput(
  key = KEY,
  spec: KeySpec = 'ECC_SECG_P256K1',
  usage: KeyUsageType = 'SIGN_VERIFY',
): GetPublicKeyCommandOutput {
  return {
    $metadata: {},
    KeyId: KEY_ID,
    PublicKey: encodeSecp256k1Spki(getBytes(key.publicKey)),
    KeySpec: spec,
    KeyUsage: usage,
    SigningAlgorithms: ['ECDSA_SHA_256'],
  };
}

/** Signs like KMS: DER, and always the high-s twin so the signer must normalise. */
function kmsSign(digest: Uint8Array, key = KEY) {
  const signature = key.sign(digest);
  return {
    KeyId: KEY_ID,
    SigningAlgorithm: 'ECDSA_SHA_256',
    Signature: encodeDerSignature({ r: BigInt(signature.r), s: SECP256K1_N - BigInt(signature.s) }),
  } as const;
}

function awsError(name: string, status: number): KMSServiceException {
  return new KMSServiceException({
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
    message: `${name} from mock`,
  });
}

function signer(extra: Partial<ConstructorParameters<typeof KmsSigner>[0]> = {}): KmsSigner {
  return new KmsSigner({
    client: new KMSClient({ region: 'eu-west-1' }),
    keyId: KEY_ID,
    retry: FAST_RETRY,
    ...extra,
  });
}

beforeEach(() => {
  kms.reset();
  kms.on(GetPublicKeyCommand).resolves(publicKeyOutput());
  kms.on(SignCommand).callsFake((input: { Message: Uint8Array }) => kmsSign(input.Message));
});
afterEach(() => kms.reset());

describe('KmsSigner', () => {
  it('derives the address from GetPublicKey once and signs with one DIGEST Sign per call', async () => {
    const s = signer();
    expect(await s.getAddress()).toBe(ADDRESS);
    const message = await s.signMessage('hello');
    expect(verifyMessage('hello', message)).toBe(ADDRESS);
    await s.signMessage('again');
    expect(kms.commandCalls(GetPublicKeyCommand)).toHaveLength(1);
    const signs = kms.commandCalls(SignCommand);
    expect(signs).toHaveLength(2);
    expect(signs[0]?.args[0].input).toMatchObject({
      KeyId: KEY_ID,
      MessageType: 'DIGEST',
      SigningAlgorithm: 'ECDSA_SHA_256',
    });
    expect(signs[0]?.args[0].input.Message).toHaveLength(32);
    expect(s.signCount).toBe(2);
  });

  it('shares the address cache and counters with connect() copies', async () => {
    const s = signer();
    await s.getAddress();
    const connected = s.connect(null);
    expect(await connected.getAddress()).toBe(ADDRESS);
    await connected.signMessage('x');
    expect(kms.commandCalls(GetPublicKeyCommand)).toHaveLength(1);
    expect(s.signCount).toBe(1);
  });

  it('signs a transaction whose sender is the key, and rejects a foreign from', async () => {
    const s = signer();
    const tx = {
      type: 2,
      chainId: 1,
      nonce: 0,
      gasLimit: 21_000n,
      maxFeePerGas: 2n,
      maxPriorityFeePerGas: 1n,
      to: ADDRESS,
      value: 1n,
    };
    expect(Transaction.from(await s.signTransaction(tx)).from).toBe(ADDRESS);
    await expect(s.signTransaction({ ...tx, from: computeAddress(OTHER_KEY.publicKey) })).rejects.toThrow(
      /does not match/,
    );
  });

  it('retries throttling with jittered bounded backoff, counts each throttle, then succeeds', async () => {
    const events: KmsRetryEvent[] = [];
    kms
      .on(SignCommand)
      .rejectsOnce(awsError('ThrottlingException', 400))
      .rejectsOnce(awsError('ThrottlingException', 400))
      .callsFake((input: { Message: Uint8Array }) => kmsSign(input.Message));
    const s = signer({ onThrottle: (event) => events.push(event) });
    expect(verifyMessage('m', await s.signMessage('m'))).toBe(ADDRESS);
    expect(kms.commandCalls(SignCommand)).toHaveLength(3);
    expect(s.throttleCount).toBe(2);
    expect(s.signCount).toBe(1);
    expect(events.map((event) => [event.operation, event.attempt])).toEqual([
      ['Sign', 1],
      ['Sign', 2],
    ]);
    // Full jitter: attempt k waits in [0, min(maxDelayMs, baseDelayMs * 2^(k-1))).
    expect(events[0]?.delayMs).toBeGreaterThanOrEqual(0);
    expect(events[0]?.delayMs).toBeLessThan(1);
    expect(events[1]?.delayMs).toBeLessThan(2);
  });

  it('treats HTTP 429 as throttling and 5xx / KMSInternalException as transient (retried, not counted)', async () => {
    kms
      .on(SignCommand)
      .rejectsOnce(awsError('TooManyRequests', 429))
      .rejectsOnce(awsError('KMSInternalException', 500))
      .rejectsOnce(awsError('ServiceUnavailable', 503))
      .callsFake((input: { Message: Uint8Array }) => kmsSign(input.Message));
    const s = signer();
    await s.signMessage('m');
    expect(kms.commandCalls(SignCommand)).toHaveLength(4);
    expect(s.throttleCount).toBe(1);
  });

  it('gives up after maxAttempts with KmsThrottledError naming the key', async () => {
    kms.on(SignCommand).rejects(awsError('ThrottlingException', 400));
    const s = signer();
    const failure = s.signMessage('m');
    await expect(failure).rejects.toBeInstanceOf(KmsThrottledError);
    await expect(failure).rejects.toThrow(new RegExp(`${KEY_ID} throttled on all 4 attempts`));
    expect(kms.commandCalls(SignCommand)).toHaveLength(4);
    expect(s.throttleCount).toBe(4);
  });

  it.each([
    ['AccessDeniedException', () => awsError('AccessDeniedException', 400), KmsAccessDeniedError, /kms:Sign/],
    [
      'UnrecognizedClientException',
      () => awsError('UnrecognizedClientException', 400),
      KmsCredentialsError,
      /credentials/,
    ],
    [
      'DisabledException',
      () => new DisabledException({ message: 'disabled', $metadata: {} }),
      KmsKeyDisabledError,
      /enable-key/,
    ],
    [
      'InvalidKeyUsageException',
      () => new InvalidKeyUsageException({ message: 'usage', $metadata: {} }),
      KmsKeySpecError,
      /ECC_SECG_P256K1/,
    ],
    [
      'ValidationException',
      () => awsError('ValidationException', 400),
      KmsResponseError,
      /ValidationException/,
    ],
  ])(
    '%s on Sign is fatal at once with a message naming the key and the fix',
    async (_name, make, ErrorClass, fix) => {
      kms.on(SignCommand).rejects(make());
      const failure = signer().signMessage('m');
      await expect(failure).rejects.toBeInstanceOf(ErrorClass);
      await expect(failure).rejects.toBeInstanceOf(KmsSignerError);
      await expect(failure).rejects.toThrow(KEY_ID);
      await expect(failure).rejects.toThrow(fix);
      expect(kms.commandCalls(SignCommand)).toHaveLength(1);
    },
  );

  it('refuses a key that is not ECC_SECG_P256K1 / SIGN_VERIFY before any Sign', async () => {
    kms.on(GetPublicKeyCommand).resolves(publicKeyOutput(KEY, 'ECC_NIST_P256'));
    await expect(signer().signMessage('m')).rejects.toThrow(
      /KeySpec ECC_NIST_P256[\s\S]*--key-spec ECC_SECG_P256K1/,
    );
    kms.on(GetPublicKeyCommand).resolves(publicKeyOutput(KEY, 'ECC_SECG_P256K1', 'ENCRYPT_DECRYPT'));
    await expect(signer().getAddress()).rejects.toBeInstanceOf(KmsKeySpecError);
    expect(kms.commandCalls(SignCommand)).toHaveLength(0);
  });

  it('does not cache a failed GetPublicKey', async () => {
    kms
      .on(GetPublicKeyCommand)
      .rejectsOnce(new NotFoundException({ message: 'no such key', $metadata: {} }))
      .resolves(publicKeyOutput());
    const s = signer();
    await expect(s.getAddress()).rejects.toBeInstanceOf(KmsKeyNotFoundError);
    expect(await s.getAddress()).toBe(ADDRESS);
  });

  it('fails loudly when the signature belongs to another key', async () => {
    kms.on(SignCommand).callsFake((input: { Message: Uint8Array }) => kmsSign(input.Message, OTHER_KEY));
    await expect(signer().signMessage('m')).rejects.toBeInstanceOf(KmsRecoveryError);
  });

  it('rejects malformed DER and a digest that is not 32 bytes', async () => {
    kms.on(SignCommand).resolves({ KeyId: KEY_ID, Signature: Uint8Array.from([0x30, 0x02, 0x02, 0x00]) });
    await expect(signer().signMessage('m')).rejects.toBeInstanceOf(KmsResponseError);
    await expect(signer().signDigest(new Uint8Array(31))).rejects.toThrow(/digest must be 32 bytes, got 31/);
  });

  it('rejects an empty key id', () => {
    expect(() => signer({ keyId: ' ' })).toThrow(/keyId is empty/);
  });
});
