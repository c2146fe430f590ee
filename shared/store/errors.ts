import { BallastError, InputError } from '../errors/BallastError.js';

/** A write refused because the item already exists with different content: nothing was overwritten. */
export class ConflictingWriteError extends BallastError {
  override name = 'ConflictingWriteError';
}

/** A stored item is missing or unreadable. */
export class StoredItemError extends BallastError {
  override name = 'StoredItemError';
}

/** A history parameter that cannot be served; `field` names the parameter (`from`, `limit`, `cursor`, ...). */
export class HistoryQueryError extends InputError {
  override name = 'HistoryQueryError';
  readonly field: string;

  constructor(field: string, message: string, options: { cause?: unknown; fix?: string } = {}) {
    super(`${field}: ${message}`, options);
    this.field = field;
  }
}

/** A round's outcome could not be recorded: the store already holds a different one. Nothing was written. */
export class OutcomeWriteError extends BallastError {
  override name = 'OutcomeWriteError';
}

/** An engine checkpoint too large for one DynamoDB item: nothing was written. */
export class CheckpointTooLargeError extends BallastError {
  override name = 'CheckpointTooLargeError';
}

/** The cursor moved since it was read: another indexer committed, or the item was edited. */
export class PositionsCursorMovedError extends BallastError {
  override name = 'PositionsCursorMovedError';
}
