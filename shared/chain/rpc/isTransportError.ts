import { httpStatusOf } from './httpStatusOf.js';

/** JSON-RPC error codes a node answers with when it is overloaded: worth another endpoint. */
const OVERLOAD_CODES = new Set([-32005, 429]);

/**
 * Errors that mean "this endpoint did not answer", not "the chain said no": a network failure, a
 * timeout, or any HTTP error status from the provider (401/403: a bad or expired key or plan, 429: rate
 * limited, 5xx: an outage; ethers reports them all as SERVER_ERROR). A JSON-RPC error object in a 2xx response
 * means the node answered (e.g. "already known", "nonce too low", a revert): asking the next
 * endpoint would only hide the answer, except when it says it is overloaded.
 */
export function isTransportError(error: unknown): boolean {
  const e = error as { code?: unknown; error?: { code?: unknown } };
  if (
    e.code === 'CALL_EXCEPTION' ||
    e.code === 'INSUFFICIENT_FUNDS' ||
    e.code === 'NONCE_EXPIRED' ||
    e.code === 'REPLACEMENT_UNDERPRICED' ||
    e.code === 'TRANSACTION_REPLACED'
  )
    return false;
  const status = httpStatusOf(error);
  if (status !== undefined) return true;
  if (typeof e.error?.code === 'number') return OVERLOAD_CODES.has(e.error.code);
  if (
    e.code === 'NETWORK_ERROR' ||
    e.code === 'TIMEOUT' ||
    e.code === 'SERVER_ERROR' ||
    e.code === 'UNKNOWN_ERROR'
  )
    return true;
  const message = error instanceof Error ? error.message : String(error);
  return /ECONNREFUSED|ECONNRESET|ETIMEDOUT|fetch failed|socket hang up|EHOSTUNREACH/.test(message);
}
