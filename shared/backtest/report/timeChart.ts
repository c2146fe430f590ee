import { escapeHtml } from './escapeHtml.js';

export interface ChartLine {
  readonly label: string;
  readonly color: string;
  /** `[x, y]` points in data units, x ascending. */
  readonly points: ReadonlyArray<readonly [number, number]>;
  readonly dash?: string;
  readonly width?: number;
}

export interface ChartBand {
  readonly from: number;
  readonly to: number;
  readonly label: string;
}

export interface ChartMarker {
  readonly x: number;
  readonly y: number;
  readonly color: string;
}

export interface TimeChartParams {
  /** Stable id (the screenshot test looks for it). */
  readonly id: string;
  readonly title: string;
  readonly yLabel: string;
  readonly lines: readonly ChartLine[];
  readonly bands?: readonly ChartBand[];
  readonly markers?: readonly ChartMarker[];
  readonly markerLabel?: string;
  /** Log-scale y axis (prices). */
  readonly logY?: boolean;
  /** Format a y tick. */
  readonly yFormat: (y: number) => string;
  /** x is ms UTC (time axis, ticks on 1 January) unless `xFormat` is given (plain numeric axis). */
  readonly xFormat?: (x: number) => string;
  /** Draw points instead of lines (scatter). */
  readonly scatter?: boolean;
  readonly width?: number;
  readonly height?: number;
}

const PAD = { left: 64, right: 16, top: 34, bottom: 52 };

/**
 * A self-contained inline SVG chart (no script, no external resource): lines or scatter points,
 * shaded bands (stress episodes), markers (breaches) and a legend. Numbers are rounded to 0.1 px so
 * the page stays small.
 */
export function timeChart(params: TimeChartParams): string {
  const {
    id,
    title,
    yLabel,
    lines,
    bands = [],
    markers = [],
    logY = false,
    yFormat,
    xFormat,
    scatter = false,
    width = 960,
    height = 300,
  } = params;
  const xs = lines.flatMap((l) => l.points.map((p) => p[0])).concat(markers.map((m) => m.x));
  const ys = lines
    .flatMap((l) => l.points.map((p) => p[1]))
    .concat(markers.map((m) => m.y))
    .filter((y) => Number.isFinite(y) && (!logY || y > 0));
  if (xs.length === 0 || ys.length === 0)
    return `<figure id="${id}"><figcaption>${escapeHtml(title)}: no data</figcaption></figure>`;
  const xMin = Math.min(...xs);
  const xMax = Math.max(...xs);
  let yMin = Math.min(...ys);
  let yMax = Math.max(...ys);
  if (yMin === yMax) {
    yMin -= 1;
    yMax += 1;
  }
  const ty = (y: number): number => (logY ? Math.log(y) : y);
  const [tyMin, tyMax] = [ty(yMin), ty(yMax)];
  const plotW = width - PAD.left - PAD.right;
  // Room for a second legend row when the legend is long.
  const legendChars =
    lines.reduce((n, l) => n + l.label.length + 5, 0) +
    (markers.length > 0 ? 20 : 0) +
    (bands.length > 0 ? 20 : 0);
  const extraRows = Math.max(0, Math.ceil((legendChars * 6.2) / (width - PAD.left - PAD.right)) - 1);
  const plotH = height - PAD.top - PAD.bottom - extraRows * 15;
  const px = (x: number): number => PAD.left + ((x - xMin) / (xMax - xMin || 1)) * plotW;
  const py = (y: number): number => PAD.top + plotH - ((ty(y) - tyMin) / (tyMax - tyMin || 1)) * plotH;
  const r = (v: number): string => v.toFixed(1);
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="${id}-title" data-chart="${id}">`,
  );
  parts.push(`<title id="${id}-title">${escapeHtml(title)}</title>`);
  parts.push(`<text x="${PAD.left}" y="20" class="chart-title">${escapeHtml(title)}</text>`);
  for (const band of bands) {
    const x0 = px(Math.max(band.from, xMin));
    const x1 = px(Math.min(band.to, xMax));
    if (x1 <= x0) continue;
    parts.push(
      `<rect x="${r(x0)}" y="${PAD.top}" width="${r(x1 - x0)}" height="${plotH}" fill="#f5a623" opacity="0.18"><title>${escapeHtml(band.label)}</title></rect>`,
    );
  }
  // y ticks
  for (let i = 0; i <= 4; i++) {
    const t = tyMin + ((tyMax - tyMin) * i) / 4;
    const y = logY ? Math.exp(t) : t;
    const yy = py(y);
    parts.push(
      `<line x1="${PAD.left}" x2="${width - PAD.right}" y1="${r(yy)}" y2="${r(yy)}" stroke="#e3e3e3"/>`,
    );
    parts.push(
      `<text x="${PAD.left - 6}" y="${r(yy + 4)}" text-anchor="end" class="tick">${escapeHtml(yFormat(y))}</text>`,
    );
  }
  // x ticks
  if (xFormat === undefined) {
    const firstYear = new Date(xMin).getUTCFullYear() + 1;
    const lastYear = new Date(xMax).getUTCFullYear();
    for (let year = firstYear; year <= lastYear; year++) {
      const x = px(Date.UTC(year, 0, 1));
      parts.push(
        `<line x1="${r(x)}" x2="${r(x)}" y1="${PAD.top}" y2="${PAD.top + plotH}" stroke="#eeeeee"/>`,
      );
      parts.push(
        `<text x="${r(x)}" y="${PAD.top + plotH + 16}" text-anchor="middle" class="tick">${year}</text>`,
      );
    }
  } else {
    for (let i = 0; i <= 5; i++) {
      const x = xMin + ((xMax - xMin) * i) / 5;
      parts.push(
        `<text x="${r(px(x))}" y="${PAD.top + plotH + 16}" text-anchor="middle" class="tick">${escapeHtml(xFormat(x))}</text>`,
      );
    }
  }
  parts.push(
    `<rect x="${PAD.left}" y="${PAD.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#999"/>`,
  );
  parts.push(
    `<text transform="translate(14 ${PAD.top + plotH / 2}) rotate(-90)" text-anchor="middle" class="tick">${escapeHtml(yLabel)}</text>`,
  );
  for (const line of lines) {
    const pts = line.points.filter((p) => Number.isFinite(p[1]) && (!logY || p[1] > 0));
    if (pts.length === 0) continue;
    if (scatter) {
      parts.push(
        `<g fill="${line.color}" opacity="0.55" data-series="${escapeHtml(line.label)}">${pts.map((p) => `<circle cx="${r(px(p[0]))}" cy="${r(py(p[1]))}" r="1.6"/>`).join('')}</g>`,
      );
    } else {
      const d = pts.map((p, i) => `${i === 0 ? 'M' : 'L'}${r(px(p[0]))} ${r(py(p[1]))}`).join('');
      parts.push(
        `<path d="${d}" fill="none" stroke="${line.color}" stroke-width="${line.width ?? 1.3}"${line.dash === undefined ? '' : ` stroke-dasharray="${line.dash}"`} data-series="${escapeHtml(line.label)}"/>`,
      );
    }
  }
  for (const m of markers)
    parts.push(
      `<circle cx="${r(px(m.x))}" cy="${r(py(m.y))}" r="3.5" fill="none" stroke="${m.color}" stroke-width="1.6" class="marker"/>`,
    );
  // legend, wrapped onto as many rows as needed below the plot
  const legend = [
    ...lines.map((l) => ({ label: l.label, color: l.color, dash: l.dash })),
    ...(markers.length > 0
      ? [{ label: params.markerLabel ?? 'marker', color: markers[0]!.color, dash: undefined }]
      : []),
    ...(bands.length > 0 ? [{ label: 'stress episode', color: '#f5a623', dash: undefined }] : []),
  ];
  let lx = PAD.left;
  let ly = PAD.top + plotH + 34;
  for (const item of legend) {
    const w = 30 + item.label.length * 6.2;
    if (lx + w > width - PAD.right && lx > PAD.left) {
      lx = PAD.left;
      ly += 15;
    }
    parts.push(
      `<line x1="${lx}" x2="${lx + 18}" y1="${ly - 4}" y2="${ly - 4}" stroke="${item.color}" stroke-width="3"${item.dash === undefined ? '' : ` stroke-dasharray="${item.dash}"`}/>`,
    );
    parts.push(`<text x="${lx + 22}" y="${ly}" class="legend">${escapeHtml(item.label)}</text>`);
    lx += w;
  }
  parts.push('</svg>');
  return `<figure id="${id}">${parts.join('')}</figure>`;
}
