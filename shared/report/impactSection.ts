import type { ReportRoundImpact } from './ReportData.js';
import { escapeHtml } from './escapeHtml.js';

const usd = (value: number): string => `$${value.toLocaleString('en-US', { maximumFractionDigits: 0 })}`;
const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

/**
 * The report's "Impact on positions" section (docs/positions.md): for every round of the window,
 * the positions it pushed from HF ≥ 1 to HF < 1 (count and USD, per asset), the positions below
 * their alert level after it, and the LT changes, with any governance ramp. Inline styles only.
 */
export function impactSection(rounds: readonly ReportRoundImpact[]): string {
  const rows = rounds.map(({ round, createdAt, impact }) => {
    const changes = impact.changes
      .map(
        (c) =>
          `${escapeHtml(c.asset)} ${c.fromBps === null ? 'first' : `${c.fromBps}`} → ${c.toBps} bp${c.ramped ? ` (ramped, ${c.ltRampHours} h, target ${c.targetBps})` : ''}`,
      )
      .join('<br>');
    if (impact.status === 'failed')
      return `<tr><td>${escapeHtml(round)}</td><td>${iso(createdAt)}</td><td>${changes}</td><td colspan="3" class="bad">not computed: ${escapeHtml(impact.error)}</td></tr>`;
    const hit = impact.newlyLiquidatable;
    const byAsset = impact.byAsset
      .map((line) => `${escapeHtml(line.asset)}: ${line.positions}, ${usd(line.debtUsd)}`)
      .join('<br>');
    return `<tr><td>${escapeHtml(round)}</td><td>${iso(createdAt)}</td><td>${changes}</td><td${hit.positions > 0 ? ' class="bad"' : ''}>${hit.positions} of ${impact.evaluated}${hit.positions > 0 ? `<br>${usd(hit.debtUsd)} debt, ${usd(hit.collateralUsd)} collateral` : ''}</td><td>${byAsset || '—'}</td><td>${impact.belowAlert}</td></tr>`;
  });
  return [
    '<section id="impact">',
    '<h2>Impact on positions</h2>',
    '<p class="meta">Computed for each round before it was signed; it never held a round back. Liquidated = HF ≥ 1 under the LTs on-chain before the round, HF &lt; 1 after, at the cycle\'s reference prices (docs/methodology.md §11).</p>',
    rounds.length === 0
      ? '<p class="meta">No round in this window recorded an impact.</p>'
      : `<table><tr><th>round</th><th>sent (UTC)</th><th>LT changes</th><th>newly liquidatable</th><th>per asset (positions, debt)</th><th>below alert level</th></tr>${rows.join('')}</table>`,
    '</section>',
  ].join('\n');
}
