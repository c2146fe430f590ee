import type { z } from 'zod';
import type { ConfigProblem } from './errors.js';

/**
 * Turns zod issues into `path: message` problems (paths dotted, array indices kept as numbers).
 * A refused record key (`invalid_key`) reports the key's own rule, e.g. what an asset name or a
 * pair id must look like, instead of zod's generic "Invalid key in record".
 */
export function zodIssuesToProblems(issues: readonly z.core.$ZodIssue[]): ConfigProblem[] {
  return issues.map((issue) => {
    const nested = issue.code === 'invalid_key' ? issue.issues.map((i) => i.message) : [];
    return {
      path: issue.path.map((part) => String(part)).join('.'),
      message: nested.length > 0 ? nested.join('; ') : issue.message,
    };
  });
}
