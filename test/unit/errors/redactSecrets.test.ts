import { makeError } from 'ethers';
import { describe, expect, it } from 'vitest';
import { BallastError } from '../../../shared/errors/BallastError.js';
import { redactSecrets, registerSecrets } from '../../../shared/errors/redactSecrets.js';
import { redactValue } from '../../../shared/errors/redactValue.js';

describe('redactSecrets', () => {
  it.each([
    [
      'a key in the path',
      'https://base-mainnet.g.example.com/v2/abcDEF123',
      'https://base-mainnet.g.example.com/***',
    ],
    ['a key in the query', 'https://rpc.example.org/?apikey=Zz9-key', 'https://rpc.example.org/***'],
    ['user-info', 'https://user:s3cret@rpc.example.org', 'https://***@rpc.example.org'],
    ['a websocket URL with port', 'wss://node.example.net:8546/ws/KEY', 'wss://node.example.net:8546/***'],
    ['a bare host (nothing to hide)', 'http://127.0.0.1:8545', 'http://127.0.0.1:8545'],
    ['a host with a trailing slash', 'https://rpc.example.org/', 'https://rpc.example.org/'],
  ])('%s', (_name, url, expected) => {
    expect(redactSecrets(`failed: ${url} (retry)`)).toBe(`failed: ${expected} (retry)`);
    // Inside JSON (ethers' messages embed a JSON `info` object).
    expect(redactSecrets(JSON.stringify({ requestUrl: url }))).toBe(JSON.stringify({ requestUrl: expected }));
  });

  it('replaces registered secrets anywhere, also outside a URL and percent-encoded', () => {
    registerSecrets(['https://rpc.example.io/v3/0123456789abcdefKEY?token=tok%2Fen+value42']);
    expect(redactSecrets('provider says: invalid key 0123456789abcdefKEY')).toBe(
      'provider says: invalid key ***',
    );
    expect(redactSecrets('got tok/en value42 and tok%2Fen+value42')).toBe('got *** and ***');
    // Short path segments are not secrets.
    expect(redactSecrets('v3 is fine')).toBe('v3 is fine');
  });
});

describe('redactValue', () => {
  it('copies an ethers error with every string redacted, keeping its code and data', () => {
    const url = 'https://x.example.com/v2/SECRET-KEY-1234567';
    const error = makeError(
      `server response 401 (info=${JSON.stringify({ requestUrl: url })})`,
      'UNKNOWN_ERROR',
      {
        info: {
          requestUrl: url,
          responseBody: 'bad key SECRET-KEY-1234567',
          responseStatus: '401 Unauthorized',
        },
      },
    );
    registerSecrets([url]);
    const safe = redactValue(error);
    expect(safe).toBeInstanceOf(Error);
    expect(safe.code).toBe('UNKNOWN_ERROR');
    expect(safe.info?.responseStatus).toBe('401 Unauthorized');
    expect(JSON.stringify({ ...safe, message: safe.message, stack: safe.stack })).not.toContain('SECRET-KEY');
    expect(safe.message).toContain('https://x.example.com/***');
  });

  it('redacts nested causes, keeps BallastError subclasses, drops class instances that could hide a URL', () => {
    class Holder {
      get url(): string {
        return 'https://h.example.com/SECRET';
      }
    }
    const inner = Object.assign(new Error('GET https://h.example.com/q?key=abc failed'), {
      request: new Holder(),
    });
    const outer = new BallastError('wrapped', { cause: inner, fix: 'check https://h.example.com/q?key=abc' });
    const safe = redactValue(outer);
    expect(safe).toBeInstanceOf(BallastError);
    expect(safe.message).toBe('wrapped\n  fix: check https://h.example.com/***');
    const cause = safe.cause as Error & { request?: unknown };
    expect(cause.message).toBe('GET https://h.example.com/*** failed');
    expect(cause.request).toBeUndefined();
  });

  it('survives cycles', () => {
    const a: Record<string, unknown> = { url: 'https://c.example.com/KEY' };
    a.self = a;
    const error = Object.assign(new Error('x'), { detail: a });
    const safe = redactValue(error) as Error & { detail: { url: string; self: unknown } };
    expect(safe.detail.url).toBe('https://c.example.com/***');
    expect(safe.detail.self).toBe(safe.detail);
  });
});
