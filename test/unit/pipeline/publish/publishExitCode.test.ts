import { describe, expect, it } from 'vitest';
import { PUBLISH_EXIT_CODES, publishExitCode } from '../../../../shared/pipeline/publish/publishExitCode.js';

const HASH = `0x${'cd'.repeat(32)}`;

describe('publishExitCode', () => {
  it('is 0 only for a published round or nothing due', () => {
    expect(
      publishExitCode({
        status: 'mined',
        round: '1',
        txHash: HASH,
        blockNumber: 1,
        gasUsed: 1n,
        signer: '0x1',
        assets: [],
        rejected: [],
        recovered: [],
        repaired: [],
      }),
    ).toBe(0);
    expect(publishExitCode({ status: 'nothing-due', recovered: [], repaired: [], skipped: [] })).toBe(0);
  });

  it('says pending, busy and failed apart', () => {
    expect(publishExitCode({ status: 'pending', round: '2', txHash: HASH })).toBe(PUBLISH_EXIT_CODES.pending);
    expect(publishExitCode({ status: 'busy', detail: 'held' })).toBe(PUBLISH_EXIT_CODES.busy);
    expect(
      publishExitCode({ status: 'rejected', round: '2', error: 'stale', assets: ['BTC'], rejected: [] }),
    ).toBe(PUBLISH_EXIT_CODES.failed);
    expect(
      publishExitCode({ status: 'dropped', round: '2', error: 'nonce', recovered: [], repaired: [] }),
    ).toBe(PUBLISH_EXIT_CODES.failed);
    expect(new Set(Object.values(PUBLISH_EXIT_CODES)).size).toBe(4);
  });
});
