import type { z } from 'zod';
import { InvalidParameterError } from './errors.js';

/**
 * Validates path or query parameters with a zod schema. The first problem becomes a 400 whose
 * message starts with the parameter's name; an unknown query parameter is named too.
 * @param where 'path' or 'query', said in the message so the caller knows where to look.
 */
export function parseParameters<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  where: 'path' | 'query',
): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (issue === undefined) throw new InvalidParameterError(where, `invalid ${where} parameters`);
  if (issue.code === 'unrecognized_keys') {
    const field = issue.keys[0] ?? where;
    const allowed =
      'shape' in schema && typeof schema.shape === 'object' && schema.shape !== null
        ? Object.keys(schema.shape)
        : [];
    throw new InvalidParameterError(
      field,
      `${field}: unknown ${where} parameter; ${allowed.length === 0 ? 'this route takes none' : `allowed: ${allowed.join(', ')}`}`,
      { fix: 'unknown parameters are refused so a typo never widens a query; see docs/api/openapi.json' },
    );
  }
  const field = issue.path.length > 0 ? issue.path.map(String).join('.') : where;
  throw new InvalidParameterError(field, `${field}: ${issue.message}`);
}
