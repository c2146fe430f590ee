/**
 * The local KMS endpoint's operations, called in-process (no HTTP): AWS error codes for bad input,
 * key states, aliases, pagination, fault injection, and the high-s / seed behaviour.
 */
import { SigningKey, computeAddress, getBytes, recoverAddress, sha256, toBeHex } from 'ethers';
import { describe, expect, it } from 'vitest';
import { SECP256K1_HALF_N, SECP256K1_N } from '../../../../shared/chain/kms/normalizeLowS.js';
import { parseDerSignature } from '../../../../shared/chain/kms/parseDerSignature.js';
import { publicKeyToAddress } from '../../../../shared/chain/kms/publicKeyToAddress.js';
import { KmsApiError } from '../../../../shared/localstack/errors.js';
import { createKmsService, type KmsService } from '../../../../shared/localstack/kms/createKmsService.js';

const CONTEXT = { region: 'eu-central-1' };
const DIGEST = Buffer.alloc(32, 1).toString('base64');
const b64 = (bytes: Uint8Array | string): string =>
  Buffer.from(typeof bytes === 'string' ? getBytes(bytes) : bytes).toString('base64');

function call(service: KmsService, operation: string, input: unknown): Record<string, unknown> {
  return service.handle(operation, input, CONTEXT) as Record<string, unknown>;
}

function expectApiError(run: () => unknown, type: string, message?: RegExp, status = 400): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(KmsApiError);
    expect((error as KmsApiError).type).toBe(type);
    expect((error as KmsApiError).status).toBe(status);
    if (message !== undefined) expect((error as KmsApiError).message).toMatch(message);
    return;
  }
  throw new Error(`expected ${type}, but the call succeeded`);
}

function newKey(service: KmsService): string {
  const created = call(service, 'CreateKey', { KeySpec: 'ECC_SECG_P256K1', KeyUsage: 'SIGN_VERIFY' });
  return (created.KeyMetadata as { KeyId: string }).KeyId;
}

function addressOf(service: KmsService, keyId: string): string {
  return publicKeyToAddress(
    Buffer.from(call(service, 'GetPublicKey', { KeyId: keyId }).PublicKey as string, 'base64'),
  );
}

function signDer(service: KmsService, keyId: string, message: string, messageType = 'DIGEST'): Uint8Array {
  const out = call(service, 'Sign', {
    KeyId: keyId,
    Message: message,
    MessageType: messageType,
    SigningAlgorithm: 'ECDSA_SHA_256',
  });
  return Buffer.from(out.Signature as string, 'base64');
}

function recovers(digest: string, der: Uint8Array, address: string): boolean {
  const { r, s } = parseDerSignature(der);
  const low = s > SECP256K1_HALF_N ? SECP256K1_N - s : s;
  return [27, 28].some(
    (v) => recoverAddress(digest, { r: toBeHex(r, 32), s: toBeHex(low, 32), v }) === address,
  );
}

describe('createKmsService', () => {
  it('creates keys with AWS-shaped metadata and the request region in the ARN', () => {
    const service = createKmsService();
    const created = call(service, 'CreateKey', {
      KeySpec: 'ECC_SECG_P256K1',
      KeyUsage: 'SIGN_VERIFY',
      Description: 'oracle',
    });
    const metadata = created.KeyMetadata as Record<string, unknown>;
    expect(metadata.KeyId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(metadata).toMatchObject({
      Arn: `arn:aws:kms:eu-central-1:000000000000:key/${String(metadata.KeyId)}`,
      Description: 'oracle',
      Enabled: true,
      KeySpec: 'ECC_SECG_P256K1',
    });
    expect(typeof metadata.CreationDate).toBe('number');
  });

  it('rejects other key specs and usages clearly', () => {
    const service = createKmsService();
    expectApiError(
      () => call(service, 'CreateKey', {}),
      'UnsupportedOperationException',
      /SYMMETRIC_DEFAULT.*only creates ECC_SECG_P256K1/,
    );
    expectApiError(
      () => call(service, 'CreateKey', { KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' }),
      'UnsupportedOperationException',
    );
    expectApiError(
      () => call(service, 'CreateKey', { KeySpec: 'ECC_SECG_P256K1' }),
      'ValidationException',
      /ENCRYPT_DECRYPT.*SIGN_VERIFY/,
    );
    expectApiError(
      () =>
        call(service, 'CreateKey', {
          KeySpec: 'ECC_SECG_P256K1',
          KeyUsage: 'SIGN_VERIFY',
          Origin: 'EXTERNAL',
        }),
      'UnsupportedOperationException',
    );
  });

  it('signs DIGEST as given and RAW after SHA-256', () => {
    const service = createKmsService();
    const keyId = newKey(service);
    const address = addressOf(service, keyId);
    const digest = `0x${'ab'.repeat(32)}`;
    expect(recovers(digest, signDer(service, keyId, b64(digest)), address)).toBe(true);
    const raw = new TextEncoder().encode('hello');
    expect(recovers(sha256(raw), signDer(service, keyId, b64(raw), 'RAW'), address)).toBe(true);
    // Without MessageType, KMS treats the message as RAW.
    const untyped = call(service, 'Sign', {
      KeyId: keyId,
      Message: b64(raw),
      SigningAlgorithm: 'ECDSA_SHA_256',
    });
    expect(recovers(sha256(raw), Buffer.from(untyped.Signature as string, 'base64'), address)).toBe(true);
  });

  it('validates Sign input with AWS error codes', () => {
    const service = createKmsService();
    const keyId = newKey(service);
    const sign = (input: Record<string, unknown>) => () =>
      call(service, 'Sign', {
        KeyId: keyId,
        Message: DIGEST,
        MessageType: 'DIGEST',
        SigningAlgorithm: 'ECDSA_SHA_256',
        ...input,
      });
    expectApiError(
      sign({ Message: Buffer.alloc(33).toString('base64') }),
      'ValidationException',
      /invalid length.*33 bytes/,
    );
    expectApiError(sign({ SigningAlgorithm: 'RSASSA_PSS_SHA_256' }), 'InvalidKeyUsageException');
    expectApiError(sign({ MessageType: 'HASHED' }), 'ValidationException', /RAW, DIGEST/);
    expectApiError(sign({ Message: 'not base64!' }), 'SerializationException');
    expectApiError(sign({ Message: undefined }), 'ValidationException', /Message/);
    expectApiError(sign({ KeyId: 'f00dfeed-0000-4000-8000-000000000000' }), 'NotFoundException');
    expectApiError(
      sign({ MessageType: 'RAW', Message: Buffer.alloc(4097).toString('base64') }),
      'ValidationException',
      /4096/,
    );
    expectApiError(() => call(service, 'Sign', []), 'SerializationException');
  });

  it('returns high-s about half the time and the same outputs for the same seed', () => {
    const signAll = (seed: string): Uint8Array[] => {
      const service = createKmsService({ seed });
      const keyId = newKey(service);
      return Array.from({ length: 200 }, (_, i) => signDer(service, keyId, b64(sha256(new Uint8Array([i])))));
    };
    const first = signAll('unit');
    const highS = first.filter((der) => parseDerSignature(der).s > SECP256K1_HALF_N).length;
    expect(highS).toBeGreaterThan(60); // Binomial(200, 0.5): 60–140 is ±5.6 standard deviations
    expect(highS).toBeLessThan(140);
    expect(signAll('unit')).toEqual(first);
    expect(signAll('other')).not.toEqual(first);
  });

  it('honours highSProbability 0 and 1', () => {
    for (const [probability, high] of [
      [0, false],
      [1, true],
    ] as const) {
      const service = createKmsService({ highSProbability: probability });
      const keyId = newKey(service);
      for (let i = 0; i < 20; i += 1) {
        expect(
          parseDerSignature(signDer(service, keyId, b64(sha256(new Uint8Array([i]))))).s > SECP256K1_HALF_N,
        ).toBe(high);
      }
    }
    expect(() => createKmsService({ highSProbability: 2 })).toThrow(/\[0, 1\]/);
  });

  it('verifies its own signatures and rejects others', () => {
    const service = createKmsService();
    const keyId = newKey(service);
    const der = signDer(service, keyId, DIGEST);
    const verify =
      (signature: Uint8Array, message = DIGEST) =>
      () =>
        call(service, 'Verify', {
          KeyId: keyId,
          Message: message,
          MessageType: 'DIGEST',
          Signature: b64(signature),
          SigningAlgorithm: 'ECDSA_SHA_256',
        });
    expect(verify(der)()).toMatchObject({ SignatureValid: true });
    expectApiError(verify(der, Buffer.alloc(32, 2).toString('base64')), 'KMSInvalidSignatureException');
    expectApiError(verify(Uint8Array.from([0x30, 0])), 'KMSInvalidSignatureException');
  });

  it('resolves aliases and ARNs, and refuses bad or duplicate aliases', () => {
    const service = createKmsService();
    const keyId = newKey(service);
    const address = addressOf(service, keyId);
    call(service, 'CreateAlias', { AliasName: 'alias/oracle', TargetKeyId: keyId });
    expect(addressOf(service, 'alias/oracle')).toBe(address);
    expect(addressOf(service, `arn:aws:kms:eu-central-1:000000000000:key/${keyId}`)).toBe(address);
    expect(addressOf(service, 'arn:aws:kms:eu-central-1:000000000000:alias/oracle')).toBe(address);
    expect(call(service, 'ListAliases', { KeyId: keyId }).Aliases).toEqual([
      expect.objectContaining({ AliasName: 'alias/oracle', TargetKeyId: keyId }),
    ]);
    expectApiError(
      () => call(service, 'CreateAlias', { AliasName: 'alias/oracle', TargetKeyId: keyId }),
      'AlreadyExistsException',
    );
    expectApiError(
      () => call(service, 'CreateAlias', { AliasName: 'oracle', TargetKeyId: keyId }),
      'InvalidAliasNameException',
    );
    expectApiError(
      () => call(service, 'CreateAlias', { AliasName: 'alias/aws/kms', TargetKeyId: keyId }),
      'InvalidAliasNameException',
    );
    expectApiError(
      () => call(service, 'GetPublicKey', { KeyId: 'alias/missing' }),
      'NotFoundException',
      /alias\/missing/,
    );
  });

  it('follows key states: disabled, enabled, pending deletion, cancelled', () => {
    const service = createKmsService();
    const keyId = newKey(service);
    call(service, 'DisableKey', { KeyId: keyId });
    expectApiError(() => signDer(service, keyId, DIGEST), 'DisabledException', /is disabled/);
    expectApiError(() => call(service, 'GetPublicKey', { KeyId: keyId }), 'DisabledException');
    expect(call(service, 'DescribeKey', { KeyId: keyId }).KeyMetadata).toMatchObject({
      KeyState: 'Disabled',
      Enabled: false,
    });
    call(service, 'EnableKey', { KeyId: keyId });
    expect(signDer(service, keyId, DIGEST).length).toBeGreaterThan(8);
    expectApiError(
      () => call(service, 'ScheduleKeyDeletion', { KeyId: keyId, PendingWindowInDays: 3 }),
      'ValidationException',
      /7 to 30/,
    );
    expect(call(service, 'ScheduleKeyDeletion', { KeyId: keyId })).toMatchObject({
      KeyState: 'PendingDeletion',
      PendingWindowInDays: 30,
    });
    expectApiError(() => signDer(service, keyId, DIGEST), 'KMSInvalidStateException', /pending deletion/);
    expectApiError(() => call(service, 'EnableKey', { KeyId: keyId }), 'KMSInvalidStateException');
    call(service, 'CancelKeyDeletion', { KeyId: keyId });
    expect(call(service, 'DescribeKey', { KeyId: keyId }).KeyMetadata).toMatchObject({
      KeyState: 'Disabled',
    });
  });

  it('pages ListKeys with Limit and Marker', () => {
    const service = createKmsService();
    const ids = [newKey(service), newKey(service), newKey(service)];
    const first = call(service, 'ListKeys', { Limit: 2 });
    expect(first).toMatchObject({ Truncated: true, NextMarker: '2' });
    const second = call(service, 'ListKeys', { Limit: 2, Marker: first.NextMarker });
    expect(second.Truncated).toBe(false);
    const listed = [...(first.Keys as { KeyId: string }[]), ...(second.Keys as { KeyId: string }[])].map(
      (key) => key.KeyId,
    );
    expect(listed).toEqual(ids);
    expectApiError(() => call(service, 'ListKeys', { Limit: 0 }), 'ValidationException');
    expectApiError(() => call(service, 'ListKeys', { Marker: 'x' }), 'InvalidMarkerException');
  });

  it('injects faults per operation and counts requests', () => {
    const service = createKmsService();
    const keyId = newKey(service);
    service.setFault('throttle', 2, 'Sign');
    service.setFault('internal', 1, 'GetPublicKey');
    expectApiError(() => signDer(service, keyId, DIGEST), 'ThrottlingException');
    expectApiError(
      () => call(service, 'GetPublicKey', { KeyId: keyId }),
      'KMSInternalException',
      undefined,
      500,
    );
    expectApiError(() => signDer(service, keyId, DIGEST), 'ThrottlingException');
    expect(signDer(service, keyId, DIGEST).length).toBeGreaterThan(8);
    service.setFault('accessDenied', 5);
    expectApiError(() => call(service, 'DescribeKey', { KeyId: keyId }), 'AccessDeniedException');
    service.clearFaults();
    expect(call(service, 'DescribeKey', { KeyId: keyId }).KeyMetadata).toBeDefined();
    expect(service.requestCounts()).toEqual({ CreateKey: 1, Sign: 3, GetPublicKey: 1, DescribeKey: 2 });
    expectApiError(() => call(service, 'Encrypt', {}), 'UnknownOperationException', /supported: CreateKey/);
  });

  it('derives keys from the seed deterministically', () => {
    const a = createKmsService({ seed: 's' });
    const b = createKmsService({ seed: 's' });
    const keyA = newKey(a);
    expect(newKey(b)).toBe(keyA);
    expect(addressOf(a, keyA)).toBe(addressOf(b, keyA));
    // Sanity: the address is a real secp256k1 address, not a constant.
    expect(addressOf(a, keyA)).not.toBe(computeAddress(new SigningKey(`0x${'01'.repeat(32)}`).publicKey));
  });
});
