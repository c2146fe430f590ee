import type { Command } from 'commander';
import { InputError } from '../../errors/BallastError.js';
import { postAlertWebhook } from '../../positions/monitor/postAlertWebhook.js';
import { sampleAlert } from '../../positions/monitor/sampleAlert.js';
import { DEFAULT_WEBHOOK_TIMEOUT_MS } from '../../positions/monitor/MonitorContext.js';
import { getLatestPositionHealth } from '../../store/getLatestPositionHealth.js';
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
 * `ballast alerts test|status|dead-letters|redrive`: send a signed sample alert to a webhook; the
 * latest cycle's position health and the alert queues; list the alerts the monitor dead-lettered;
 * put them back in the outbox (docs/positions.md, "Alerts").
 */
export function registerAlertsCommand(program: Command): void {
  const alerts = program
    .command('alerts')
    .description('position alerts: send a signed sample, status, list and redrive dead letters');

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
      .command('status')
      .description("the latest cycle's positions near the edge, and the alerts waiting or dead-lettered")
      .option('--limit <n>', 'near-edge positions to list, lowest HF first', '20'),
  ).action(async (options: StoreOptions & { limit: string; config?: string }) => {
    const limit = Number(options.limit);
    if (!Number.isInteger(limit) || limit < 0 || limit > 1_000)
      throw new InputError(
        `--limit: "${options.limit}" is not allowed; expected a whole number from 0 to 1000`,
      );
    const { context } = resolveApiContext(options, loadAssetsConfigFile(options.config));
    const [health, outbox, dead] = await Promise.all([
      getLatestPositionHealth(context.dynamo, context.tables),
      listAlertEntries(context.dynamo, context.tables, 'outbox'),
      listAlertEntries(context.dynamo, context.tables, 'dead'),
    ]);
    if (health === undefined) {
      console.log('the monitor has not run yet (no position health stored)');
    } else {
      const s = health.states;
      console.log(
        `cycle ${iso(health.cycleTs)}: ${health.evaluated} of ${health.positions} positions with debt (${health.unknown} unknown): ${s.liquidatable} liquidatable, ${s['liquidatable-next']} liquidatable under the next candidate, ${s['below-alert']} below their alert level, ${s.ok} ok`,
      );
      const near = health.nearEdge.slice(0, limit);
      const total = health.nearEdge.length + health.truncated;
      console.log(
        `near the edge (HF < alert level + ${health.nearEdgeMargin}): ${total}${near.length < total ? `, the lowest ${near.length}:` : near.length > 0 ? ':' : ''}`,
      );
      for (const p of near)
        console.log(
          `  ${p.id}  ${p.state}  HF ${p.hf.toFixed(4)}  next ${p.hfNext.toFixed(4)}  alert ${p.alertLevel}  debt $${p.debtUsd.toLocaleString('en-US', { maximumFractionDigits: 0 })}`,
        );
    }
    console.log(`alerts: ${outbox.length} waiting in the outbox, ${dead.length} dead-lettered`);
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
