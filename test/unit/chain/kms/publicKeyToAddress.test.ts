import { SigningKey, Wallet, getBytes } from 'ethers';
import { describe, expect, it } from 'vitest';
import { KmsResponseError } from '../../../../shared/chain/kms/errors.js';
import { publicKeyToAddress } from '../../../../shared/chain/kms/publicKeyToAddress.js';
import { encodeSecp256k1Spki } from '../../../../shared/localstack/kms/encodeSecp256k1Spki.js';

describe('publicKeyToAddress', () => {
  it('gives the same address as the private key (keccak256(X‖Y), last 20 bytes, checksummed)', () => {
    // Anvil's first default account.
    const wallet = new Wallet('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80');
    const spki = encodeSecp256k1Spki(getBytes(wallet.signingKey.publicKey));
    expect(spki).toHaveLength(88);
    expect(publicKeyToAddress(spki)).toBe('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266');
  });

  it('rejects a non-secp256k1 SPKI (wrong length or curve OID)', () => {
    const spki = encodeSecp256k1Spki(getBytes(new SigningKey(`0x${'01'.repeat(32)}`).publicKey));
    expect(() => publicKeyToAddress(spki.subarray(1))).toThrow(KmsResponseError);
    const p256 = Uint8Array.from(spki);
    p256[15] = 0x07; // a different curve OID byte
    expect(() => publicKeyToAddress(p256)).toThrow(/not a secp256k1 SubjectPublicKeyInfo/);
  });

  it('rejects a point that is not on the curve', () => {
    const spki = encodeSecp256k1Spki(getBytes(new SigningKey(`0x${'01'.repeat(32)}`).publicKey));
    spki[87] = (spki[87] ?? 0) ^ 1;
    expect(() => publicKeyToAddress(spki)).toThrow(/not a valid secp256k1 point/);
  });
});
