/** Partitions (`scope`) of the alerts table (shared/store/tables.ts). */
export const ALERT_SCOPES = {
  state: 'state',
  outbox: 'outbox',
  sent: 'sent',
  dead: 'dead',
  health: 'health',
} as const;

/** Sort key of a cycle's health item: the cycle's ms, zero-padded so keys sort by time. */
export function healthKey(cycleTs: number): string {
  return String(cycleTs).padStart(15, '0');
}
