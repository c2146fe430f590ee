/** `ballast signer address|check` against the local KMS endpoint, in-process (commander with exitOverride). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateKeyCommand } from '@aws-sdk/client-kms';
import { Command, CommanderError } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KmsSigner } from '../../../../shared/chain/kms/KmsSigner.js';
import { createKmsClient } from '../../../../shared/chain/kms/createKmsClient.js';
import { registerSignerCommand } from '../../../../shared/cli/commands/signer.js';
import { startKmsServer, type KmsServer } from '../../../../shared/localstack/kms/startKmsServer.js';

let server: KmsServer;
let keyId: string;
let address: string;
let dir: string;

interface RunResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

async function run(...args: string[]): Promise<RunResult> {
  let out = '';
  let err = '';
  const program = new Command('ballast')
    .exitOverride()
    .configureOutput({ writeOut: (text) => (out += text), writeErr: (text) => (err += text) });
  registerSignerCommand(program);
  try {
    await program.parseAsync(['signer', ...args], { from: 'user' });
    return { code: 0, out, err };
  } catch (error) {
    if (error instanceof CommanderError) return { code: error.exitCode, out, err };
    throw error;
  }
}

beforeAll(async () => {
  server = await startKmsServer();
  const client = createKmsClient({ endpoint: server.endpoint });
  try {
    const created = await client.send(
      new CreateKeyCommand({ KeySpec: 'ECC_SECG_P256K1', KeyUsage: 'SIGN_VERIFY' }),
    );
    keyId = created.KeyMetadata?.KeyId ?? '';
    address = await new KmsSigner({ client, keyId }).getAddress();
  } finally {
    client.destroy();
  }
  dir = mkdtempSync(join(tmpdir(), 'ballast-signer-'));
});

afterAll(async () => {
  await server?.stop();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe('ballast signer', () => {
  it('address prints the key’s Ethereum address', async () => {
    expect(await run('address', '--key-id', keyId, '--endpoint', server.endpoint)).toEqual({
      code: 0,
      out: `${address}\n`,
      err: '',
    });
  });

  it('check signs a random digest and prints PASS with the address', async () => {
    const result = await run(
      'check',
      '--key-id',
      keyId,
      '--endpoint',
      server.endpoint,
      '--region',
      'eu-west-1',
    );
    expect(result.code).toBe(0);
    expect(result.out).toMatch(
      new RegExp(
        `^PASS ${address} \\(key ${keyId}: digest 0x[0-9a-f]{64} signed by KMS, low-s, v=2[78], recovered\\)\\n$`,
      ),
    );
  });

  it('--local reads kms.endpoint and kms.keyId from the stack state file', async () => {
    const stackFile = join(dir, 'stack.json');
    writeFileSync(
      stackFile,
      JSON.stringify({
        anvil: { rpcUrl: 'http://127.0.0.1:1', chainId: 31337 },
        kms: { endpoint: server.endpoint, keyId },
      }),
    );
    expect(await run('check', '--local', '--stack-file', stackFile)).toMatchObject({
      code: 0,
      out: expect.stringMatching(`^PASS ${address}`),
    });
    writeFileSync(stackFile, JSON.stringify({ kms: { endpoint: server.endpoint } }));
    // No stack (or a state file that is not one) is the environment, not the command line: exit 3.
    expect(await run('address', '--local', '--stack-file', stackFile)).toMatchObject({
      code: 3,
      err: expect.stringMatching(/kms\.keyId/),
    });
    expect(await run('address', '--local', '--stack-file', join(dir, 'missing.json'))).toMatchObject({
      code: 3,
      err: expect.stringMatching(/stack up/),
    });
  });

  it('bad input exits 2 naming the field; KMS failures exit 3 (environment) naming the key', async () => {
    expect(await run('check', '--endpoint', server.endpoint)).toMatchObject({
      code: 2,
      err: expect.stringMatching(/--key-id is required/),
    });
    expect(await run('check', '--key-id', keyId, '--endpoint', 'not a url')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/--endpoint "not a url"/),
    });
    // Unknown flags are commander's own error; main.ts decides the exit code, so only "non-zero" here.
    const unknown = await run('check', '--key-id', keyId, '--bogus');
    expect(unknown.code).not.toBe(0);
    expect(unknown.err).toMatch(/unknown option '--bogus'/);
    expect(await run('check', '--key-id', 'alias/unknown', '--endpoint', server.endpoint)).toMatchObject({
      code: 3,
      err: expect.stringMatching(/alias\/unknown[\s\S]*fix:/),
    });
  });
});
