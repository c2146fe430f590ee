import type { CorrelationsResult } from '../risk/crossAsset/computeCorrelations.js';
import { escapeHtml } from './escapeHtml.js';

/** Cell colour of a correlation: white at 0, deepening red towards +1 and blue towards −1. */
function shade(rho: number | null): string {
  if (rho === null) return '#eeeeee';
  const strength = Math.round(Math.min(1, Math.abs(rho)) * 60);
  return rho >= 0 ? `hsl(4 75% ${100 - strength * 0.7}%)` : `hsl(215 70% ${100 - strength * 0.7}%)`;
}

function heatMap(
  assets: readonly string[],
  matrix: readonly (readonly (number | null)[])[],
  caption: string,
): string {
  const head = `<tr><th></th>${assets.map((a) => `<th>${escapeHtml(a)}</th>`).join('')}</tr>`;
  const rows = assets
    .map(
      (a, i) =>
        `<tr><th>${escapeHtml(a)}</th>${matrix[i]!.map((rho) => `<td style="background:${shade(rho)}">${rho === null ? 'n/a' : rho.toFixed(2)}</td>`).join('')}</tr>`,
    )
    .join('');
  return `<table class="heat"><caption>${escapeHtml(caption)}</caption>${head}${rows}</table>`;
}

/**
 * The correlation section of the governance report (docs/cross-asset.md §1): heat maps of the EWMA
 * and stressed correlations, and the pairs whose correlation moved most. Inline styles only.
 */
export function correlationSection(c: CorrelationsResult): string {
  const moved =
    c.moved.length === 0
      ? '<p>Not enough history for a 7-day comparison yet.</p>'
      : `<ul>${c.moved
          .map(
            (p) =>
              `<li>${escapeHtml(p.a)}–${escapeHtml(p.b)}: ${p.before.toFixed(2)} → ${p.now.toFixed(2)} (${p.change >= 0 ? '+' : ''}${p.change.toFixed(2)})</li>`,
          )
          .join('')}</ul>`;
  return `<section id="correlations">
<h2>Correlations</h2>
<p class="meta">As of ${new Date(c.asOf).toISOString()} · EWMA λ ${c.parameters.lambdaCorr} over ${c.returns} synchronous hourly returns · ${escapeHtml(c.modelVersion)} · inputs ${escapeHtml(c.inputsHash.slice(0, 16))}…</p>
<div class="heats">${heatMap(c.assets, c.correlation, 'EWMA correlation now')}${heatMap(c.assets, c.stressed, `Stressed: highest ${c.parameters.stressWindowHours / 24}-day window of the last ${c.parameters.stressLookbackHours / 24} days`)}</div>
<h3>Moved most over ${c.parameters.movedLookbackHours / 24} days</h3>
${moved}
</section>`;
}
