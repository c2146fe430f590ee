import { BallastError } from '../../errors/BallastError.js';

/** No configured RPC endpoint answered (or none is configured). */
export class RpcUnavailableError extends BallastError {
  override name = 'RpcUnavailableError';
}

/** An RPC endpoint serves another chain than the one configured; it is never used. */
export class ChainIdMismatchError extends BallastError {
  override name = 'ChainIdMismatchError';
}
