import { CreateAliasCommand, CreateKeyCommand, type KMSClient } from '@aws-sdk/client-kms';

export interface CreateLocalKmsKeyParams {
  /** A client pointed at the local endpoint (createKmsClient({ endpoint })). */
  readonly client: KMSClient;
  /** Optional alias to create for the key, `alias/<name>`. */
  readonly alias?: string;
  /** @default 'ballast local signer' */
  readonly description?: string;
}

export interface CreateLocalKmsKeyResult {
  /** The key id (a UUID). */
  readonly keyId: string;
  readonly arn: string;
  /** What to pass as KmsSigner `keyId`: the alias when one was created, else the key id. */
  readonly signerKeyId: string;
}

/**
 * Creates the oracle's signing key the way the CDK stack does in AWS (`ECC_SECG_P256K1`,
 * `SIGN_VERIFY`), through the real SDK, so the local stack and the cloud share one code path.
 */
export async function createLocalKmsKey({
  client,
  alias,
  description = 'ballast local signer',
}: CreateLocalKmsKeyParams): Promise<CreateLocalKmsKeyResult> {
  const created = await client.send(
    new CreateKeyCommand({ KeySpec: 'ECC_SECG_P256K1', KeyUsage: 'SIGN_VERIFY', Description: description }),
  );
  const keyId = created.KeyMetadata?.KeyId;
  const arn = created.KeyMetadata?.Arn;
  if (keyId === undefined || arn === undefined)
    throw new Error('CreateKey returned no KeyMetadata.KeyId/Arn');
  if (alias !== undefined)
    await client.send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: keyId }));
  return { keyId, arn, signerKeyId: alias ?? keyId };
}
