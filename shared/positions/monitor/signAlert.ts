import { createHmac } from 'node:crypto';

/** Header carrying `v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`. */
export const ALERT_SIGNATURE_HEADER = 'ballast-signature';
/** Header carrying the signing time, Unix seconds (also inside the signed string). */
export const ALERT_TIMESTAMP_HEADER = 'ballast-timestamp';
/** Header carrying the alert id (receivers deduplicate on it). */
export const ALERT_ID_HEADER = 'ballast-alert-id';

export interface SignAlertParams {
  readonly secret: string;
  /** Unix seconds. */
  readonly timestamp: number;
  /** The exact request body. */
  readonly body: string;
}

/**
 * The signature of a webhook request: HMAC-SHA256 keyed with the shared secret over
 * `<timestamp>.<body>`, hex, prefixed with the scheme version: `v1=…` (docs/positions.md shows a
 * receiver verifying it).
 */
export function signAlert({ secret, timestamp, body }: SignAlertParams): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}
