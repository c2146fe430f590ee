/**
 * Runs the local KMS-compatible endpoint on its own:
 *   npx tsx shared/localstack/kms/main.ts [--port P] [--seed S] [--create-key [--alias alias/name]] [--exit-on-stdin-close]
 * Prints one JSON line `{ "endpoint", "port", "keyId"? }` on stdout once it listens, then serves
 * until SIGINT/SIGTERM (or, with --exit-on-stdin-close, until its parent closes its stdin). `--create-key` creates an ECC_SECG_P256K1 key (and `--alias`) through the real
 * @aws-sdk/client-kms, so a parent process can read the key id from that line.
 */
import { parseArgs } from 'node:util';
import { createKmsClient } from '../../chain/kms/createKmsClient.js';
import { createLocalKmsKey } from './createLocalKmsKey.js';
import { startKmsServer, type KmsServer } from './startKmsServer.js';

function usage(message: string): never {
  process.stderr.write(
    `kms endpoint: ${message}\nusage: tsx shared/localstack/kms/main.ts [--port P] [--seed S] [--create-key [--alias alias/name]] [--exit-on-stdin-close]\n`,
  );
  process.exit(2);
}

let values: {
  port?: string | undefined;
  seed?: string | undefined;
  'create-key'?: boolean | undefined;
  alias?: string | undefined;
  'exit-on-stdin-close'?: boolean | undefined;
};
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string' },
      seed: { type: 'string' },
      'create-key': { type: 'boolean' },
      alias: { type: 'string' },
      'exit-on-stdin-close': { type: 'boolean' },
    },
    strict: true,
    allowPositionals: false,
  }));
} catch (error) {
  usage(error instanceof Error ? error.message : String(error));
}
if (values.alias !== undefined && values['create-key'] !== true) usage('--alias needs --create-key');

const port = values.port === undefined ? 0 : Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535)
  usage(`--port must be an integer from 0 to 65535, got ${values.port}`);

let server: KmsServer;
try {
  server = await startKmsServer({ port, ...(values.seed === undefined ? {} : { seed: values.seed }) });
} catch (error) {
  process.stderr.write(`kms endpoint: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
let keyId: string | undefined;
if (values['create-key'] === true) {
  const client = createKmsClient({ endpoint: server.endpoint });
  try {
    ({ signerKeyId: keyId } = await createLocalKmsKey({
      client,
      ...(values.alias === undefined ? {} : { alias: values.alias }),
    }));
  } finally {
    client.destroy();
  }
}
process.stdout.write(
  `${JSON.stringify({ endpoint: server.endpoint, port: server.port, ...(keyId === undefined ? {} : { keyId }) })}\n`,
);

const shutdown = (): void => {
  void server.stop().then(() => process.exit(0));
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
// A parent that holds our stdin open can die without signalling (SIGKILL, crash): stop with it.
if (values['exit-on-stdin-close'] === true) {
  process.stdin.once('end', shutdown).once('close', shutdown).resume();
}
