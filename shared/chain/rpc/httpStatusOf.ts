/**
 * The HTTP status an ethers error reports for its request (`info.responseStatus`, e.g.
 * `"401 Unauthorized"`), or undefined when the endpoint answered HTTP 2xx or never answered. When
 * ethers gives up retrying a 429 it reports `599 CLIENT ESCALATED SERVER ERROR (429 …)`: the inner
 * status is returned.
 */
export function httpStatusOf(error: unknown): number | undefined {
  const status = (error as { info?: { responseStatus?: unknown } } | null)?.info?.responseStatus;
  if (typeof status !== 'string') return undefined;
  const inner = /\((\d{3}) /.exec(status) ?? /^(\d{3})\b/.exec(status);
  return inner === null ? undefined : Number(inner[1]);
}
