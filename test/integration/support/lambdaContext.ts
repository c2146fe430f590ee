import type { Context } from 'aws-lambda';

/**
 * What Lambda passes as the second argument; only the fields the middlewares and handlers read
 * matter. `remainingMs` stands in for the time left (a handler with a time budget reads it).
 */
export function lambdaContext(requestId: string, remainingMs: () => number = () => 60_000): Context {
  return {
    awsRequestId: requestId,
    functionName: 'ballast-test',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:ballast-test',
    memoryLimitInMB: '1024',
    logGroupName: '/aws/lambda/ballast-test',
    logStreamName: 'test',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: remainingMs,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
