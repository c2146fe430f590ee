import type { MiddlewareObj } from '@middy/core';
import type { z } from 'zod';
import { formatZodIssues } from '../config/formatZodIssues.js';
import { InvalidEventError } from './errors.js';

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
        throw new InvalidEventError(`invalid ${what} event: ${problems.join('; ')}`, {
          fix: `send the ${what} stage the input documented in docs/architecture.md (Stage contract)`,
        });
      }
      request.event = parsed.data as z.input<S>;
    },
  };
}
