import middy, { type MiddlewareObj, type MiddyfiedHandler } from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type { Context } from 'aws-lambda';
import type { z } from 'zod';
import { redactValue } from '../errors/redactValue.js';
import { logger, metrics, tracer } from './powertools.js';
import { validateEvent } from './validateEvent.js';

export interface CreateStageHandlerParams<S extends z.ZodType, R> {
  /** Stage name, used in error messages (`invalid <stage> event: …`). */
  readonly stage: string;
  /** The event's schema; the handler receives the parsed value. */
  readonly schema: S;
  /** The stage itself: parse nothing, call one stage function, shape its result. */
  readonly handler: (event: z.output<S>, lambda: Context) => Promise<R>;
}

/**
 * The middy chain every pipeline stage handler shares, written once: Powertools logger (Lambda
 * context in every line), tracer, metrics (flushed after each invocation) and event validation,
 * in that order. Each middleware is a factory returning `{ before, after, onError }`; the logger,
 * metrics and tracer are the single instances of `powertools.ts`. Last, the one redaction point
 * (shared/errors/redactSecrets.ts) on whatever leaves the function: the result (the execution
 * output) and a thrown error (the execution's error cause, and so the failure alarm's message).
 */
export function createStageHandler<S extends z.ZodType, R>({
  stage,
  schema,
  handler,
}: CreateStageHandlerParams<S, R>): MiddyfiedHandler<z.output<S>, R, Error, Context> {
  // The validator's `before` runs first and replaces the raw event with the parsed one.
  return middy<z.output<S>, R, Error, Context>(handler)
    .use(injectLambdaContext(logger))
    .use(captureLambdaHandler(tracer))
    .use(logMetrics(metrics))
    .use(validateEvent(schema, stage) as MiddlewareObj<z.output<S>, R, Error, Context>)
    .use(redactOutput<R>());
}

/**
 * Redacts secrets from the response and from a thrown error. Registered last, so middy runs its
 * `onError` first: the tracer and the logger only ever see the redacted error.
 */
function redactOutput<R>(): MiddlewareObj<unknown, R, Error, Context> {
  return {
    after: (request) => {
      request.response = redactValue(request.response);
    },
    onError: (request) => {
      if (request.error !== null) request.error = redactValue(request.error);
    },
  };
}
