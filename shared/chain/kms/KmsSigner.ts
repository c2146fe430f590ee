import {
  AbstractSigner,
  Transaction,
  TypedDataEncoder,
  copyRequest,
  getAddress,
  getBytes,
  hashMessage,
  hexlify,
  resolveAddress,
  type BytesLike,
  type Provider,
  type Signature,
  type TransactionLike,
  type TransactionRequest,
  type TypedDataDomain,
  type TypedDataField,
} from 'ethers';
import { GetPublicKeyCommand, SignCommand, type KMSClient } from '@aws-sdk/client-kms';
import { KmsKeySpecError, KmsResponseError, KmsSignerError } from './errors.js';
import { normalizeLowS } from './normalizeLowS.js';
import { parseDerSignature } from './parseDerSignature.js';
import { publicKeyToAddress } from './publicKeyToAddress.js';
import { recoverRecoveryId } from './recoverRecoveryId.js';
import { withKmsRetry, type KmsRetryEvent, type KmsRetryOptions } from './withKmsRetry.js';

export interface KmsSignerParams {
  /**
   * The KMS client. Build it with `createKmsClient` (SDK retries off), so this signer owns the
   * retry policy and sees, counts and reports every throttle.
   */
  readonly client: KMSClient;
  /** Key id, key ARN, alias (`alias/name`) or alias ARN of an ECC_SECG_P256K1 / SIGN_VERIFY key. */
  readonly keyId: string;
  readonly provider?: Provider | null;
  readonly retry?: KmsRetryOptions;
  /** Called on every KMS throttle (retried or final): wire it to the Powertools `KmsThrottles` metric. */
  readonly onThrottle?: (event: KmsRetryEvent) => void;
}

/** Counters shared by a signer and the copies `connect()` makes (same key, same client). */
interface SharedState {
  address: Promise<string> | undefined;
  throttles: number;
  signCalls: number;
}

/**
 * An ethers v6 signer whose private key never leaves AWS KMS (secp256k1, `ECC_SECG_P256K1`).
 * Every signing call makes exactly one KMS `Sign` request over the 32-byte digest
 * (`MessageType: DIGEST`, `ECDSA_SHA_256`), then turns the DER answer into an Ethereum signature:
 * parse r/s (33-byte or short integers), force low-s (EIP-2), and find the recovery id by trial
 * against the key's address, which is read once from `GetPublicKey` and cached.
 */
export class KmsSigner extends AbstractSigner {
  readonly keyId: string;
  readonly #client: KMSClient;
  readonly #params: KmsSignerParams;
  #state: SharedState = { address: undefined, throttles: 0, signCalls: 0 };

  constructor(params: KmsSignerParams) {
    super(params.provider ?? null);
    if (params.keyId.trim() === '') {
      throw new KmsSignerError('KmsSigner keyId is empty', {
        fix: 'pass a KMS key id, key ARN or alias (alias/name)',
      });
    }
    this.keyId = params.keyId;
    this.#client = params.client;
    this.#params = params;
  }

  /** KMS throttles seen so far (every ThrottlingException or HTTP 429, including retried ones). */
  get throttleCount(): number {
    return this.#state.throttles;
  }

  /** KMS `Sign` requests made so far (retries of one signing call count once). */
  get signCount(): number {
    return this.#state.signCalls;
  }

  /** A signer for the same key on another provider; shares the cached address and the counters. */
  override connect(provider: Provider | null): KmsSigner {
    const connected = new KmsSigner({ ...this.#params, provider });
    connected.#state = this.#state;
    return connected;
  }

  #retrying<T>(operation: string, call: () => Promise<T>): Promise<T> {
    return withKmsRetry({
      keyId: this.keyId,
      operation,
      call,
      ...(this.#params.retry === undefined ? {} : { retry: this.#params.retry }),
      onThrottle: (event) => {
        this.#state.throttles += 1;
        this.#params.onThrottle?.(event);
      },
    });
  }

  async #fetchAddress(): Promise<string> {
    const output = await this.#retrying('GetPublicKey', () =>
      this.#client.send(new GetPublicKeyCommand({ KeyId: this.keyId })),
    );
    const spec = output.KeySpec ?? output.CustomerMasterKeySpec;
    if (spec !== 'ECC_SECG_P256K1' || output.KeyUsage !== 'SIGN_VERIFY') {
      throw new KmsKeySpecError(
        `KMS key ${this.keyId} has KeySpec ${spec ?? 'unknown'} and KeyUsage ${output.KeyUsage ?? 'unknown'}; ` +
          'Ethereum signing needs ECC_SECG_P256K1 and SIGN_VERIFY',
        {
          keyId: this.keyId,
          fix: 'create a key with --key-spec ECC_SECG_P256K1 --key-usage SIGN_VERIFY and use it',
        },
      );
    }
    if (output.SigningAlgorithms !== undefined && !output.SigningAlgorithms.includes('ECDSA_SHA_256')) {
      throw new KmsKeySpecError(`KMS key ${this.keyId} does not offer ECDSA_SHA_256`, { keyId: this.keyId });
    }
    if (output.PublicKey === undefined) {
      throw new KmsResponseError(`KMS GetPublicKey for ${this.keyId} returned no PublicKey`, {
        keyId: this.keyId,
      });
    }
    return publicKeyToAddress(output.PublicKey);
  }

  /** The key's Ethereum address; one `GetPublicKey` for the signer's lifetime (retried if it failed). */
  override getAddress(): Promise<string> {
    if (this.#state.address === undefined) {
      const pending = this.#fetchAddress();
      this.#state.address = pending;
      // Do not cache a failure: the next call asks KMS again.
      pending.catch(() => {
        if (this.#state.address === pending) this.#state.address = undefined;
      });
    }
    return this.#state.address;
  }

  /**
   * Signs a 32-byte digest with one KMS `Sign` call and returns a low-s, recoverable signature
   * whose recovered address is this key's address.
   */
  async signDigest(digest: BytesLike): Promise<Signature> {
    const bytes = getBytes(digest, 'digest');
    if (bytes.length !== 32) {
      throw new KmsSignerError(`digest must be 32 bytes, got ${bytes.length}`, {
        keyId: this.keyId,
        fix: 'pass a keccak256 hash (the transaction, message or typed-data hash), not the data itself',
      });
    }
    const address = await this.getAddress();
    this.#state.signCalls += 1;
    const output = await this.#retrying('Sign', () =>
      this.#client.send(
        new SignCommand({
          KeyId: this.keyId,
          Message: bytes,
          MessageType: 'DIGEST',
          SigningAlgorithm: 'ECDSA_SHA_256',
        }),
      ),
    );
    if (output.Signature === undefined) {
      throw new KmsResponseError(`KMS Sign for ${this.keyId} returned no Signature`, { keyId: this.keyId });
    }
    const { r, s } = parseDerSignature(output.Signature);
    return recoverRecoveryId({ digest: hexlify(bytes), r, s: normalizeLowS(s), address, keyId: this.keyId })
      .signature;
  }

  /** Signs any transaction type ethers knows (EIP-1559 when populated with maxFeePerGas). */
  override async signTransaction(request: TransactionRequest): Promise<string> {
    const tx = copyRequest(request);
    const [to, from] = await Promise.all([
      tx.to == null ? undefined : resolveAddress(tx.to, this.provider),
      tx.from == null ? undefined : resolveAddress(tx.from, this.provider),
    ]);
    if (to !== undefined) tx.to = to;
    if (from !== undefined) {
      const address = await this.getAddress();
      if (getAddress(from) !== address) {
        throw new KmsSignerError(`transaction from ${from} does not match the KMS key's address ${address}`, {
          keyId: this.keyId,
          fix: 'leave `from` unset or set it to the signer address',
        });
      }
    }
    delete tx.from;
    const transaction = Transaction.from(tx as TransactionLike<string>);
    transaction.signature = await this.signDigest(transaction.unsignedHash);
    return transaction.serialized;
  }

  /** EIP-191 personal message signature. */
  override async signMessage(message: string | Uint8Array): Promise<string> {
    return (await this.signDigest(hashMessage(message))).serialized;
  }

  /** EIP-712 typed-data signature; ENS names in the data need a provider. */
  override async signTypedData(
    domain: TypedDataDomain,
    types: Record<string, TypedDataField[]>,
    value: Record<string, unknown>,
  ): Promise<string> {
    const populated = await TypedDataEncoder.resolveNames(domain, types, value, async (name) => {
      if (this.provider === null) {
        throw new KmsSignerError(`cannot resolve ENS name ${name} in typed data without a provider`, {
          keyId: this.keyId,
          fix: 'pass addresses instead of ENS names, or connect the signer to a provider',
        });
      }
      const address = await this.provider.resolveName(name);
      if (address === null)
        throw new KmsSignerError(`ENS name ${name} does not resolve`, { keyId: this.keyId });
      return address;
    });
    return (await this.signDigest(TypedDataEncoder.hash(populated.domain, types, populated.value)))
      .serialized;
  }
}
