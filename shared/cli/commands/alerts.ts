import type { Command } from 'commander';
import { InputError } from '../../errors/BallastError.js';
import { postAlertWebhook } from '../../positions/monitor/postAlertWebhook.js';
import { sampleAlert } from '../../positions/monitor/sampleAlert.js';
import { DEFAULT_WEBHOOK_TIMEOUT_MS } from '../../positions/monitor/MonitorContext.js';
import { listAlertEntries } from '../../store/listAlertEntries.js';
import { redriveDeadLetter } from '../../store/redriveDeadLetter.js';
import { EXIT_CODES } from '../exitCodes.js';
import { loadAssetsConfigFile } from '../loadAssetsConfigFile.js';
import { addStoreOptions } from '../options/addStoreOptions.js';
import { readAlertSecret } from '../readAlertSecret.js';
import { resolveApiContext, type StoreOptions } from '../resolveApiContext.js';

interface TestOptions {
  readonly url: string;
  readonly secretFile?: string;
}

function checkWebhookUrl(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:'))
    throw new InputError(
      `--url: "${value}" is not an http(s) URL; expected e.g. https://hooks.example/ballast`,
    );
  return value;
}

const iso = (ms: number | undefined): string => (ms === undefined ? '-' : new Date(ms).toISOString());

/**
 * `ballast alerts test|dead-letters|redrive`: send a signed sample alert to a webhook; list the
 * alerts the monitor dead-lettered; put them back in the outbox (docs/positions.md, "Alerts").
 */
export function registerAlertsCommand(program: Command): void {
  const alerts = program
    .command('alerts')
    .description('position alerts: send a signed sample, list and redrive dead letters');

  alerts
    .command('test')
    .description('send one signed sample alert to a webhook and print what it answered')
    .requiredOption('--url <url>', 'the webhook receiver')
    .option('--secret-file <file>', 'file holding the HMAC secret (default $BALLAST_ALERT_WEBHOOK_SECRET)')
    .action(async (options: TestOptions, command: Command) => {
      const url = checkWebhookUrl(options.url);
      const secret = readAlertSecret('--secret-file', options.secretFile);
      const now = Date.now();
      const message = sampleAlert(now);
      const result = await postAlertWebhook({
        webhook: { url, secret },
        message,
        now,
        timeoutMs: DEFAULT_WEBHOOK_TIMEOUT_MS,
        fetch: globalThis.fetch,
      });
      if (result.kind === 'delivered') {
        console.log(
          `sent sample alert ${message.id} to ${url}: HTTP ${result.status}, signed at ${Math.floor(now / 1000)} (ballast-timestamp)`,
        );
        return;
      }
      // A receiver that answered and refused fails the check; one that did not answer is the environment.
      const answered = /^HTTP \d+/.test(result.error);
      command.error(`error: sample alert not accepted: ${result.error}`, {
        exitCode: answered ? EXIT_CODES.failed : EXIT_CODES.environment,
        code: 'ballast.alerts',
      });
    });

  addStoreOptions(
    alerts
      .command('dead-letters')
      .description('list the alerts the monitor could not deliver (oldest first)')
      .option('--json', 'print them as JSON'),
  ).action(async (options: StoreOptions & { json?: boolean; config?: string }) => {
    const { context } = resolveApiContext(options, loadAssetsConfigFile(options.config));
    const dead = await listAlertEntries(context.dynamo, context.tables, 'dead');
    if (options.json === true) {
      console.log(JSON.stringify(dead, null, 2));
      return;
    }
    for (const d of dead)
      console.log(
        `${d.id}  ${d.message.previousState} → ${d.message.state}  channels ${d.pending.join(',')}  attempts ${JSON.stringify(d.attempts)}  dead since ${iso(d.closedAt)}  last error: ${d.lastError ?? '-'}`,
      );
    console.log(`${dead.length} dead letter(s)`);
  });

  addStoreOptions(
    alerts
      .command('redrive')
      .description('put dead-lettered alerts back in the outbox: the next monitor run delivers them')
      .argument('[ids...]', 'alert ids (as `alerts dead-letters` lists them)')
      .option('--all', 'every dead letter'),
  ).action(async (ids: string[], options: StoreOptions & { all?: boolean; config?: string }) => {
    if ((options.all === true) === ids.length > 0)
      throw new InputError('redrive: give alert ids or --all (not both, not neither)');
    const { context } = resolveApiContext(options, loadAssetsConfigFile(options.config));
    const dead = await listAlertEntries(context.dynamo, context.tables, 'dead');
    const chosen = options.all === true ? dead : dead.filter((d) => ids.includes(d.id));
    const missing = ids.filter((id) => !dead.some((d) => d.id === id));
    if (missing.length > 0)
      throw new InputError(
        `ids: ${missing.map((id) => `"${id}"`).join(', ')} not among the ${dead.length} dead letter(s); see \`ballast alerts dead-letters\``,
      );
    let moved = 0;
    for (const entry of chosen) if (await redriveDeadLetter(context.dynamo, context.tables, entry)) moved++;
    console.log(`${moved} alert(s) back in the outbox; the next monitor run delivers them`);
  });
}
