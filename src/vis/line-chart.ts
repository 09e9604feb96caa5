/**
 * A small d3 line chart for training curves: several series over one x axis (batches
 * or epochs), redrawn whole on each call. The trainer calls it at most a few times a
 * second, so a full redraw costs less than diffing would.
 */
import { axisBottom, axisLeft } from 'd3-axis';
import { scaleLinear } from 'd3-scale';
import { select } from 'd3-selection';
import { line } from 'd3-shape';

export interface ChartSeries {
  /** Legend text. */
  name: string;
  /** [x, y] points in order of x. */
  points: readonly (readonly [number, number])[];
  /** A CSS colour, custom properties allowed. */
  color: string;
  dashed?: boolean;
  /** Draw a dot at each point (for per-epoch series with few points). */
  dots?: boolean;
  /** Dots only, no line between them. */
  noLine?: boolean;
}

export interface ChartOptions {
  width: number;
  height: number;
  xLabel: string;
  /** Fixed y range (accuracy: [0, 1]); otherwise from the data, starting at 0. */
  yDomain?: [number, number];
  /** The y range while no series has a finite point (default [0, 1]): readable ticks on an empty chart. */
  emptyYDomain?: [number, number];
  /** Smallest x range, so that the first points do not fill the whole width. */
  xMax?: number;
}

const MARGIN = { top: 8, right: 10, bottom: 30, left: 40 };

/** Draws (or redraws) the chart into an `<svg>`. */
export function drawLineChart(
  svgElement: SVGSVGElement,
  series: readonly ChartSeries[],
  options: ChartOptions,
): void {
  const { width, height } = options;
  const svg = select(svgElement).attr('viewBox', `0 0 ${width} ${height}`);
  svg.selectAll('*').remove();
  const all = series.flatMap((s) => s.points);
  const xMax = Math.max(options.xMax ?? 1, ...all.map((p) => p[0]));
  const ys = all.map((p) => p[1]).filter(Number.isFinite);
  // A flat zero curve still gets a small range; no data at all gets the empty domain.
  const fromData: [number, number] = ys.length
    ? [0, Math.max(1e-6, ...ys)]
    : (options.emptyYDomain ?? [0, 1]);
  const x = scaleLinear()
    .domain([0, xMax])
    .range([MARGIN.left, width - MARGIN.right]);
  const y = scaleLinear()
    .domain(options.yDomain ?? fromData)
    .nice()
    .range([height - MARGIN.bottom, MARGIN.top]);
  svg
    .append('g')
    .attr('class', 'axis')
    .attr('transform', `translate(0,${height - MARGIN.bottom})`)
    .call(axisBottom(x).ticks(Math.max(2, Math.floor(width / 80))));
  svg
    .append('g')
    .attr('class', 'axis')
    .attr('transform', `translate(${MARGIN.left},0)`)
    .call(axisLeft(y).ticks(4));
  svg
    .append('text')
    .attr('class', 'axis-label')
    .attr('x', width - MARGIN.right)
    .attr('y', height - 2)
    .attr('text-anchor', 'end')
    .text(options.xLabel);
  const path = line<readonly [number, number]>()
    .defined((p) => Number.isFinite(p[1]))
    .x((p) => x(p[0]))
    .y((p) => y(p[1]));
  for (const s of series) {
    if (!s.noLine)
      svg
        .append('path')
        .attr('fill', 'none')
        .attr('stroke', s.color)
        .attr('stroke-width', 1.75)
        .attr('stroke-dasharray', s.dashed ? '5 3' : null)
        .attr('d', path(s.points) ?? '');
    if (s.dots) {
      svg
        .append('g')
        .selectAll('circle')
        .data(s.points.filter((p) => Number.isFinite(p[1])))
        .join('circle')
        .attr('r', 2.5)
        .attr('fill', s.color)
        .attr('cx', (p) => x(p[0]))
        .attr('cy', (p) => y(p[1]));
    }
  }
}

/** Exponential moving average, the way training dashboards smooth per-batch curves. */
export function smooth(values: readonly number[], weight = 0.9): number[] {
  const out: number[] = [];
  let last = values[0] ?? 0;
  for (const v of values) {
    last = last * weight + v * (1 - weight);
    out.push(last);
  }
  return out;
}
