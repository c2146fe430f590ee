import type { z } from 'zod';
import { zodIssuesToProblems } from './zodIssuesToProblems.js';

/**
 * The one way Ballast words zod issues for people: `path: message` per issue, the path dotted
 * (`assets.BTC.bounds.lt.0`), `root` standing for an empty path.
 * @param root @default "(root)"
 */
export function formatZodIssues(issues: readonly z.core.$ZodIssue[], root = '(root)'): string[] {
  return zodIssuesToProblems(issues).map((p) => `${p.path === '' ? root : p.path}: ${p.message}`);
}
