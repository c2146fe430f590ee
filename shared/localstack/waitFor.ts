import { LocalProcessStartError } from './errors.js';

export interface WaitForParams {
  /** What is awaited, for the error message (e.g. "anvil JSON-RPC on 127.0.0.1:8545"). */
  readonly what: string;
  /** Resolves true when ready; a throw counts as not ready yet. */
  readonly probe: () => Promise<boolean>;
  /** @default 30000 */
  readonly timeoutMs?: number;
  /** @default 50 */
  readonly intervalMs?: number;
  /** Optional early failure check (e.g. the child process exited); return a reason to stop waiting. */
  readonly failed?: () => string | undefined;
}

/** Polls `probe` until it resolves true, or fails with a message naming what never became ready. */
export async function waitFor({
  what,
  probe,
  timeoutMs = 30_000,
  intervalMs = 50,
  failed,
}: WaitForParams): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    const reason = failed?.();
    if (reason !== undefined) throw new LocalProcessStartError(`${what} did not start: ${reason}`);
    try {
      if (await probe()) return;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const detail = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new LocalProcessStartError(`${what} was not ready after ${timeoutMs} ms${detail}`, {
        cause: lastError,
        fix: "the machine may be overloaded: try again, or see the part's log (`npx ballast stack logs`)",
      });
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
