import { describe, expect, it } from 'vitest';
import {
  KmsAccessDeniedError,
  KmsCredentialsError,
  KmsKeyNotFoundError,
  KmsKeyStateError,
  KmsResponseError,
  KmsThrottledError,
} from '../../../../shared/chain/kms/errors.js';
import { classifyKmsError } from '../../../../shared/chain/kms/classifyKmsError.js';
import { withKmsRetry } from '../../../../shared/chain/kms/withKmsRetry.js';

const named = (name: string, status?: number, code?: string): Error =>
  Object.assign(new Error(`${name} message`), {
    name,
    ...(status === undefined ? {} : { $metadata: { httpStatusCode: status } }),
    ...(code === undefined ? {} : { code }),
  });
const classify = (error: unknown) => classifyKmsError({ error, keyId: 'alias/oracle', operation: 'Sign' });

describe('classifyKmsError', () => {
  it.each([
    ['ThrottlingException', named('ThrottlingException', 400)],
    ['HTTP 429 of any name', named('SomethingElse', 429)],
  ])('%s is throttling', (_case, error) => {
    expect(classify(error)).toEqual({ kind: 'throttle' });
  });

  it.each([
    ['KMSInternalException', named('KMSInternalException', 500)],
    ['KeyUnavailableException', named('KeyUnavailableException', 400)],
    ['HTTP 503', named('Whatever', 503)],
    ['ECONNRESET', named('Error', undefined, 'ECONNRESET')],
    ['SDK timeout', named('TimeoutError')],
  ])('%s is transient', (_case, error) => {
    expect(classify(error)).toEqual({ kind: 'transient' });
  });

  it.each([
    ['AccessDeniedException', named('AccessDeniedException', 400), KmsAccessDeniedError],
    ['HTTP 403', named('Forbidden', 403), KmsAccessDeniedError],
    ['missing credentials', named('CredentialsProviderError'), KmsCredentialsError],
    ['expired token', named('ExpiredTokenException', 400), KmsCredentialsError],
    ['pending deletion', named('KMSInvalidStateException', 400), KmsKeyStateError],
    ['bad ARN', named('InvalidArnException', 400), KmsKeyNotFoundError],
    ['anything else', new TypeError('boom'), KmsResponseError],
  ])('%s is fatal as %o', (_case, error, ErrorClass) => {
    const verdict = classify(error);
    expect(verdict.kind).toBe('fatal');
    if (verdict.kind !== 'fatal') return;
    expect(verdict.error).toBeInstanceOf(ErrorClass);
    expect(verdict.error.message).toMatch(/^KMS Sign on key alias\/oracle failed with/);
    expect(verdict.error.keyId).toBe('alias/oracle');
    expect(verdict.error.cause).toBe(error);
  });
});

describe('withKmsRetry', () => {
  it('retries transient failures without counting them as throttles, and gives up after maxAttempts', async () => {
    let calls = 0;
    let throttles = 0;
    let transients = 0;
    const failing = withKmsRetry({
      keyId: 'k',
      operation: 'Sign',
      retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1 },
      call: () => {
        calls += 1;
        return Promise.reject(named('KMSInternalException', 500));
      },
      onThrottle: () => (throttles += 1),
      onTransient: (event) => {
        transients += 1;
        expect(event.delayMs === undefined).toBe(event.attempt === 3);
      },
    });
    await expect(failing).rejects.toBeInstanceOf(KmsThrottledError);
    await expect(failing).rejects.toThrow(/failed transiently on all 3 attempts/);
    expect({ calls, throttles, transients }).toEqual({ calls: 3, throttles: 0, transients: 3 });
  });

  it('rejects a maxAttempts below 1', async () => {
    await expect(
      withKmsRetry({
        keyId: 'k',
        operation: 'Sign',
        retry: { maxAttempts: 0 },
        call: () => Promise.resolve(1),
      }),
    ).rejects.toThrow(/maxAttempts must be an integer ≥ 1, got 0/);
  });
});
