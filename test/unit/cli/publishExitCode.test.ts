import { describe, expect, it } from 'vitest';
import { publishExitCode } from '../../../shared/cli/publishExitCode.js';

const HASH = `0x${'cd'.repeat(32)}`;
const mined = {
  round: '1',
  txHash: HASH,
  blockNumber: 1,
  gasUsed: 1n,
  signer: '0x1',
  assets: [],
  rejected: [],
  recovered: [],
  repaired: [],
} as const;

// The numbers are the README's exit-code table (shared/cli/exitCodes.ts), written out on purpose:
// a script that reads them must not see them change.
describe('publishExitCode', () => {
  it('is 0 only for a published round or nothing due', () => {
    expect(publishExitCode({ status: 'mined', ...mined })).toBe(0);
    expect(publishExitCode({ status: 'nothing-due', recovered: [], repaired: [], skipped: [] })).toBe(0);
  });

  it('is 1 when nothing of the round is on-chain: refused, reverted or dropped', () => {
    expect(
      publishExitCode({ status: 'rejected', round: '2', error: 'stale', assets: ['BTC'], rejected: [] }),
    ).toBe(1);
    expect(publishExitCode({ status: 'reverted', ...mined })).toBe(1);
    expect(
      publishExitCode({ status: 'dropped', round: '2', error: 'nonce', recovered: [], repaired: [] }),
    ).toBe(1);
  });

  it('says "try again" apart from failure: 4 still pending, 5 another publisher holds the lease', () => {
    expect(publishExitCode({ status: 'pending', round: '2', txHash: HASH })).toBe(4);
    expect(publishExitCode({ status: 'busy', detail: 'held' })).toBe(5);
  });
});
