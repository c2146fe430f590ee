import { existsSync, readFileSync } from 'node:fs';
import { openApiSchemaCheck } from '../api/openApiSchemaCheck.js';
import { InputError } from '../errors/BallastError.js';
import type { AuditBundle } from '../audit/AuditBundle.js';

/**
 * Reads an audit bundle file (`ballast export-bundle`, or the body of GET /v1/rounds/{round}) and
 * checks its shape against the AuditBundle schema of the OpenAPI document.
 * @throws InputError naming the file and the first problems with their JSON paths.
 */
export function readAuditBundle(file: string): AuditBundle {
  if (!existsSync(file)) throw new InputError(`--bundle: file "${file}" does not exist`);
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InputError(`--bundle: "${file}" is not JSON: ${(error as Error).message}`);
  }
  const problems = openApiSchemaCheck('#/components/schemas/AuditBundle')(value);
  if (problems.length > 0) {
    throw new InputError(
      `--bundle: "${file}" is not a Ballast audit bundle:\n  ${problems.slice(0, 8).join('\n  ')}`,
      {
        fix: 'write one with `ballast export-bundle --round N --out FILE`',
      },
    );
  }
  return value as AuditBundle;
}
