import { renderSvgChart } from './chart/renderSvgChart.js';

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

/**
 * One parameter of the governance report over time, drawn by the report's chart engine: the
 * candidate as a dashed line, the on-chain value as a step line, each publication as a marker
 * (hover shows round and value), degraded periods shaded red and frozen periods shaded blue.
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
  const onChain = points.flatMap((p) => (p.onChain === null ? [] : [[p.t, p.onChain] as const]));
  const last = onChain[onChain.length - 1];
  const end = points[points.length - 1];
  // On-chain is a step function: it holds its value until the next publication, and to the end.
  if (last !== undefined && end !== undefined && end.t > last[0]) onChain.push([end.t, last[1]]);
  const iso = (t: number): string => new Date(t).toISOString();
  return renderSvgChart({
    id,
    title,
    width,
    height,
    xMin: tMin,
    xMax: Math.max(tMin + 1, tMax),
    series: [
      { label: 'candidate', className: 'line-candidate', points: points.map((p) => [p.t, p.candidate]) },
      { label: 'on-chain', className: 'line-onchain', style: 'step', points: onChain },
    ],
    bands: [
      ...degraded.map((b) => ({
        ...b,
        className: 'band-degraded',
        label: `degraded data: ${iso(b.from)} – ${iso(b.to)}`,
      })),
      ...frozen.map((b) => ({
        ...b,
        className: 'band-frozen',
        label: `borrowing frozen: ${iso(b.from)} – ${iso(b.to)}`,
      })),
    ],
    markers: publications.map((pub) => ({
      x: pub.t,
      y: pub.value,
      className: 'publication',
      title: `round ${pub.round}: ${pub.value} bp at ${iso(pub.t)}`,
    })),
  });
}
