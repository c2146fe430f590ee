/** A counting semaphore: `run(fn)` waits until fewer than `limit` calls are in flight. */
export interface Limiter {
  run<T>(fn: () => Promise<T>): Promise<T>;
}

/** FIFO concurrency limiter (no dependencies; the venues' public limits are per IP, so per process is right). */
export function createLimiter(limit: number): Limiter {
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`concurrency must be an integer >= 1, got ${limit}`);
  let active = 0;
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
        return await fn();
      } finally {
        release();
      }
    },
  };
}
