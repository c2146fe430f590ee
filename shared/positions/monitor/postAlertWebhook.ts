import type { AlertMessage } from '../../store/AlertMessage.js';
import type { AlertWebhook } from './MonitorContext.js';
import { ALERT_ID_HEADER, ALERT_SIGNATURE_HEADER, ALERT_TIMESTAMP_HEADER, signAlert } from './signAlert.js';

export interface PostAlertWebhookParams {
  readonly webhook: AlertWebhook;
  readonly message: AlertMessage;
  /** Signing time, ms (the header carries whole seconds). */
  readonly now: number;
  readonly timeoutMs: number;
  readonly fetch: typeof fetch;
}

/**
 * One attempt's outcome: delivered (2xx); failed and worth retrying (network error, timeout, 408,
 * 425, 429, 5xx); or failed for good (any other status: a receiver that refuses the request will
 * refuse it again).
 */
export type PostAlertWebhookResult =
  | { readonly kind: 'delivered'; readonly status: number }
  | { readonly kind: 'retry' | 'reject'; readonly error: string };

const RETRYABLE = new Set([408, 425, 429]);

/** POSTs one alert, signed (signAlert) and timestamped, to the webhook: one attempt, never throws. */
export async function postAlertWebhook({
  webhook,
  message,
  now,
  timeoutMs,
  fetch,
}: PostAlertWebhookParams): Promise<PostAlertWebhookResult> {
  const body = JSON.stringify(message);
  const timestamp = Math.floor(now / 1000);
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  try {
    const response = await fetch(webhook.url, {
      method: 'POST',
      body,
      redirect: 'manual',
      signal: abort.signal,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'ballast-monitor',
        [ALERT_ID_HEADER]: message.id,
        [ALERT_TIMESTAMP_HEADER]: String(timestamp),
        [ALERT_SIGNATURE_HEADER]: signAlert({ secret: webhook.secret, timestamp, body }),
      },
    });
    await response.arrayBuffer().catch(() => undefined);
    if (response.status >= 200 && response.status < 300)
      return { kind: 'delivered', status: response.status };
    const error = `HTTP ${response.status} from ${webhook.url}`;
    return response.status >= 500 || RETRYABLE.has(response.status)
      ? { kind: 'retry', error }
      : { kind: 'reject', error };
  } catch (error) {
    const reason = abort.signal.aborted
      ? `no answer within ${timeoutMs} ms`
      : error instanceof Error
        ? `${error.message}${error.cause instanceof Error ? `: ${error.cause.message}` : ''}`
        : String(error);
    return { kind: 'retry', error: `${webhook.url}: ${reason}` };
  } finally {
    clearTimeout(timer);
  }
}
