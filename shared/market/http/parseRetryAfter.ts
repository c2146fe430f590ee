/**
 * `Retry-After` header → milliseconds to wait, or undefined when absent or unreadable.
 * Accepts delta-seconds (`"2"`, `"0.5"`) or an HTTP date (relative to `nowMs`).
 */
export function parseRetryAfter(value: unknown, nowMs: number): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(?:\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isFinite(date) ? Math.max(0, date - nowMs) : undefined;
}
