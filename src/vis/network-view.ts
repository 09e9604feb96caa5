/**
 * Drawing for `<filter-grid view="network">`, in plain numbers and canvases (no tfjs):
 * what kind of column each layer is, its compact bars, and the lines between columns
 * that hint which maps feed which.
 */
import { imageFor, put, wordsOf } from './bitmap.js';

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

/** The height of a vector's bars canvas, in pixels (its CSS height, so bars are crisp on a plain screen). */
export const BARS_HEIGHT = 36;

/**
 * The size of the canvas `paintBars` paints `length` values into: one pixel column per bar
 * where there are many, four (a bar of three and a gap) where there are few.
 */
export function barsSize(length: number, bins = 160): { width: number; height: number } {
  const count = barCount(length, bins);
  return { width: count * barUnit(count), height: BARS_HEIGHT };
}

/**
 * A vector as compact bars on a canvas (`barsSize` big): at most `bins` bars, each the
 * largest magnitude of its share of the values, upwards for positive values, downwards
 * for negative, in `color` (a packed pixel, see `packedColor`) on a transparent ground.
 * Pixels, not an SVG path: a network view repaints its vectors on every stroke, and
 * writing, parsing and drawing a path of 160 bars cost more than the rest of the vector.
 */
export function paintBars(
  canvas: HTMLCanvasElement,
  values: ArrayLike<number>,
  color: number,
  bins = 160,
): void {
  const n = values.length;
  const count = barCount(n, bins);
  const bars = barsOf(values, count);
  let peak = 0;
  let hasNegative = false;
  for (let b = 0; b < count; b++) {
    peak = Math.max(peak, Math.abs(bars[b]));
    if (bars[b] < 0) hasNegative = true;
  }
  const zero = hasNegative ? BARS_HEIGHT / 2 : BARS_HEIGHT;
  const scale = peak > 0 ? zero / peak : 0;
  const unit = barUnit(count);
  const width = count * unit;
  const image = imageFor(canvas, width, BARS_HEIGHT);
  const pixels = wordsOf(image);
  pixels.fill(0);
  // Wide bars keep a gap between them; narrow ones touch.
  const thick = unit === 1 ? 1 : unit - 1;
  for (let b = 0; b < count; b++) {
    const h = Math.round(bars[b] * scale);
    const top = h > 0 ? zero - h : zero;
    const bottom = h > 0 ? zero : zero - h;
    for (let y = top; y < bottom; y++)
      for (let x = 0; x < thick; x++) pixels[y * width + b * unit + x] = color;
  }
  put(canvas, image);
}

/** Each bar's value: the value of largest magnitude of its share of `values` (in an array kept for the next call). */
let barScratch = new Float32Array(0);

function barsOf(values: ArrayLike<number>, count: number): Float32Array {
  const n = values.length;
  if (barScratch.length < count) barScratch = new Float32Array(count);
  const bars = barScratch;
  for (let b = 0; b < count; b++) {
    const start = Math.floor((b * n) / count);
    const end = Math.max(start + 1, Math.floor(((b + 1) * n) / count));
    let v = 0;
    for (let i = start; i < end; i++) if (Math.abs(values[i]) > Math.abs(v)) v = values[i];
    bars[b] = v;
  }
  return bars;
}

function barCount(length: number, bins: number): number {
  return Math.max(1, Math.min(length, bins));
}

function barUnit(count: number): number {
  return count <= 40 ? 4 : 1;
}

/** The index of the largest value. */
export function argMax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}
