import { BallastError } from '../errors/BallastError.js';

/** The positions indexer cannot go on without an operator (a reorg deeper than it remembers, a block too busy to commit). */
export class PositionsIndexerError extends BallastError {
  override name = 'PositionsIndexerError';
}
