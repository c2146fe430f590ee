/** ms UTC as ISO-8601, or null for an absent time (JSON bodies carry null, never undefined). */
export function toIso(ms: number | undefined | null): string | null {
  return ms === undefined || ms === null ? null : new Date(ms).toISOString();
}
