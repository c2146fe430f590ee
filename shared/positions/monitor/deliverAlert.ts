import type { AlertChannel, AlertOutboxEntry } from '../../store/AlertOutboxEntry.js';
import { closeAlertEntry } from '../../store/closeAlertEntry.js';
import { updateAlertOutboxEntry } from '../../store/updateAlertOutboxEntry.js';
import { backoffDelay } from './backoffDelay.js';
import type { MonitorContext, MonitorOptions } from './MonitorContext.js';
import { postAlertWebhook } from './postAlertWebhook.js';

export interface DeliverAlertParams {
  readonly entry: AlertOutboxEntry;
  readonly options: MonitorOptions;
  /** Called after each DynamoDB write (the run's write counter). */
  readonly wrote: () => void;
  /**
   * Channels found down in this run (an alert used up its retries on them): not tried again until
   * the next run; a channel that fails that way here is added.
   */
  readonly down: Set<AlertChannel>;
}

export interface DeliverAlertResult {
  /**
   * `sent`: every channel took it; `dead`: a channel failed for good; `deferred`: a channel is down
   * in this run, the alert stays in the outbox for the next; `closed`: another run closed it.
   */
  readonly outcome: 'sent' | 'dead' | 'deferred' | 'closed';
  /** Failed attempts in this call. */
  readonly failures: number;
}

type Attempt = { readonly kind: 'delivered' } | { readonly kind: 'retry' | 'reject'; readonly error: string };

async function attempt(
  context: MonitorContext,
  channel: AlertChannel,
  entry: AlertOutboxEntry,
  options: MonitorOptions,
): Promise<Attempt> {
  if (channel === 'webhook') {
    if (context.webhook === undefined)
      return { kind: 'reject', error: 'no webhook is configured (BALLAST_ALERT_WEBHOOK_URL)' };
    return postAlertWebhook({
      webhook: context.webhook,
      message: entry.message,
      now: context.now(),
      timeoutMs: options.webhookTimeoutMs,
      fetch: context.fetch ?? globalThis.fetch,
    });
  }
  if (context.topic === undefined) return { kind: 'reject', error: 'no alerts topic is configured' };
  try {
    await context.topic.publish(entry.message);
    return { kind: 'delivered' };
  } catch (error) {
    return { kind: 'retry', error: `topic: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/**
 * Delivers one outbox alert to each of its pending channels: an attempt, and after a failure worth
 * retrying a wait of backoffDelay (context.sleep) and another, up to `maxAttempts` per channel
 * (attempts are stored, so a rerun continues the count). A channel done is recorded before the
 * next is tried; then the alert leaves the outbox for `sent`, or, when a channel failed for good,
 * for the dead letters with the failed channels pending (an operator redrives them). A channel that
 * used up an alert's retries is `down` for the rest of the run: later alerts wait in the outbox for
 * the next run instead of each waiting through the backoff (a run's waits stay bounded, about 15 s
 * per channel with the defaults).
 */
export async function deliverAlert(
  context: MonitorContext,
  { entry, options, wrote, down }: DeliverAlertParams,
): Promise<DeliverAlertResult> {
  const attempts: Partial<Record<AlertChannel, number>> = { ...entry.attempts };
  let remaining = [...entry.pending];
  const failed: AlertChannel[] = [];
  const deferred: AlertChannel[] = [];
  let lastError = entry.lastError;
  let failures = 0;
  for (const channel of entry.pending) {
    if (down.has(channel)) {
      deferred.push(channel);
      remaining = remaining.filter((c) => c !== channel);
      continue;
    }
    for (;;) {
      const result = await attempt(context, channel, entry, options);
      if (result.kind === 'delivered') break;
      failures++;
      lastError = result.error;
      const count = (attempts[channel] ?? 0) + 1;
      attempts[channel] = count;
      if (result.kind === 'reject' || count >= options.maxAttempts) {
        failed.push(channel);
        if (result.kind === 'retry') down.add(channel);
        break;
      }
      const stillOpen = await updateAlertOutboxEntry(context.dynamo, context.tables, {
        id: entry.id,
        pending: [...failed, ...deferred, ...remaining],
        attempts,
        lastError,
      });
      wrote();
      if (!stillOpen) return { outcome: 'closed', failures };
      await context.sleep(
        backoffDelay({ failures: count, baseMs: options.backoffBaseMs, maxMs: options.backoffMaxMs }),
      );
    }
    remaining = remaining.filter((c) => c !== channel);
    if (!failed.includes(channel) && remaining.length > 0) {
      // Delivered here, more channels to go: recorded, so a rerun does not send it here again.
      const stillOpen = await updateAlertOutboxEntry(context.dynamo, context.tables, {
        id: entry.id,
        pending: [...failed, ...deferred, ...remaining],
        attempts,
        ...(lastError === undefined ? {} : { lastError }),
      });
      wrote();
      if (!stillOpen) return { outcome: 'closed', failures };
    }
  }
  if (deferred.length > 0) {
    if (deferred.length < entry.pending.length) {
      // Some channel was tried: keep what it did (a delivered channel is not sent to again).
      const stillOpen = await updateAlertOutboxEntry(context.dynamo, context.tables, {
        id: entry.id,
        pending: [...failed, ...deferred],
        attempts,
        ...(lastError === undefined ? {} : { lastError }),
      });
      wrote();
      if (!stillOpen) return { outcome: 'closed', failures };
    }
    return { outcome: 'deferred', failures };
  }
  const to = failed.length === 0 ? 'sent' : 'dead';
  const closed = await closeAlertEntry(context.dynamo, context.tables, {
    entry: {
      ...entry,
      pending: failed,
      attempts,
      ...(lastError === undefined ? {} : { lastError }),
    },
    to,
    now: context.now(),
  });
  wrote();
  return { outcome: closed ? to : 'closed', failures };
}
