/**
 * Acceptance on the real pipeline: cycles run by runCycle on the embedded local stack (exchange
 * simulator → collect → compute → the KMS-signed publisher → RiskOracle on anvil), then
 * `ballast verify --all` passes every check of every round, and an exported bundle verifies
 * offline and against the chain.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerExportBundleCommand } from '../../../../shared/cli/commands/exportBundle.js';
import { registerVerifyCommand } from '../../../../shared/cli/commands/verify.js';
import {
  createLocalPublisherContext,
  type LocalPublisherContext,
} from '../../../../shared/localstack/createLocalPublisherContext.js';
import { runCycle } from '../../../../shared/pipeline/runCycle.js';
import { startTestStack, type TestStack } from '../../support/startTestStack.js';
import { runCliInProcess, type CliRun } from '../../support/runCliInProcess.js';

/** Cycles run (the first publishes; later ones publish when a parameter moves or a heartbeat is due). */
const CYCLES = 3;

let t: TestStack | undefined;
let context: LocalPublisherContext | undefined;
let dir: string;
let rounds = 0;

async function ballast(...args: string[]): Promise<CliRun> {
  return runCliInProcess([registerVerifyCommand, registerExportBundleCommand], args);
}

function flags(): string[] {
  if (t === undefined) throw new Error('no stack');
  return [
    '--endpoint',
    t.state.dynamodb.endpoint,
    '--table-prefix',
    t.state.dynamodb.tablePrefix,
    '--oracle',
    t.state.oracle.address,
    '--chain-id',
    String(t.state.anvil.chainId),
    '--rpc',
    t.state.anvil.rpcUrl,
  ];
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ballast-verify-cycle-'));
  t = await startTestStack();
  context = createLocalPublisherContext(t.state, t.config);
  for (let cycle = 0; cycle < CYCLES; cycle += 1) {
    const result = await runCycle(context, ['BTC', 'ETH']);
    if (result.publish.status === 'mined') rounds += 1;
  }
}, 180_000);

afterAll(async () => {
  context?.close();
  await t?.stop();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe('verify after real cycles', () => {
  it('every round passes every check', async () => {
    expect(rounds).toBeGreaterThanOrEqual(1);
    const { code, stdout, stderr } = await ballast('verify', '--all', ...flags());
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.match(/=> VERIFIED/g)).toHaveLength(rounds);
    expect(stdout.match(/^\s+PASS/gm)).toHaveLength(6 * rounds);
  });

  it('an exported bundle verifies offline and against the chain', async () => {
    const file = join(dir, 'round-1.json');
    const all = flags();
    expect((await ballast('export-bundle', '--round', '1', '--out', file, ...all.slice(0, 8))).code).toBe(0);
    const offline = await ballast('verify', '--bundle', file);
    expect(offline.code).toBe(0);
    expect(offline.stdout.match(/^\s+SKIP/gm)).toHaveLength(2);
    const online = await ballast('verify', '--bundle', file, '--rpc', t?.state.anvil.rpcUrl ?? '');
    expect(online.code).toBe(0);
    expect(online.stdout.match(/^\s+PASS/gm)).toHaveLength(5);
  });
});
