/**
 * One publisher process of the soak (soak/publisherSoak.ts): runs one whole cycle (collect →
 * compute → publish) against the soak's local stack, exactly as `ballast run --local` does, and
 * prints its publish result as one JSON line. The soak kills it from outside at random moments,
 * or it kills itself (SIGKILL, no cleanup) at a named point of the publish step.
 *
 * Input: the JSON of a WorkerSpec in the environment variable SOAK_WORKER_SPEC.
 * Exit code: publishExitCode of the result (shared/cli/exitCodes.ts: 0 published or nothing due, 1 failed, 4 pending, 5 busy).
 */
import { createLocalPublisherContext } from '../shared/localstack/createLocalPublisherContext.js';
import { publishExitCode } from '../shared/cli/publishExitCode.js';
import type { PublisherHooks } from '../shared/pipeline/publish/PublisherContext.js';
import { runCycle } from '../shared/pipeline/runCycle.js';
import { WORKER_HOOKS, type WorkerHook, type WorkerSpec } from './workerSpec.js';

const spec = JSON.parse(process.env.SOAK_WORKER_SPEC ?? 'null') as WorkerSpec | null;
if (spec === null)
  throw new Error('SOAK_WORKER_SPEC is not set: this process is started by soak/publisherSoak.ts');

const at = (hook: WorkerHook) => (): void => {
  if (spec.signalAt === hook) process.stdout.write(`SIGNAL ${hook}\n`);
  if (spec.killAt === hook) process.kill(process.pid, 'SIGKILL');
};
const hooks: PublisherHooks = Object.fromEntries(WORKER_HOOKS.map((hook) => [hook, at(hook)]));
const base = createLocalPublisherContext(spec.state, spec.config, {
  timing: { leaseTtlMs: spec.leaseTtlMs, pollMs: 50, replaceAfterMs: 1_500, maxReplacements: 2 },
  rpcUrls: spec.rpcUrls,
});
const trace = process.env.SOAK_TRACE === '1';
const phases: string[] = [];
if (trace) {
  const started = Date.now();
  setInterval(() => {
    process.stderr.write(
      `${Date.now() - started} ms: ${phases.join(' > ')} | ${process.getActiveResourcesInfo().join(',')}\n`,
    );
  }, 5_000).unref();
  for (const hook of WORKER_HOOKS) {
    const original = hooks[hook];
    (hooks as Record<string, unknown>)[hook] = (...args: unknown[]) => {
      phases.push(hook);
      return (original as (...a: unknown[]) => unknown)(...args);
    };
  }
}
try {
  const cycle = await runCycle(
    { ...base, now: () => Date.now() + spec.offsetMs, invocationId: spec.invocationId, hooks },
    spec.assets,
  );
  const publish = cycle.publish;
  process.stdout.write(
    `RESULT ${JSON.stringify({
      status: publish.status,
      ...('round' in publish ? { round: publish.round } : {}),
      ...('txHash' in publish ? { txHash: publish.txHash } : {}),
      ...('error' in publish ? { error: publish.error } : {}),
      ...('detail' in publish ? { detail: publish.detail } : {}),
    })}\n`,
  );
  process.exitCode = publishExitCode(publish);
} finally {
  base.close();
}
