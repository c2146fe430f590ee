import type { MiddlewareObj } from '@middy/core';
import type { z } from 'zod';
import { InputError } from '../errors/BallastError.js';
import { formatZodIssues } from '../config/formatZodIssues.js';

/**
 * Middleware factory: validates the Lambda event against a zod schema before the handler runs
 * and replaces it with the parsed value. A bad event fails with every problem and its path.
 */
export function validateEvent<S extends z.ZodType>(schema: S, what: string): MiddlewareObj<z.input<S>> {
  return {
    before: (request) => {
      const parsed = schema.safeParse(request.event);
      if (!parsed.success) {
        const problems = formatZodIssues(parsed.error.issues, '(event)');
        throw new InputError(`invalid ${what} event: ${problems.join('; ')}`);
      }
      request.event = parsed.data as z.input<S>;
    },
  };
}
