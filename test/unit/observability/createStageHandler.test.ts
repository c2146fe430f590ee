import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { InputError } from '../../../shared/errors/BallastError.js';
import { createStageHandler } from '../../../shared/observability/createStageHandler.js';
import { InvalidEventError } from '../../../shared/observability/errors.js';

const lambda = {
  awsRequestId: 'req-1',
  functionName: 'ballast-test',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:ballast-test',
  memoryLimitInMB: '128',
  logGroupName: '/aws/lambda/ballast-test',
  logStreamName: 'test',
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 10_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
} satisfies Context;

describe('createStageHandler', () => {
  const seen: unknown[] = [];
  const handler = createStageHandler({
    stage: 'demo',
    schema: z.object({ asset: z.string().min(1), ts: z.coerce.number().int() }),
    handler: async (event, context) => {
      seen.push(event);
      return { asset: event.asset, ts: event.ts, id: context.awsRequestId };
    },
  });

  it('hands the stage the parsed event and the Lambda context', async () => {
    await expect(handler({ asset: 'BTC', ts: '5' } as never, lambda)).resolves.toEqual({
      asset: 'BTC',
      ts: 5,
      id: 'req-1',
    });
    expect(seen.at(-1)).toEqual({ asset: 'BTC', ts: 5 });
  });

  it('refuses a bad event before the stage runs, naming every field', async () => {
    const before = seen.length;
    const error = await handler({ ts: 'x' } as never, lambda).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidEventError);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(/^invalid demo event: asset: .*; ts: /);
    expect((error as InvalidEventError).fix).toMatch(/docs\/architecture\.md/);
    expect(seen.length).toBe(before);
  });
});
