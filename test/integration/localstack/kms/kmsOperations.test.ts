/**
 * The project's KMS-compatible endpoint driven through the REAL @aws-sdk/client-kms (HTTP on
 * 127.0.0.1, dummy credentials), and KmsSigner on top of it: address from the public key,
 * thousands of signatures (with AWS-like high-s and short r/s) that all recover, transactions,
 * EIP-712 and EIP-191 round trips, and the error mapping of disabled / deleted / unknown keys.
 */
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EnableKeyCommand,
  GetPublicKeyCommand,
  KMSInvalidSignatureException,
  ListKeysCommand,
  ScheduleKeyDeletionCommand,
  SignCommand,
  VerifyCommand,
  type KMSClient,
} from '@aws-sdk/client-kms';
import {
  Signature,
  Transaction,
  computeAddress,
  hexlify,
  recoverAddress,
  sha256,
  verifyMessage,
  verifyTypedData,
} from 'ethers';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KmsSigner } from '../../../../shared/chain/kms/KmsSigner.js';
import {
  KmsAccessDeniedError,
  KmsKeyDisabledError,
  KmsKeyNotFoundError,
  KmsKeyStateError,
} from '../../../../shared/chain/kms/errors.js';
import { createKmsClient } from '../../../../shared/chain/kms/createKmsClient.js';
import { SECP256K1_HALF_N, SECP256K1_N } from '../../../../shared/chain/kms/normalizeLowS.js';
import { parseDerSignature } from '../../../../shared/chain/kms/parseDerSignature.js';
import { startKmsServer, type KmsServer } from '../../../../shared/localstack/kms/startKmsServer.js';
import { fuzzRuns } from '../../../fixtures/fuzzRuns.js';

/**
 * Random digests signed through KmsSigner, each recovered twice in pure JS (~20 ms a digest on a
 * loaded machine): 200 in `npm test`, 2,000 under `npm run fuzz`.
 */
const PROPERTY_RUNS = fuzzRuns({ short: 200, long: 2_000 });
/**
 * Raw Sign answers whose DER shapes are counted: enough that a missing shape is a bug, not luck
 * (P(no short r or s in 2,000 signatures) ≈ e^-15). Without recovery they cost ~2 ms each.
 */
const SHAPE_RUNS = 2_000;
/** Tiny backoff so fault-injection tests stay fast; the policy itself is unit-tested. */
const FAST_RETRY = { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 2 } as const;

let server: KmsServer;
let client: KMSClient;
/** Raw DER signatures the endpoint returned, captured below the SDK's deserialiser. */
const returnedDer: Uint8Array[] = [];

async function createKey(): Promise<string> {
  const created = await client.send(
    new CreateKeyCommand({ KeySpec: 'ECC_SECG_P256K1', KeyUsage: 'SIGN_VERIFY' }),
  );
  const keyId = created.KeyMetadata?.KeyId;
  if (keyId === undefined) throw new Error('CreateKey returned no KeyId');
  return keyId;
}

beforeAll(async () => {
  server = await startKmsServer();
  client = createKmsClient({ endpoint: server.endpoint });
  client.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      const output = result.output as { Signature?: Uint8Array; SigningAlgorithm?: string };
      if (output.Signature !== undefined && output.SigningAlgorithm !== undefined)
        returnedDer.push(output.Signature);
      return result;
    },
    { step: 'initialize', name: 'captureSignatures' },
  );
});

afterAll(async () => {
  client?.destroy();
  await server?.stop();
});

describe('local KMS endpoint through @aws-sdk/client-kms', () => {
  it('creates a secp256k1 key whose SPKI public key gives the signer address', async () => {
    const keyId = await createKey();
    const described = await client.send(new DescribeKeyCommand({ KeyId: keyId }));
    expect(described.KeyMetadata).toMatchObject({
      KeyId: keyId,
      KeySpec: 'ECC_SECG_P256K1',
      KeyUsage: 'SIGN_VERIFY',
      KeyState: 'Enabled',
      SigningAlgorithms: ['ECDSA_SHA_256'],
    });
    expect(described.KeyMetadata?.Arn).toBe(`arn:aws:kms:us-east-1:000000000000:key/${keyId}`);

    const publicKey = await client.send(new GetPublicKeyCommand({ KeyId: keyId }));
    const spki = publicKey.PublicKey ?? new Uint8Array();
    expect(spki.length).toBe(88);
    expect(Buffer.from(spki.subarray(0, 23)).toString('hex')).toBe(
      '3056301006072a8648ce3d020106052b8104000a034200',
    );
    expect(spki[23]).toBe(0x04);

    const signer = new KmsSigner({ client, keyId });
    expect(await signer.getAddress()).toBe(computeAddress(hexlify(spki.subarray(23))));

    const keys = await client.send(new ListKeysCommand({}));
    expect(keys.Keys?.map((key) => key.KeyId)).toContain(keyId);
  });

  it(`signs ${PROPERTY_RUNS} random digests; each recovers to the key address with low s`, async () => {
    const keyId = await createKey();
    const signer = new KmsSigner({ client, keyId });
    const address = await signer.getAddress();
    const before = returnedDer.length;
    const signsBefore = server.requestCounts().Sign ?? 0;
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 32, maxLength: 32 }), async (digest) => {
        const signature = await signer.signDigest(digest);
        expect(BigInt(signature.s) <= SECP256K1_HALF_N).toBe(true);
        // Recover from the serialized 65-byte form r‖s‖v, which is what contracts receive.
        expect(recoverAddress(digest, Signature.from(signature.serialized))).toBe(address);
      }),
      { numRuns: PROPERTY_RUNS },
    );
    expect((server.requestCounts().Sign ?? 0) - signsBefore).toBe(PROPERTY_RUNS);
    // Every signature the signer got passed through the capture below the SDK.
    expect(returnedDer.length - before).toBe(PROPERTY_RUNS);
  }, 180_000);

  it(`returns the awkward AWS shapes (high s, short r or s) in ${SHAPE_RUNS} raw Sign answers`, async () => {
    const keyId = await createKey();
    const before = returnedDer.length;
    const digests = fc.sample(fc.uint8Array({ minLength: 32, maxLength: 32 }), {
      numRuns: SHAPE_RUNS,
      seed: 7,
    });
    for (let i = 0; i < digests.length; i += 50)
      await Promise.all(
        digests.slice(i, i + 50).map((digest) =>
          client.send(
            new SignCommand({
              KeyId: keyId,
              Message: digest,
              MessageType: 'DIGEST',
              SigningAlgorithm: 'ECDSA_SHA_256',
            }),
          ),
        ),
      );
    const ders = returnedDer.slice(before);
    expect(ders).toHaveLength(SHAPE_RUNS);
    const parsed = ders.map((der) => ({ der, ...parseDerSignature(der) }));
    const highS = parsed.filter(({ s }) => s > SECP256K1_HALF_N).length;
    const intLengths = ders.flatMap((der) => [der[3] ?? 0, der[5 + (der[3] ?? 0)] ?? 0]);
    // Binomial(2000, 0.5): 700–1300 is more than 13 standard deviations wide.
    expect(highS).toBeGreaterThan(700);
    expect(highS).toBeLessThan(1300);
    expect(intLengths.filter((length) => length === 33).length).toBeGreaterThan(0);
    // P(no r or s below 2^248 in 2000 signatures) ≈ e^-15.
    expect(intLengths.filter((length) => length < 32).length).toBeGreaterThan(0);
  }, 180_000);

  it('signs an EIP-1559 transaction whose sender recovers to the key address', async () => {
    const signer = new KmsSigner({ client, keyId: await createKey() });
    const address = await signer.getAddress();
    const raw = await signer.signTransaction({
      type: 2,
      chainId: 31_337,
      nonce: 7,
      to: '0x000000000000000000000000000000000000dEaD',
      value: 12_345n,
      data: '0x1234',
      gasLimit: 50_000n,
      maxFeePerGas: 30_000_000_000n,
      maxPriorityFeePerGas: 1_000_000_000n,
      from: address,
    });
    const parsed = Transaction.from(raw);
    expect(parsed.type).toBe(2);
    expect(parsed.from).toBe(address);
    expect(parsed.nonce).toBe(7);
    expect(parsed.signature?.s !== undefined && BigInt(parsed.signature.s) <= SECP256K1_HALF_N).toBe(true);
  });

  it('signs EIP-712 typed data (verifyTypedData) and EIP-191 messages (verifyMessage), one Sign each', async () => {
    const signer = new KmsSigner({ client, keyId: await createKey() });
    const address = await signer.getAddress();
    const domain = {
      name: 'RiskOracle',
      version: '1',
      chainId: 31_337,
      verifyingContract: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
    };
    const types = {
      Update: [
        { name: 'asset', type: 'bytes32' },
        { name: 'ltvBps', type: 'uint16' },
        { name: 'round', type: 'uint64' },
      ],
    };
    const value = { asset: `0x${'ab'.repeat(32)}`, ltvBps: 7_500, round: 42n };
    const signsBefore = server.requestCounts().Sign ?? 0;
    const typed = await signer.signTypedData(domain, types, value);
    expect(verifyTypedData(domain, types, value, typed)).toBe(address);
    const message = await signer.signMessage('ballast signer check');
    expect(verifyMessage('ballast signer check', message)).toBe(address);
    expect((server.requestCounts().Sign ?? 0) - signsBefore).toBe(2);
    expect(signer.signCount).toBe(2);
  });

  it('resolves aliases, and its Verify accepts both the high-s and low-s form', async () => {
    const keyId = await createKey();
    await client.send(new CreateAliasCommand({ AliasName: 'alias/ballast-test', TargetKeyId: keyId }));
    const viaAlias = new KmsSigner({ client, keyId: 'alias/ballast-test' });
    expect(await viaAlias.getAddress()).toBe(await new KmsSigner({ client, keyId }).getAddress());

    const digest = new Uint8Array(32).fill(7);
    const signed = await client.send(
      new SignCommand({
        KeyId: 'alias/ballast-test',
        Message: digest,
        MessageType: 'DIGEST',
        SigningAlgorithm: 'ECDSA_SHA_256',
      }),
    );
    const verified = await client.send(
      new VerifyCommand({
        KeyId: keyId,
        Message: digest,
        MessageType: 'DIGEST',
        Signature: signed.Signature,
        SigningAlgorithm: 'ECDSA_SHA_256',
      }),
    );
    expect(verified.SignatureValid).toBe(true);
    await expect(
      client.send(
        new VerifyCommand({
          KeyId: keyId,
          Message: new Uint8Array(32).fill(8),
          MessageType: 'DIGEST',
          Signature: signed.Signature,
          SigningAlgorithm: 'ECDSA_SHA_256',
        }),
      ),
    ).rejects.toBeInstanceOf(KMSInvalidSignatureException);
  });

  it('hashes RAW messages with SHA-256 and signs DIGEST messages as given', async () => {
    const keyId = await createKey();
    const address = await new KmsSigner({ client, keyId }).getAddress();
    const message = new TextEncoder().encode('raw message');
    const recovers = (digest: string, der: Uint8Array | undefined): boolean => {
      const { r, s } = parseDerSignature(der ?? new Uint8Array());
      const low = s > SECP256K1_HALF_N ? SECP256K1_N - s : s;
      return [27, 28].some(
        (v) =>
          recoverAddress(digest, {
            r: `0x${r.toString(16).padStart(64, '0')}`,
            s: `0x${low.toString(16).padStart(64, '0')}`,
            v,
          }) === address,
      );
    };
    const raw = await client.send(
      new SignCommand({
        KeyId: keyId,
        Message: message,
        MessageType: 'RAW',
        SigningAlgorithm: 'ECDSA_SHA_256',
      }),
    );
    expect(recovers(sha256(message), raw.Signature)).toBe(true);
    const digest = sha256(message);
    const direct = await client.send(
      new SignCommand({
        KeyId: keyId,
        Message: Buffer.from(digest.slice(2), 'hex'),
        MessageType: 'DIGEST',
        SigningAlgorithm: 'ECDSA_SHA_256',
      }),
    );
    expect(recovers(digest, direct.Signature)).toBe(true);
  });

  it('rejects a wrong digest length and a wrong algorithm with the AWS error codes', async () => {
    const keyId = await createKey();
    await expect(
      client.send(
        new SignCommand({
          KeyId: keyId,
          Message: new Uint8Array(31),
          MessageType: 'DIGEST',
          SigningAlgorithm: 'ECDSA_SHA_256',
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringMatching(/invalid length/),
    });
    await expect(
      client.send(
        new SignCommand({
          KeyId: keyId,
          Message: new Uint8Array(32),
          MessageType: 'DIGEST',
          SigningAlgorithm: 'ECDSA_SHA_384',
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidKeyUsageException' });
    await expect(
      client.send(new CreateKeyCommand({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' })),
    ).rejects.toMatchObject({
      name: 'UnsupportedOperationException',
    });
    await expect(client.send(new CreateKeyCommand({ KeySpec: 'ECC_SECG_P256K1' }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
  });

  it('maps disabled, pending-deletion and unknown keys to fatal signer errors naming the key', async () => {
    const keyId = await createKey();
    const signer = new KmsSigner({ client, keyId, retry: FAST_RETRY });
    await signer.getAddress();
    await client.send(new DisableKeyCommand({ KeyId: keyId }));
    const signsBefore = server.requestCounts().Sign ?? 0;
    const disabled = signer.signMessage('x');
    await expect(disabled).rejects.toBeInstanceOf(KmsKeyDisabledError);
    await expect(disabled).rejects.toThrow(new RegExp(`${keyId}[\\s\\S]*enable-key`));
    expect((server.requestCounts().Sign ?? 0) - signsBefore).toBe(1); // fatal: not retried

    await client.send(new EnableKeyCommand({ KeyId: keyId }));
    await expect(signer.signMessage('x')).resolves.toMatch(/^0x[0-9a-f]{130}$/);
    await client.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
    await expect(signer.signMessage('x')).rejects.toBeInstanceOf(KmsKeyStateError);

    await expect(
      new KmsSigner({ client, keyId: 'alias/does-not-exist' }).getAddress(),
    ).rejects.toBeInstanceOf(KmsKeyNotFoundError);
  });

  it('retries injected throttling with backoff, counts it, then signs; access denied is fatal', async () => {
    const throttles: number[] = [];
    const signer = new KmsSigner({
      client,
      keyId: await createKey(),
      retry: FAST_RETRY,
      onThrottle: (event) => throttles.push(event.attempt),
    });
    const address = await signer.getAddress();
    server.setFault('throttle', 2, 'Sign');
    const signsBefore = server.requestCounts().Sign ?? 0;
    expect(verifyMessage('after throttling', await signer.signMessage('after throttling'))).toBe(address);
    expect(signer.throttleCount).toBe(2);
    expect(throttles).toEqual([1, 2]);
    expect((server.requestCounts().Sign ?? 0) - signsBefore).toBe(3);
    expect(signer.signCount).toBe(1);

    server.setFault('accessDenied', 1, 'Sign');
    await expect(signer.signMessage('denied')).rejects.toBeInstanceOf(KmsAccessDeniedError);
    server.clearFaults();
  });
});
