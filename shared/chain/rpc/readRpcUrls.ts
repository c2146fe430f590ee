import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { RpcUnavailableError } from './errors.js';

export interface ReadRpcUrlsParams {
  /** SSM SecureString of comma-separated URLs in failover order (AWS). Read when set. */
  readonly parameterName?: string | undefined;
  /** Comma-separated URLs; local runs only (in AWS they come from SSM, never from plain env). */
  readonly plain?: string | undefined;
  /** Who needs them, for the error message, e.g. `the publisher`. */
  readonly reader: string;
}

/**
 * A chain's RPC URLs: from the SSM SecureString when a parameter name is given (decrypted, never
 * logged), else from the plain list (BALLAST_RPC_URLS locally).
 * @throws RpcUnavailableError when neither yields a URL.
 */
export async function readRpcUrls({ parameterName, plain, reader }: ReadRpcUrlsParams): Promise<string[]> {
  let text = plain;
  if (parameterName !== undefined) {
    const ssm = new SSMClient({});
    try {
      const { Parameter } = await ssm.send(
        new GetParameterCommand({ Name: parameterName, WithDecryption: true }),
      );
      text = Parameter?.Value;
    } finally {
      ssm.destroy();
    }
  }
  const urls = (text ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter((u) => u.length > 0);
  if (urls.length === 0)
    throw new RpcUnavailableError(`no RPC URL for ${reader}`, {
      fix: 'set BALLAST_RPC_URLS_PARAM (an SSM SecureString of comma-separated URLs), or BALLAST_RPC_URLS locally',
    });
  return urls;
}
