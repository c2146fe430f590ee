/**
 * Informational: median latency of one KMS Sign against the local endpoint.
 *   npx tsx bench/kms.ts [--runs N]
 * Measures (1) the endpoint's Sign operation in-process (curve math + DER, no HTTP),
 * (2) a raw SignCommand through the real @aws-sdk/client-kms over HTTP on 127.0.0.1,
 * (3) KmsSigner.signDigest: that Sign plus DER parsing, low-s and recovery-id trial.
 * Real AWS KMS adds network and HSM time (tens of ms); these numbers bound the local overhead.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { CreateKeyCommand, SignCommand } from '@aws-sdk/client-kms';
import { KmsSigner } from '../shared/chain/kms/KmsSigner.js';
import { createKmsClient } from '../shared/chain/kms/createKmsClient.js';
import { createKmsService } from '../shared/localstack/kms/createKmsService.js';
import { startKmsServer } from '../shared/localstack/kms/startKmsServer.js';

/** Measured iterations per case. @default 500 */
const DEFAULT_RUNS = 500;
/** Unmeasured iterations first (JIT, connection setup). @default 50 */
const WARMUP = 50;

const { values } = parseArgs({ options: { runs: { type: 'string' } } });
const runs = values.runs === undefined ? DEFAULT_RUNS : Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  process.stderr.write(`bench/kms: --runs must be a positive integer, got ${values.runs}\n`);
  process.exit(2);
}

async function median(run: () => unknown): Promise<number> {
  for (let i = 0; i < WARMUP; i += 1) await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const mid = Math.floor(times.length / 2);
  return times.length % 2 === 1 ? (times[mid] ?? 0) : ((times[mid - 1] ?? 0) + (times[mid] ?? 0)) / 2;
}

const digest = (): Uint8Array => Uint8Array.from(randomBytes(32));

const service = createKmsService();
const context = { region: 'us-east-1' };
const localKey = (
  service.handle('CreateKey', { KeySpec: 'ECC_SECG_P256K1', KeyUsage: 'SIGN_VERIFY' }, context) as {
    KeyMetadata: { KeyId: string };
  }
).KeyMetadata.KeyId;
const inProcess = await median(() =>
  service.handle(
    'Sign',
    {
      KeyId: localKey,
      Message: Buffer.from(digest()).toString('base64'),
      MessageType: 'DIGEST',
      SigningAlgorithm: 'ECDSA_SHA_256',
    },
    context,
  ),
);

const server = await startKmsServer();
const client = createKmsClient({ endpoint: server.endpoint });
try {
  const created = await client.send(
    new CreateKeyCommand({ KeySpec: 'ECC_SECG_P256K1', KeyUsage: 'SIGN_VERIFY' }),
  );
  const keyId = created.KeyMetadata?.KeyId ?? '';
  const sdk = await median(() =>
    client.send(
      new SignCommand({
        KeyId: keyId,
        Message: digest(),
        MessageType: 'DIGEST',
        SigningAlgorithm: 'ECDSA_SHA_256',
      }),
    ),
  );
  const signer = new KmsSigner({ client, keyId });
  await signer.getAddress();
  const signed = await median(() => signer.signDigest(digest()));

  const fmt = (ms: number): string => `${ms.toFixed(3)} ms`;
  process.stdout.write(
    [
      `bench/kms (npx tsx bench/kms.ts --runs ${runs}), medians of ${runs} after ${WARMUP} warm-up:`,
      `  endpoint Sign in-process (no HTTP):           ${fmt(inProcess)}`,
      `  SignCommand via @aws-sdk/client-kms + HTTP:    ${fmt(sdk)}  (${(sdk / inProcess).toFixed(2)}x in-process)`,
      `  KmsSigner.signDigest (Sign + DER/low-s/recid): ${fmt(signed)}  (${(signed / sdk).toFixed(2)}x SignCommand)`,
      '',
    ].join('\n'),
  );
} finally {
  client.destroy();
  await server.stop();
}
