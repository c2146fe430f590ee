import { describe, expect, it } from 'vitest';
import type { ApiContext } from '../../../shared/api/ApiContext.js';
import { ApiError } from '../../../shared/api/errors.js';
import { routeApiRequest } from '../../../shared/api/routeApiRequest.js';

/** Routing fails before any read, so a context that reads nothing is enough. */
const context = {} as ApiContext;

async function statusOf(method: string, path: string): Promise<number> {
  try {
    return (await routeApiRequest(context, { method, path, query: {} })).statusCode;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return (error as ApiError).statusCode;
  }
}

describe('routeApiRequest', () => {
  it('matches paths exactly, as API Gateway does: no trailing-slash folding, no dot segments, no //host', async () => {
    for (const path of [
      '/v1/health/',
      '/v1/health//',
      '/v1/./health',
      '/v1/assets/../health',
      '//evil.example/v1/health',
      '//a:b/v1/health',
      'v1/health',
      '/V1/health',
    ])
      expect(await statusOf('GET', path), path).toBe(404);
  });

  it('refuses a long run of slashes at once (the old trailing-slash pattern was quadratic)', async () => {
    // 200,000 slashes then a character: /\/+$/ took ~2·10^10 steps on this; an exact match takes one pass.
    expect(await statusOf('GET', `/v1/health${'/'.repeat(200_000)}x`)).toBe(404);
  });

  it('answers OPTIONS on a route 204 and other methods than GET, HEAD, OPTIONS 405', async () => {
    expect(await statusOf('OPTIONS', '/v1/health')).toBe(204);
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'TRACE', 'PROPFIND', 'get'])
      expect(await statusOf(method, '/v1/health'), method).toBe(405);
    expect(await statusOf('POST', '/v1/nothing')).toBe(404);
  });

  it('keeps messages bounded whatever the path', async () => {
    const error = await routeApiRequest(context, {
      method: 'GET',
      path: `/${'x'.repeat(10_000)}`,
      query: {},
    }).catch((e: unknown) => e as ApiError);
    expect((error as ApiError).message.length).toBeLessThan(600);
  });
});
