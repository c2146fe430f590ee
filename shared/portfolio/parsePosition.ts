import { PortfolioInputError } from './errors.js';
import { positionSchema, type Position } from './positionSchema.js';

/**
 * Validates a position (parsed JSON, or JSON text). The first problem is reported in one line:
 * `SOURCE: collateral.BTC: -1 is not allowed; expected a number > 0`.
 * @throws PortfolioInputError naming the field, the value and what is allowed.
 */
export function parsePosition(json: unknown, source: string): Position {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json) as unknown;
    } catch (error) {
      throw new PortfolioInputError(`${source}: not valid JSON (${(error as Error).message})`, {
        cause: error,
      });
    }
  }
  const result = positionSchema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = issue.path.map(String).join('.');
  let found: unknown = value;
  for (const key of issue.path) found = (found as Record<PropertyKey, unknown> | undefined)?.[key];
  const shown =
    issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : (JSON.stringify(found) ?? 'nothing');
  const allowed =
    issue.code === 'unrecognized_keys'
      ? 'unknown member; allowed: name, collateral, debt'
      : `expected ${issue.message.replace(/^Invalid input: /, '').replace(/^expected /, '')}`;
  throw new PortfolioInputError(
    `${source}: ${path === '' ? '(root)' : path}: ${shown} is not allowed; ${allowed}`,
  );
}
