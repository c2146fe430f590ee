import { makeError } from 'ethers';
import { describe, expect, it } from 'vitest';
import { isTransportError } from '../../../../shared/chain/rpc/isTransportError.js';

describe('isTransportError: fail over only when the endpoint did not answer', () => {
  it.each([
    [
      'connection refused',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
    ],
    ['a timeout', makeError('timeout', 'TIMEOUT', { operation: 'send' })],
    ['an HTTP 502', makeError('server response 502', 'SERVER_ERROR')],
    [
      'an HTTP 401 from the provider (bad or expired key), even with a JSON-RPC error body',
      makeError('server response 401', 'SERVER_ERROR', {
        info: { responseStatus: '401 Unauthorized', responseBody: '{"error":{"code":-32001}}' },
        error: { code: -32001 },
      }),
    ],
    [
      'an HTTP 403',
      makeError('server response 403', 'SERVER_ERROR', { info: { responseStatus: '403 Forbidden' } }),
    ],
    [
      'an HTTP 429 that ethers escalated',
      makeError('exceeded maximum retry limit', 'SERVER_ERROR', {
        info: {
          responseStatus:
            '599 CLIENT ESCALATED SERVER ERROR (429 Too Many Requests; exceeded maximum retry limit)',
        },
      }),
    ],
    ['a network error', makeError('network error', 'NETWORK_ERROR', { event: 'x' })],
    [
      'a node that says it is overloaded',
      makeError('limit', 'UNKNOWN_ERROR', { error: { code: -32005, message: 'limit exceeded' } }),
    ],
  ])('%s is a transport error', (_name, error) => {
    expect(isTransportError(error)).toBe(true);
  });

  it.each([
    [
      'a revert',
      makeError('execution reverted', 'CALL_EXCEPTION', {
        action: 'call',
        data: '0x',
        reason: null,
        transaction: { to: null, data: '0x' },
        invocation: null,
        revert: null,
      }),
    ],
    [
      'a node answering "already known"',
      makeError('could not coalesce error', 'UNKNOWN_ERROR', {
        error: { code: -32000, message: 'already known' },
      }),
    ],
    [
      'a node answering "transaction already imported"',
      makeError('could not coalesce error', 'UNKNOWN_ERROR', {
        error: { code: -32003, message: 'transaction already imported' },
      }),
    ],
    ['nonce too low', makeError('nonce too low', 'NONCE_EXPIRED', { transaction: {} })],
    [
      'replacement underpriced',
      makeError('replacement fee too low', 'REPLACEMENT_UNDERPRICED', { transaction: {} }),
    ],
    ['insufficient funds', makeError('insufficient funds', 'INSUFFICIENT_FUNDS', { transaction: {} })],
    ['a programming error', new TypeError('x is not a function')],
  ])('%s is the chain answering, not a transport error', (_name, error) => {
    expect(isTransportError(error)).toBe(false);
  });
});
