import { JsonRpcProvider, Network } from 'ethers';
import { ChainIdMismatchError, RpcUnavailableError } from './errors.js';
import { isTransportError } from './isTransportError.js';

/**
 * An ordered list of RPC endpoints for one chain. Calls go to the first endpoint that answers;
 * each endpoint's chain id is checked before first use, so a misconfigured URL pointing at another
 * chain is refused rather than used.
 */
export class FailoverRpc {
  readonly chainId: bigint;
  private readonly providers: JsonRpcProvider[];
  private readonly verified = new Set<number>();
  /** Index of the endpoint that answered last; calls start there. */
  private current = 0;
  /** Called when a call moves to another endpoint (for logs and metrics). */
  onFailover: ((from: number, to: number, error: unknown) => void) | undefined;

  constructor(urls: readonly string[], chainId: bigint | number) {
    if (urls.length === 0)
      throw new RpcUnavailableError('no RPC URL configured', { fix: 'give at least one RPC URL' });
    this.chainId = BigInt(chainId);
    const network = Network.from(this.chainId);
    // cacheTimeout -1: no request caching, or ethers reuses stale nonces against fast chains.
    this.providers = urls.map(
      (url) => new JsonRpcProvider(url, network, { staticNetwork: network, cacheTimeout: -1 }),
    );
  }

  /** The provider of the endpoint currently in use (for APIs that need a provider object). */
  get provider(): JsonRpcProvider {
    return this.providers[this.current] as JsonRpcProvider;
  }

  /** Runs `call` against the endpoints in order from the current one until one answers. */
  async call<T>(call: (provider: JsonRpcProvider) => Promise<T>): Promise<T> {
    let lastError: unknown;
    for (let attempt = 0; attempt < this.providers.length; attempt++) {
      const index = (this.current + attempt) % this.providers.length;
      const provider = this.providers[index] as JsonRpcProvider;
      try {
        if (!this.verified.has(index)) {
          const reported = BigInt((await provider.send('eth_chainId', [])) as string);
          if (reported !== this.chainId) {
            throw new ChainIdMismatchError(
              `RPC endpoint #${index + 1} serves chain ${reported}, expected ${this.chainId}`,
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
        if (!(error instanceof ChainIdMismatchError) && !isTransportError(error)) throw error;
        lastError = error;
      }
    }
    throw new RpcUnavailableError(`none of the ${this.providers.length} RPC endpoints answered`, {
      cause: lastError,
      fix: 'check the endpoints, or add another RPC URL',
    });
  }

  destroy(): void {
    for (const provider of this.providers) provider.destroy();
  }
}
