import { KMSClient } from '@aws-sdk/client-kms';

export interface CreateKmsClientParams {
  /** AWS region. @default process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1' for a local endpoint */
  readonly region?: string;
  /** Endpoint URL, e.g. the local KMS endpoint `http://127.0.0.1:P`; unset means the real AWS KMS. */
  readonly endpoint?: string;
  /**
   * SDK-level attempts. @default 1: KmsSigner retries itself with jittered backoff and counts every
   * throttle; SDK retries underneath would hide throttles from the metric and multiply waits.
   */
  readonly maxAttempts?: number;
}

/** Region used for a local endpoint when none is configured. @default 'us-east-1' */
export const LOCAL_KMS_REGION = 'us-east-1';

function isLoopback(endpoint: string): boolean {
  const host = new URL(endpoint).hostname;
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
}

/**
 * A KMSClient for KmsSigner. Against the local endpoint (a loopback URL) it uses dummy static
 * credentials (the endpoint does not check SigV4) so no AWS account or profile is needed; against
 * AWS it uses the default credential chain (env, profile, Lambda role).
 */
export function createKmsClient({
  region,
  endpoint,
  maxAttempts = 1,
}: CreateKmsClientParams = {}): KMSClient {
  const local = endpoint !== undefined && isLoopback(endpoint);
  const resolvedRegion =
    region ??
    process.env.AWS_REGION ??
    process.env.AWS_DEFAULT_REGION ??
    (local ? LOCAL_KMS_REGION : undefined);
  return new KMSClient({
    maxAttempts,
    ...(resolvedRegion === undefined ? {} : { region: resolvedRegion }),
    ...(endpoint === undefined ? {} : { endpoint }),
    ...(local ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
}
