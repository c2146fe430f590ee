import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { authenticateProtocol } from '../../../shared/api/authenticateProtocol.js';
import { positionKeyHashes } from '../../../shared/api/positionKeyHashes.js';

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');
const KEY_A = 'key-of-protocol-a-0123456789';
const KEY_B = 'key-of-protocol-b-9876543210';

describe('positionKeyHashes', () => {
  it('reads {protocol: sha256} and refuses raw keys, bad ids and bad JSON without echoing the secret', () => {
    expect(positionKeyHashes(JSON.stringify({ 'lend-a': sha(KEY_A) }), 'secret')).toEqual({
      'lend-a': sha(KEY_A),
    });
    expect(() => positionKeyHashes(JSON.stringify({ 'lend-a': KEY_A }), 'secret')).toThrow(
      /"lend-a" is not a SHA-256 hex digest/,
    );
    let message = '';
    try {
      positionKeyHashes(JSON.stringify({ 'lend-a': KEY_A }), 'secret');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).not.toContain(KEY_A);
    expect(() => positionKeyHashes(JSON.stringify({ 'Lend A': sha(KEY_A) }), 'secret')).toThrow(
      /protocol "Lend A" is not allowed/,
    );
    expect(() => positionKeyHashes(`{"lend-a": "${KEY_A}"`, 'secret')).toThrow(/secret: not valid JSON/);
    expect(() => positionKeyHashes('[]', 'secret')).toThrow(/expected a JSON object/);
  });
});

describe('authenticateProtocol', () => {
  const keys = { 'lend-a': sha(KEY_A), 'lend-b': sha(KEY_B) };

  it('names the protocol whose key hash matches', () => {
    expect(authenticateProtocol(`Bearer ${KEY_A}`, keys)).toBe('lend-a');
    expect(authenticateProtocol(`Bearer ${KEY_B}`, keys)).toBe('lend-b');
  });

  it('answers 401 naming the header, never the key', () => {
    for (const header of [undefined, '', KEY_A, `Basic ${KEY_A}`, 'Bearer short', `Bearer ${KEY_A}x`]) {
      let error: { statusCode?: number; field?: string; message: string } | undefined;
      try {
        authenticateProtocol(header, keys);
      } catch (caught) {
        error = caught as typeof error;
      }
      expect(error?.statusCode, String(header)).toBe(401);
      expect(error?.field).toBe('authorization');
      expect(error?.message).not.toContain(KEY_A);
    }
  });
});
