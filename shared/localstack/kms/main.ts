/**
 * Runs the local KMS-compatible endpoint on its own:
 *   npx tsx shared/localstack/kms/main.ts [--port P] [--seed S] [--create-key [--alias alias/name]]
 * Prints one JSON line `{ "endpoint", "port", "keyId"? }` on stdout once it listens, then serves
 * until SIGINT/SIGTERM. `--create-key` creates an ECC_SECG_P256K1 key (and `--alias`) through the real
 * @aws-sdk/client-kms, so a parent process can read the key id from that line.
 */
import { parseArgs } from 'node:util';
import { CreateAliasCommand, CreateKeyCommand } from '@aws-sdk/client-kms';
import { createKmsClient } from '../../chain/kms/createKmsClient.js';
import { startKmsServer } from './startKmsServer.js';

function usage(message: string): never {
  process.stderr.write(
    `kms endpoint: ${message}\nusage: tsx shared/localstack/kms/main.ts [--port P] [--seed S] [--create-key [--alias alias/name]]\n`,
  );
  process.exit(2);
}

let values: {
  port?: string | undefined;
  seed?: string | undefined;
  'create-key'?: boolean | undefined;
  alias?: string | undefined;
};
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string' },
      seed: { type: 'string' },
      'create-key': { type: 'boolean' },
      alias: { type: 'string' },
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

const server = await startKmsServer({ port, ...(values.seed === undefined ? {} : { seed: values.seed }) });
let keyId: string | undefined;
if (values['create-key'] === true) {
  const client = createKmsClient({ endpoint: server.endpoint });
  const created = await client.send(
    new CreateKeyCommand({
      KeySpec: 'ECC_SECG_P256K1',
      KeyUsage: 'SIGN_VERIFY',
      Description: 'ballast local signer',
    }),
  );
  keyId = created.KeyMetadata?.KeyId;
  if (values.alias !== undefined) {
    await client.send(new CreateAliasCommand({ AliasName: values.alias, TargetKeyId: keyId }));
    keyId = values.alias;
  }
  client.destroy();
}
process.stdout.write(
  `${JSON.stringify({ endpoint: server.endpoint, port: server.port, ...(keyId === undefined ? {} : { keyId }) })}\n`,
);

const shutdown = (): void => {
  void server.stop().then(() => process.exit(0));
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
