/**
 * The receiver's verification snippet in docs/positions.md ("Verifying a webhook"), run as written
 * against requests the monitor signs: it accepts a genuine one and refuses a changed body, a wrong
 * secret, a forged signature and a timestamp outside the 300 s replay window.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleAlert } from '../../../shared/positions/monitor/sampleAlert.js';
import { signAlert } from '../../../shared/positions/monitor/signAlert.js';

type Verify = (
  headers: Record<string, string | undefined>,
  rawBody: string,
  secret: string,
  nowSeconds?: number,
  replayWindowSeconds?: number,
) => unknown;

const DOC = resolve(import.meta.dirname, '..', '..', '..', 'docs', 'positions.md');

/** The ```ts block right after the doctest marker that names this test. */
function snippet(): string {
  const lines = readFileSync(DOC, 'utf8').split('\n');
  const marker = lines.findIndex((l) => l.includes('doctest: skip') && l.includes('receiverSnippet.test.ts'));
  const open = lines.findIndex((l, i) => i > marker && l.trim() === '```ts');
  const close = lines.findIndex((l, i) => i > open && l.trim() === '```');
  if (marker < 0 || open < 0 || close < 0) throw new Error('docs/positions.md has no receiver snippet');
  return lines.slice(open + 1, close).join('\n');
}

describe('the receiver snippet of docs/positions.md', () => {
  let dir: string;
  let verify: Verify;
  const secret = 'receiver-secret-0123456789';
  const now = 1_764_739_200_000;
  const body = JSON.stringify(sampleAlert(now));
  const signed = (at: number, payload = body, key = secret) => ({
    'ballast-timestamp': String(at),
    'ballast-signature': signAlert({ secret: key, timestamp: at, body: payload }),
  });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'receiver-'));
    const file = join(dir, 'verify.ts');
    writeFileSync(file, snippet());
    verify = ((await import(pathToFileURL(file).href)) as { verifyBallastAlert: Verify }).verifyBallastAlert;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts what the monitor signs, within the replay window', () => {
    const at = now / 1000;
    expect(verify(signed(at), body, secret, at)).toEqual(JSON.parse(body));
    expect(verify(signed(at), body, secret, at + 300)).toEqual(JSON.parse(body));
    expect(verify(signed(at), body, secret, at - 300)).toEqual(JSON.parse(body));
  });

  it('refuses a changed body, another secret, a forged signature, a replay', () => {
    const at = now / 1000;
    expect(() => verify(signed(at), body.replace('below-alert', 'ok'), secret, at)).toThrow('does not match');
    expect(() => verify(signed(at, body, 'another-secret-0123456789'), body, secret, at)).toThrow(
      'does not match',
    );
    expect(() => verify({ ...signed(at), 'ballast-signature': 'v1=00' }, body, secret, at)).toThrow(
      'does not match',
    );
    expect(() => verify({ 'ballast-timestamp': String(at) }, body, secret, at)).toThrow('does not match');
    expect(() => verify(signed(at), body, secret, at + 301)).toThrow('replay window');
    expect(() => verify({ ...signed(at), 'ballast-timestamp': undefined }, body, secret, at)).toThrow(
      'replay window',
    );
  });
});
