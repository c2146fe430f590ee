import { describe, expect, it } from 'vitest';
import { toPublishOutput } from '../../../../shared/pipeline/publish/toPublishOutput.js';

const HASH = `0x${'ab'.repeat(32)}`;

describe('toPublishOutput', () => {
  it('maps a mined round to published with its round and hash', () => {
    expect(
      toPublishOutput({
        status: 'mined',
        round: '7',
        txHash: HASH,
        blockNumber: 3,
        gasUsed: 1n,
        signer: '0x1',
        assets: [],
        rejected: [],
        recovered: [],
        repaired: [],
      }),
    ).toEqual({ status: 'published', round: '7', txHash: HASH });
  });

  it('maps nothing due, and a busy lease to failed', () => {
    expect(toPublishOutput({ status: 'nothing-due', recovered: [], repaired: [], skipped: [] })).toEqual({
      status: 'nothing-due',
    });
    expect(toPublishOutput({ status: 'busy', detail: 'held' })).toEqual({ status: 'failed' });
  });

  it('maps pending, rejected and dropped to failed, keeping what is known', () => {
    expect(toPublishOutput({ status: 'pending', round: '2', txHash: HASH })).toEqual({
      status: 'failed',
      round: '2',
      txHash: HASH,
    });
    expect(
      toPublishOutput({ status: 'rejected', round: '2', error: 'stale', assets: ['BTC'], rejected: [] }),
    ).toEqual({ status: 'failed', round: '2' });
    expect(
      toPublishOutput({ status: 'dropped', round: '2', error: 'nonce', recovered: [], repaired: [] }),
    ).toEqual({
      status: 'failed',
      round: '2',
    });
  });
});
