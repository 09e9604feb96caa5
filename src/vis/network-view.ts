/**
 * Drawing for `<filter-grid view="network">`, in plain numbers and canvases (no tfjs):
 * what kind of column each layer is, its compact bars, and the lines between columns
 * that hint which maps feed which.
 */

/** How a layer's output is drawn: activation maps, a vector of bars, or the labelled output. */
export type ColumnKind = 'maps' | 'vector' | 'output';

export function columnKind(shape: readonly number[], last: boolean): ColumnKind {
  if (shape.length === 3) return 'maps';
  return last ? 'output' : 'vector';
}

/** How a layer reads the one before it, which decides the lines drawn into it. */
export type Wiring = 'all' | 'same-index' | 'flatten';

const POOLS_AND_MAPWISE =
  /Pooling|Dropout|Activation|BatchNormalization|ReLU|Softmax|ZeroPadding|Cropping|UpSampling/;

/** Conv and dense layers read every map or unit before them; pooling and the like each map on its own. */
export function wiringOf(className: string, inputKind: ColumnKind, outputKind: ColumnKind): Wiring {
  if (inputKind === 'maps' && outputKind !== 'maps') return 'flatten';
  if (outputKind === 'maps' && POOLS_AND_MAPWISE.test(className)) return 'same-index';
  if (outputKind !== 'maps' && /Dropout|Activation/.test(className)) return 'same-index';
  return 'all';
}

/** A line in a connector's unit box: from (0, y1) on the previous column to (1, y2) on this one. */
export interface Link {
  y1: number;
  y2: number;
  /** Feeds the focused map. */
  strong: boolean;
}

/**
 * The links between a column of `from` shown items and one of `to` shown items, each
 * item at the middle of its share of the column's length. `focus` is the index of the
 * focused item of the `to` column, if it has one.
 */
export function links(wiring: Wiring, from: number, to: number, focus?: number): Link[] {
  const at = (i: number, n: number) => (i + 0.5) / n;
  const out: Link[] = [];
  if (wiring === 'same-index') {
    for (let i = 0; i < Math.min(from, to); i++)
      out.push({ y1: at(i, from), y2: at(i, to), strong: i === focus });
    return out;
  }
  // A vector is one item: every map (or unit group) goes into it.
  const targets = wiring === 'flatten' ? 1 : to;
  for (let j = 0; j < targets; j++) {
    for (let i = 0; i < from; i++)
      out.push({
        y1: at(i, from),
        y2: at(j, targets),
        strong: j === focus || (wiring === 'flatten' && focus !== undefined),
      });
  }
  return out;
}

/** One SVG path string for the links, in a `width`×`height` box; `across` is true when the columns stand side by side. */
export function linkPath(list: readonly Link[], width: number, height: number, across: boolean): string {
  return list
    .map((l) =>
      across
        ? `M0 ${l.y1 * height}L${width} ${l.y2 * height}`
        : `M${l.y1 * width} 0L${l.y2 * width} ${height}`,
    )
    .join('');
}

/** The view box of `barsPath`: bars are BAR_UNITS wide, heights in BARS_HEIGHT units. */
export const BAR_UNITS = 4;
export const BARS_HEIGHT = 72;

/**
 * A vector as compact bars, as one SVG path in a box `bars × BAR_UNITS` wide and
 * BARS_HEIGHT high (see `barsViewBox`): at most `bins` bars, each the largest magnitude of
 * its share of the values, upwards for positive values, downwards for negative. Whole
 * numbers only, so the path is quick to write and to parse on every refresh; the page's
 * CSS colours it (no canvas to paint, no computed style to read back).
 */
export function barsPath(values: ArrayLike<number>, bins = 160): string {
  const n = values.length;
  const count = barCount(n, bins);
  let peak = 0;
  let hasNegative = false;
  const bars = new Float32Array(count);
  for (let b = 0; b < count; b++) {
    const start = Math.floor((b * n) / count);
    const end = Math.max(start + 1, Math.floor(((b + 1) * n) / count));
    let v = 0;
    for (let i = start; i < end; i++) if (Math.abs(values[i]) > Math.abs(v)) v = values[i];
    bars[b] = v;
    peak = Math.max(peak, Math.abs(v));
    if (v < 0) hasNegative = true;
  }
  const zero = hasNegative ? BARS_HEIGHT / 2 : BARS_HEIGHT;
  const scale = peak > 0 ? zero / peak : 0;
  // Wide bars (few values) keep a gap between them; narrow ones touch.
  const width = count <= 40 ? BAR_UNITS - 1 : BAR_UNITS;
  let d = '';
  for (let b = 0; b < count; b++) {
    const h = Math.round(bars[b] * scale);
    if (h === 0) continue;
    d += `M${b * BAR_UNITS} ${h > 0 ? zero - h : zero}h${width}v${Math.abs(h)}h-${width}z`;
  }
  return d;
}

/** The `viewBox` for `barsPath` of `length` values. */
export function barsViewBox(length: number, bins = 160): string {
  return `0 0 ${barCount(length, bins) * BAR_UNITS} ${BARS_HEIGHT}`;
}

function barCount(length: number, bins: number): number {
  return Math.max(1, Math.min(length, bins));
}

/** The index of the largest value. */
export function argMax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}
