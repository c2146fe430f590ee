/** A counting semaphore with spacing: `run(fn)` waits for a free slot and for the start interval. */
export interface Limiter {
  run<T>(fn: () => Promise<T>): Promise<T>;
}

/**
 * FIFO limiter: at most `limit` tasks in flight, and consecutive task starts at least `minIntervalMs`
 * apart (a venue's public request-rate limit). No dependencies; the venues limit per IP, so one
 * limiter per venue per process is the right scope.
 */
export function createLimiter(limit: number, minIntervalMs = 0): Limiter {
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`concurrency must be an integer >= 1, got ${limit}`);
  if (!(minIntervalMs >= 0)) throw new RangeError(`minIntervalMs must be >= 0, got ${minIntervalMs}`);
  let active = 0;
  // Starts pass through a chain: each waits for the previous start, then for `minIntervalMs` after
  // that start's actual time — so after an event-loop stall queued starts do not bunch up.
  let gate: Promise<void> = Promise.resolve();
  let lastStart = Number.NEGATIVE_INFINITY;
  const spaced = async () => {
    const previous = gate;
    let done = () => {};
    gate = new Promise<void>((resolve) => (done = resolve));
    await previous;
    const wait = lastStart + minIntervalMs - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    lastStart = Date.now();
    done();
  };
  const queue: (() => void)[] = [];
  const release = () => {
    active -= 1;
    const next = queue.shift();
    if (next !== undefined) {
      active += 1;
      next();
    }
  };
  return {
    async run<T>(fn: () => Promise<T>): Promise<T> {
      if (active < limit) active += 1;
      else await new Promise<void>((resolve) => queue.push(resolve));
      try {
        if (minIntervalMs > 0) await spaced();
        return await fn();
      } finally {
        release();
      }
    },
  };
}
