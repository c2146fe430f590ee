import { SigningKey, computeAddress, keccak256, toUtf8Bytes } from 'ethers';
import { describe, expect, it } from 'vitest';
import { KmsRecoveryError } from '../../../../shared/chain/kms/errors.js';
import { recoverRecoveryId } from '../../../../shared/chain/kms/recoverRecoveryId.js';

const key = new SigningKey(`0x${'07'.repeat(32)}`);
const address = computeAddress(key.publicKey);

describe('recoverRecoveryId', () => {
  it('finds the parity ethers would have produced, for both parities', () => {
    const seen = new Set<number>();
    for (let i = 0; seen.size < 2 && i < 64; i += 1) {
      const digest = keccak256(toUtf8Bytes(`digest ${i}`));
      const expected = key.sign(digest);
      const { yParity, signature } = recoverRecoveryId({
        digest,
        r: BigInt(expected.r),
        s: BigInt(expected.s),
        address,
      });
      expect(yParity).toBe(expected.yParity);
      expect(signature.serialized).toBe(expected.serialized);
      seen.add(yParity);
    }
    expect([...seen].sort()).toEqual([0, 1]);
  });

  it('fails loudly, naming the address and key, when neither parity recovers', () => {
    const digest = keccak256(toUtf8Bytes('x'));
    const other = new SigningKey(`0x${'08'.repeat(32)}`).sign(digest);
    expect(() =>
      recoverRecoveryId({ digest, r: BigInt(other.r), s: BigInt(other.s), address, keyId: 'alias/oracle' }),
    ).toThrow(KmsRecoveryError);
    expect(() => recoverRecoveryId({ digest, r: BigInt(other.r), s: BigInt(other.s), address })).toThrow(
      new RegExp(`neither recovery id recovers ${address}`),
    );
  });
});
