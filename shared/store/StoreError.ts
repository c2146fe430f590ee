import { BallastError } from '../errors/BallastError.js';

/** A write refused because the item already exists with different content: nothing was overwritten. */
export class ConflictingWriteError extends BallastError {
  override name = 'ConflictingWriteError';
}

/** A stored item is missing or unreadable. */
export class StoredItemError extends BallastError {
  override name = 'StoredItemError';
}
