import { FetchRequest, JsonRpcProvider, Network } from 'ethers';
import { redactSecrets, registerSecrets } from '../../errors/redactSecrets.js';
import { redactValue } from '../../errors/redactValue.js';
import { ChainIdMismatchError, RpcUnavailableError } from './errors.js';
import { isTransportError } from './isTransportError.js';

/**
 * Attempts ethers makes per request before it reports an HTTP 429 as an error. 1: no silent
 * backoff on a rate-limited endpoint (ethers' default waits up to 12 times); the next endpoint is
 * asked at once instead.
 * @default 1
 */
export const RPC_ATTEMPTS_PER_ENDPOINT = 1;

/**
 * An ordered list of RPC endpoints for one chain. Calls go to the first endpoint that answers;
 * each endpoint's chain id is checked before first use, so a misconfigured URL pointing at another
 * chain is refused rather than used. An endpoint that fails at the transport level (network error,
 * timeout, HTTP 401/403/429/5xx) hands the call to the next one.
 *
 * Secrets: the URLs usually embed provider API keys. They are registered with `redactSecrets`, and
 * every error that leaves this class (thrown, or passed to `onFailover`) is a redacted copy; messages
 * name endpoints by position (`#2`) and host only.
 */
export class FailoverRpc {
  readonly chainId: bigint;
  private readonly providers: JsonRpcProvider[];
  /** `scheme://host` of each endpoint, for messages. */
  readonly endpointNames: readonly string[];
  private readonly verified = new Set<number>();
  /** Index of the endpoint that answered last; calls start there. */
  private current = 0;
  /** Called when a call moves to another endpoint (for logs and metrics); the error is redacted. */
  onFailover: ((from: number, to: number, error: unknown) => void) | undefined;

  constructor(urls: readonly string[], chainId: bigint | number) {
    if (urls.length === 0)
      throw new RpcUnavailableError('no RPC URL configured', { fix: 'give at least one RPC URL' });
    registerSecrets(urls);
    this.chainId = BigInt(chainId);
    const network = Network.from(this.chainId);
    this.endpointNames = urls.map((url, i) => `#${i + 1} ${redactSecrets(url)}`);
    this.providers = urls.map((url) => {
      const request = new FetchRequest(url);
      request.setThrottleParams({ maxAttempts: RPC_ATTEMPTS_PER_ENDPOINT });
      // cacheTimeout -1: no request caching, or ethers reuses stale nonces against fast chains.
      return new JsonRpcProvider(request, network, { staticNetwork: network, cacheTimeout: -1 });
    });
  }

  /** The provider of the endpoint currently in use (for APIs that need a provider object). */
  get provider(): JsonRpcProvider {
    return this.providers[this.current] as JsonRpcProvider;
  }

  /**
   * Runs `call` against the endpoints in order from the current one until one answers. An answer
   * from the chain (a revert, "nonce too low") is rethrown at once, redacted.
   * @throws RpcUnavailableError when no endpoint answered (cause: the last failure, redacted).
   */
  async call<T>(call: (provider: JsonRpcProvider) => Promise<T>): Promise<T> {
    let lastError: unknown;
    const failures: string[] = [];
    for (let attempt = 0; attempt < this.providers.length; attempt++) {
      const index = (this.current + attempt) % this.providers.length;
      const provider = this.providers[index] as JsonRpcProvider;
      try {
        if (!this.verified.has(index)) {
          const reported = BigInt((await provider.send('eth_chainId', [])) as string);
          if (reported !== this.chainId) {
            throw new ChainIdMismatchError(
              `RPC endpoint ${this.endpointNames[index]} serves chain ${reported}, expected ${this.chainId}`,
              {
                fix: 'remove or correct that URL in the chain config',
              },
            );
          }
          this.verified.add(index);
        }
        const result = await call(provider);
        if (index !== this.current) this.onFailover?.(this.current, index, lastError);
        this.current = index;
        return result;
      } catch (error) {
        const safe = redactValue(error);
        if (!(error instanceof ChainIdMismatchError) && !isTransportError(error)) throw safe;
        lastError = safe;
        failures.push(`${this.endpointNames[index]}: ${firstLine(safe)}`);
      }
    }
    throw new RpcUnavailableError(
      `none of the ${this.providers.length} RPC endpoints answered (${failures.join('; ')})`,
      {
        cause: lastError,
        fix: 'check the endpoints (keys, plan limits, provider status), or add another RPC URL',
      },
    );
  }

  destroy(): void {
    for (const provider of this.providers) provider.destroy();
  }
}

function firstLine(error: unknown): string {
  const e = error as { shortMessage?: unknown; message?: unknown };
  const text = typeof e.shortMessage === 'string' ? e.shortMessage : String(e.message ?? error);
  return text.split('\n')[0]!.slice(0, 200);
}
