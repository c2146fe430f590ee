import { escapeHtml } from './escapeHtml.js';

export interface ChartPoint {
  /** ms UTC */
  readonly t: number;
  /** What the engine proposed this cycle (candidate), bp. */
  readonly candidate: number;
  /** What was on-chain after this cycle, bp; null before the first publication. */
  readonly onChain: number | null;
}

export interface LineChartSvgParams {
  /** Element id, unique in the page (the report test looks charts up by it). */
  readonly id: string;
  readonly title: string;
  readonly points: readonly ChartPoint[];
  /** Publications of this asset: time, round, published value (bp). */
  readonly publications: readonly { readonly t: number; readonly round: string; readonly value: number }[];
  /** Time ranges shaded as degraded data and as frozen borrowing. */
  readonly degraded: readonly { readonly from: number; readonly to: number }[];
  readonly frozen: readonly { readonly from: number; readonly to: number }[];
  /** Shared x range so an asset's charts line up. */
  readonly tMin: number;
  readonly tMax: number;
  /** @default 640 */
  readonly width?: number;
  /** @default 220 */
  readonly height?: number;
}

const MARGIN = { left: 56, right: 12, top: 26, bottom: 30 } as const;

/** Round tick steps: 1, 2 or 5 × 10^k covering `span` in about `count` steps. */
function niceStep(span: number, count: number): number {
  const raw = span / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const normalised = raw / magnitude;
  return (normalised <= 1 ? 1 : normalised <= 2 ? 2 : normalised <= 5 ? 5 : 10) * magnitude;
}

const fmtTime = (t: number, span: number): string => {
  const iso = new Date(t).toISOString();
  return span > 3 * 86_400_000 ? iso.slice(0, 10) : `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
};

/**
 * A self-contained SVG line chart of one parameter over time: the candidate as a dashed line,
 * the on-chain value as a step line, each publication as a marker (hover shows round and value),
 * degraded periods shaded red and frozen periods shaded blue. No script, no external resource.
 */
export function lineChartSvg({
  id,
  title,
  points,
  publications,
  degraded,
  frozen,
  tMin,
  tMax,
  width = 640,
  height = 220,
}: LineChartSvgParams): string {
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const values = points.flatMap((p) => (p.onChain === null ? [p.candidate] : [p.candidate, p.onChain]));
  let lo = values.length === 0 ? 0 : Math.min(...values);
  let hi = values.length === 0 ? 1 : Math.max(...values);
  if (hi - lo < 10) {
    lo -= 5;
    hi += 5;
  }
  const step = niceStep(hi - lo, 4);
  lo = Math.floor(lo / step) * step;
  hi = Math.ceil(hi / step) * step;
  const span = Math.max(1, tMax - tMin);
  const x = (t: number): number => MARGIN.left + ((t - tMin) / span) * plotW;
  const y = (v: number): number => MARGIN.top + (1 - (v - lo) / (hi - lo)) * plotH;
  const r = (n: number): string => n.toFixed(1);
  const out: string[] = [];
  out.push(
    `<svg id="${escapeHtml(id)}" class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${escapeHtml(id)}-title">`,
  );
  out.push(`<title id="${escapeHtml(id)}-title">${escapeHtml(title)}</title>`);
  out.push(`<text x="${MARGIN.left}" y="16" class="chart-title">${escapeHtml(title)}</text>`);
  for (const [bands, cls, label] of [
    [degraded, 'band-degraded', 'degraded data'],
    [frozen, 'band-frozen', 'borrowing frozen'],
  ] as const) {
    for (const band of bands) {
      const x0 = x(Math.max(tMin, band.from));
      const x1 = Math.max(x0 + 2, x(Math.min(tMax, band.to)));
      out.push(
        `<rect class="${cls}" x="${r(x0)}" y="${MARGIN.top}" width="${r(x1 - x0)}" height="${plotH}"><title>${label}: ${new Date(band.from).toISOString()} – ${new Date(band.to).toISOString()}</title></rect>`,
      );
    }
  }
  for (let v = lo; v <= hi + step / 2; v += step) {
    out.push(
      `<line class="grid" x1="${MARGIN.left}" x2="${width - MARGIN.right}" y1="${r(y(v))}" y2="${r(y(v))}"/>`,
    );
    out.push(
      `<text class="tick" x="${MARGIN.left - 6}" y="${r(y(v) + 4)}" text-anchor="end">${Number(v.toPrecision(6))}</text>`,
    );
  }
  for (let i = 0; i <= 4; i++) {
    const t = tMin + (span * i) / 4;
    out.push(
      `<text class="tick" x="${r(x(t))}" y="${height - 10}" text-anchor="${i === 0 ? 'start' : i === 4 ? 'end' : 'middle'}">${fmtTime(t, span)}</text>`,
    );
  }
  out.push(`<rect class="frame" x="${MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}"/>`);
  if (points.length > 0) {
    out.push(
      `<polyline class="line-candidate" points="${points.map((p) => `${r(x(p.t))},${r(y(p.candidate))}`).join(' ')}"/>`,
    );
    // On-chain is a step function: it holds its value until the next publication.
    let d = '';
    let last: number | null = null;
    for (const p of points) {
      if (p.onChain === null) continue;
      d += last === null ? `M${r(x(p.t))},${r(y(p.onChain))}` : `H${r(x(p.t))}V${r(y(p.onChain))}`;
      last = p.onChain;
    }
    const end = points[points.length - 1];
    if (last !== null && end !== undefined) d += `H${r(x(end.t))}`;
    if (d !== '') out.push(`<path class="line-onchain" d="${d}"/>`);
  }
  for (const pub of publications) {
    out.push(
      `<circle class="publication" cx="${r(x(pub.t))}" cy="${r(y(pub.value))}" r="3.5"><title>round ${escapeHtml(pub.round)}: ${pub.value} bp at ${new Date(pub.t).toISOString()}</title></circle>`,
    );
  }
  out.push('</svg>');
  return out.join('');
}
