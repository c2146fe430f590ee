import type { RunMonitorResult } from '../positions/monitor/runMonitor.js';

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/**
 * The monitor's line under a cycle (docs/positions.md, "Alerts"): positions near the edge by
 * state, the state changes, and what became of their alerts.
 */
export function formatMonitorResult(result: RunMonitorResult, webhookUrl: string | undefined): string {
  const s = result.states;
  const near = `${plural(result.nearEdge, 'position')} near the edge of ${result.evaluated} with debt (${s['below-alert']} below their alert level, ${s['liquidatable-next']} liquidatable under the next candidate, ${s.liquidatable} liquidatable)`;
  const changes = plural(result.transitions, 'state change');
  const delivery =
    webhookUrl === undefined
      ? 'alerts recorded, not sent (no --alert-webhook)'
      : `${plural(result.delivered, 'alert')} delivered to ${webhookUrl}${result.deadLettered > 0 ? `, ${result.deadLettered} dead-lettered (ballast alerts dead-letters --local)` : ''}`;
  const waiting = result.pending > 0 ? `, ${result.pending} waiting in the outbox for the next run` : '';
  return `alerts: ${near}; ${changes}, ${delivery}${waiting}`;
}
