import { describe, expect, it } from 'vitest';
import { chainMarksFromItem } from '../../../shared/store/chainMarks.js';
import { publishErrorOnChain } from '../../../shared/store/publishErrorOnChain.js';
import { recordChainStatus } from '../../../shared/store/recordChainStatus.js';

const A = { name: 'base', chainId: 8453 };
const B = { name: 'arbitrum', chainId: 42161 };

describe('what became of a record on each chain (per-chain marks, docs/multi-chain.md)', () => {
  it('reads the marks of each chain from the flat attributes', () => {
    expect(
      chainMarksFromItem({
        asset: 'BTC',
        'round@8453': 7,
        'txHash@8453': '0xaa',
        'block@8453': 120,
        'publishError@42161': 'StepTooLarge: BTC lt',
        'block@1': null,
      }),
    ).toEqual({
      '8453': { round: '7', txHash: '0xaa', blockNumber: 120 },
      '42161': { publishError: 'StepTooLarge: BTC lt' },
    });
  });

  it('one chain published, the other refused: each chain shows its own status', () => {
    const record = {
      publishDue: true,
      round: '7',
      txHash: '0xaa',
      roundChainId: 8453,
      // Written by the publishers of this version: no plain publishError.
      chains: {
        '8453': { round: '7', txHash: '0xaa', blockNumber: 120 },
        '42161': { publishError: 'StepTooLarge: BTC lt' },
      },
    };
    expect(recordChainStatus(record, A)).toEqual({
      chain: 'base',
      chainId: 8453,
      status: 'published',
      round: '7',
      txHash: '0xaa',
      blockNumber: 120,
      error: null,
    });
    expect(recordChainStatus(record, B)).toMatchObject({
      status: 'failed',
      round: null,
      error: 'StepTooLarge: BTC lt',
    });
    // A third chain has nothing: the due record is pending there.
    expect(recordChainStatus(record, { name: 'op', chainId: 10 }).status).toBe('pending');
    expect(recordChainStatus({ publishDue: false }, A).status).toBe('not-due');
  });

  it('a plain publishError (and round) written before chain marks count for every chain', () => {
    const old = { publishDue: true, publishError: 'UpdateTooSoon: ETH' };
    expect(publishErrorOnChain(old, 8453)).toBe('UpdateTooSoon: ETH');
    expect(recordChainStatus(old, B)).toMatchObject({ status: 'failed', error: 'UpdateTooSoon: ETH' });
    const published = { publishDue: true, round: '3', txHash: '0xbb' };
    expect(recordChainStatus(published, A)).toMatchObject({
      status: 'published',
      round: '3',
      txHash: '0xbb',
      blockNumber: null,
    });
    // Records of the previous multi-chain version carried the plain error beside the chain's mark:
    // the mark wins, and a chain without one is not failed by another chain's refusal.
    const shared = { publishDue: true, publishError: 'x', chains: { '8453': { publishError: 'x' } } };
    expect(publishErrorOnChain(shared, 8453)).toBe('x');
    expect(publishErrorOnChain(shared, 42161)).toBeUndefined();
    // Published on that chain since: the error no longer applies.
    expect(publishErrorOnChain({ publishError: 'x', round: '4' }, 8453)).toBeUndefined();
  });
});
