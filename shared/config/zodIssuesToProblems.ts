import type { z } from 'zod';
import type { ConfigProblem } from './ConfigError.js';

/** Turns zod issues into `path: message` problems (paths dotted, array indices kept as numbers). */
export function zodIssuesToProblems(issues: readonly z.core.$ZodIssue[]): ConfigProblem[] {
  return issues.map((issue) => ({
    path: issue.path.map((part) => String(part)).join('.'),
    message: issue.message,
  }));
}
