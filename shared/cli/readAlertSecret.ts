import { readFileSync } from 'node:fs';
import { InputError } from '../errors/BallastError.js';

/** Shortest webhook secret accepted, characters. @default 16 */
export const MIN_ALERT_SECRET_LENGTH = 16;

/**
 * The webhook HMAC secret for a CLI command: the file's content (trimmed) with `--secret-file`,
 * else $BALLAST_ALERT_WEBHOOK_SECRET. Never printed.
 */
export function readAlertSecret(
  flag: string,
  file: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string {
  let secret: string;
  if (file !== undefined) {
    try {
      secret = readFileSync(file, 'utf8').trim();
    } catch (error) {
      throw new InputError(
        `${flag}: cannot read "${file}" (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
        {
          cause: error,
          fix: 'give a readable file holding the shared secret',
        },
      );
    }
  } else {
    secret = (env.BALLAST_ALERT_WEBHOOK_SECRET ?? '').trim();
    if (secret === '')
      throw new InputError(
        `${flag}: no secret given; expected ${flag} FILE or $BALLAST_ALERT_WEBHOOK_SECRET`,
      );
  }
  if (secret.length < MIN_ALERT_SECRET_LENGTH)
    throw new InputError(
      `${flag}: the secret has ${secret.length} characters; at least ${MIN_ALERT_SECRET_LENGTH} are required`,
    );
  return secret;
}
