/**
 * Wire-level behaviour of the local KMS endpoint: the AWS JSON 1.1 protocol details the SDK relies
 * on (status codes, `{__type, message}` bodies, typed exceptions), loopback binding, clean stop, and
 * the standalone `main.ts` process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import {
  CreateKeyCommand,
  DisabledException,
  DisableKeyCommand,
  GetPublicKeyCommand,
  NotFoundException,
  SignCommand,
} from '@aws-sdk/client-kms';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { KmsSigner } from '../../../../shared/chain/kms/KmsSigner.js';
import { createKmsClient } from '../../../../shared/chain/kms/createKmsClient.js';
import { startKmsServer, type KmsServer } from '../../../../shared/localstack/kms/startKmsServer.js';

const servers: KmsServer[] = [];
let child: ChildProcess | undefined;

async function start(): Promise<KmsServer> {
  const server = await startKmsServer();
  servers.push(server);
  return server;
}

async function post(endpoint: string, target: string | undefined, body: string, method = 'POST') {
  const response = await fetch(`${endpoint}/`, {
    method,
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      ...(target === undefined ? {} : { 'x-amz-target': target }),
    },
    ...(method === 'POST' ? { body } : {}),
  });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    json: (await response.json()) as Record<string, unknown>,
  };
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});
afterAll(() => {
  child?.kill('SIGKILL');
});

describe('local KMS endpoint protocol', () => {
  it('answers AWS JSON 1.1 with {__type, message} errors and the right statuses', async () => {
    const { endpoint } = await start();
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const created = await post(
      endpoint,
      'TrentService.CreateKey',
      '{"KeySpec":"ECC_SECG_P256K1","KeyUsage":"SIGN_VERIFY"}',
    );
    expect(created.status).toBe(200);
    expect(created.type).toBe('application/x-amz-json-1.1');
    expect(await post(endpoint, undefined, '{}')).toMatchObject({
      status: 400,
      json: { __type: 'UnknownOperationException' },
    });
    expect(await post(endpoint, 'TrentService.Decrypt', '{}')).toMatchObject({
      status: 400,
      json: { __type: 'UnknownOperationException' },
    });
    expect(await post(endpoint, 'TrentService.Sign', '{not json')).toMatchObject({
      status: 400,
      json: { __type: 'SerializationException' },
    });
    expect(await post(endpoint, 'TrentService.Sign', '{}', 'GET')).toMatchObject({ status: 405 });
    const missing = await post(endpoint, 'TrentService.GetPublicKey', '{"KeyId":"alias/none"}');
    expect(missing).toMatchObject({ status: 400, json: { __type: 'NotFoundException' } });
    expect(String(missing.json.message)).toMatch(/alias\/none/);
  });

  it('is mapped by @aws-sdk/client-kms to its typed exceptions, with the client region in ARNs', async () => {
    const server = await start();
    const client = createKmsClient({ endpoint: server.endpoint, region: 'eu-west-1' });
    try {
      const created = await client.send(
        new CreateKeyCommand({ KeySpec: 'ECC_SECG_P256K1', KeyUsage: 'SIGN_VERIFY' }),
      );
      expect(created.KeyMetadata?.Arn).toMatch(/^arn:aws:kms:eu-west-1:000000000000:key\//);
      await expect(client.send(new GetPublicKeyCommand({ KeyId: 'missing' }))).rejects.toBeInstanceOf(
        NotFoundException,
      );
      await client.send(new DisableKeyCommand({ KeyId: created.KeyMetadata?.KeyId }));
      await expect(
        client.send(
          new SignCommand({
            KeyId: created.KeyMetadata?.KeyId,
            Message: new Uint8Array(32),
            MessageType: 'DIGEST',
            SigningAlgorithm: 'ECDSA_SHA_256',
          }),
        ),
      ).rejects.toBeInstanceOf(DisabledException);
      server.setFault('internal', 1, 'CreateKey');
      await expect(
        client.send(new CreateKeyCommand({ KeySpec: 'ECC_SECG_P256K1', KeyUsage: 'SIGN_VERIFY' })),
      ).rejects.toMatchObject({
        name: 'KMSInternalException',
        $metadata: { httpStatusCode: 500 },
      });
    } finally {
      client.destroy();
    }
  });

  it('reports a port conflict clearly and stops cleanly (port released)', async () => {
    const server = await start();
    await expect(startKmsServer({ port: server.port })).rejects.toThrow(/port is in use/);
    await server.stop();
    await server.stop(); // idempotent
    await expect(fetch(`${server.endpoint}/`, { method: 'POST' })).rejects.toThrow();
    const again = await startKmsServer({ port: server.port });
    servers.push(again);
    expect(again.port).toBe(server.port);
  });

  it('runs standalone: prints its endpoint and key, serves signatures, exits 0 on SIGTERM', async () => {
    child = spawn(
      process.execPath,
      ['--import', 'tsx', 'shared/localstack/kms/main.ts', '--create-key', '--alias', 'alias/standalone'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const lines = createInterface({ input: child.stdout! });
    const [line] = (await once(lines, 'line')) as [string];
    const info = JSON.parse(line) as { endpoint: string; keyId: string };
    expect(info.keyId).toBe('alias/standalone');
    const client = createKmsClient({ endpoint: info.endpoint });
    try {
      const signer = new KmsSigner({ client, keyId: info.keyId });
      expect(await signer.getAddress()).toMatch(/^0x[0-9a-fA-F]{40}$/);
      expect(await signer.signMessage('standalone')).toMatch(/^0x[0-9a-f]{130}$/);
    } finally {
      client.destroy();
    }
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    expect((await exited)[0]).toBe(0);
    child = undefined;
  });

  it('standalone exits when its parent closes stdin, and reports a port conflict with exit 1', async () => {
    const held = await start();
    const conflict = spawn(
      process.execPath,
      ['--import', 'tsx', 'shared/localstack/kms/main.ts', '--port', String(held.port)],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    conflict.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    expect(((await once(conflict, 'exit')) as [number])[0]).toBe(1);
    expect(stderr).toMatch(new RegExp(`127\\.0\\.0\\.1:${held.port}: the port is in use`));

    const tied = spawn(
      process.execPath,
      ['--import', 'tsx', 'shared/localstack/kms/main.ts', '--exit-on-stdin-close'],
      {
        stdio: ['pipe', 'pipe', 'ignore'],
      },
    );
    child = tied;
    const [line] = (await once(createInterface({ input: tied.stdout }), 'line')) as [string];
    expect(JSON.parse(line)).toMatchObject({ endpoint: expect.stringMatching(/^http:\/\/127\.0\.0\.1:/) });
    const exited = once(tied, 'exit');
    tied.stdin.end();
    expect((await exited)[0]).toBe(0);
    child = undefined;
  });

  it('standalone rejects a bad --port with exit code 2', async () => {
    const bad = spawn(
      process.execPath,
      ['--import', 'tsx', 'shared/localstack/kms/main.ts', '--port', 'http'],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    bad.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(bad, 'exit')) as [number];
    expect(code).toBe(2);
    expect(stderr).toMatch(/--port must be an integer from 0 to 65535, got http/);
  });
});
