/**
 * Pooling geometry and the step-by-step derivation of a pooled map, in plain
 * arithmetic with no tfjs: the stepper narrates these windows, and the tests check
 * them against the tfjs output (`pooling.ts`).
 *
 * Conventions follow TensorFlow: `valid` keeps only whole windows; `same` pads so
 * that out = ceil(in / stride), with the odd pixel of padding at the bottom/right,
 * and a partial window pools only the cells inside the map (padding never wins a
 * max and never dilutes an average).
 */

import { axisGeometry, type Padding } from './window-geometry.js';

export type { Padding };
export type PoolMode = 'max' | 'avg' | 'min';

export interface PoolOptions {
  mode: PoolMode;
  /** Window height and width. */
  size: [number, number];
  /** Step between windows, rows and columns. */
  stride: [number, number];
  padding: Padding;
}

export interface PoolPlan extends PoolOptions {
  inShape: [number, number];
  outShape: [number, number];
  /** Padding added above and to the left (the rest goes below and to the right). */
  padBefore: [number, number];
  /** Total padding per axis. */
  padTotal: [number, number];
  /** Number of windows, one per output cell, row-major. */
  steps: number;
}

export interface PoolWindow {
  /** Step index, row-major over the output. */
  index: number;
  /** Output cell written by this window. */
  row: number;
  col: number;
  /** First input row/column of the window, before clipping (may be negative with `same`). */
  top: number;
  left: number;
  /** The in-bounds rows and columns of the window (inclusive start, exclusive end). */
  rows: [number, number];
  cols: [number, number];
  /** The in-bounds values of the window. */
  window: number[][];
  /** The pooled value. */
  result: number;
  /** For max/min: the input cell holding the result (the first one in reading order on ties). */
  chosen?: [number, number];
}

/** Plans a pooling of an `inShape` map; throws with a reader-facing message when it cannot work. */
export function planPooling(inShape: [number, number], options: PoolOptions): PoolPlan {
  const [h, w] = inShape;
  const [kh, kw] = options.size;
  const [sh, sw] = options.stride;
  if (options.padding === 'valid' && (kh > h || kw > w)) {
    const oh = Math.max(0, Math.floor((h - kh) / sh) + 1);
    const ow = Math.max(0, Math.floor((w - kw) / sw) + 1);
    throw new Error(
      `A ${kh}×${kw} pool does not fit a ${h}×${w} map with padding "valid": the output would be ${oh}×${ow}. ` +
        `Use a pool of at most ${Math.min(kh, h)}×${Math.min(kw, w)}, or padding="same".`,
    );
  }
  const rows = axisGeometry(h, kh, sh, options.padding);
  const cols = axisGeometry(w, kw, sw, options.padding);
  const outShape: [number, number] = [rows.out, cols.out];
  const padTotal: [number, number] = [rows.padTotal, cols.padTotal];
  const padBefore: [number, number] = [rows.padBefore, cols.padBefore];
  return { ...options, inShape, outShape, padTotal, padBefore, steps: outShape[0] * outShape[1] };
}

/** The window of step `index` over `values`, with its pooled result. */
export function windowAt(values: number[][], plan: PoolPlan, index: number): PoolWindow {
  const [, outW] = plan.outShape;
  const row = Math.floor(index / outW);
  const col = index % outW;
  const top = row * plan.stride[0] - plan.padBefore[0];
  const left = col * plan.stride[1] - plan.padBefore[1];
  const rows: [number, number] = [Math.max(top, 0), Math.min(top + plan.size[0], plan.inShape[0])];
  const cols: [number, number] = [Math.max(left, 0), Math.min(left + plan.size[1], plan.inShape[1])];
  const window: number[][] = [];
  let best: [number, number] | undefined;
  let sum = 0;
  for (let r = rows[0]; r < rows[1]; r++) {
    const line: number[] = [];
    for (let c = cols[0]; c < cols[1]; c++) {
      const v = values[r][c];
      line.push(v);
      sum += v;
      if (
        !best ||
        (plan.mode === 'max' && v > values[best[0]][best[1]]) ||
        (plan.mode === 'min' && v < values[best[0]][best[1]])
      ) {
        best = [r, c];
      }
    }
    window.push(line);
  }
  const count = (rows[1] - rows[0]) * (cols[1] - cols[0]);
  const result = plan.mode === 'avg' ? sum / count : values[best![0]][best![1]];
  const chosen = plan.mode === 'avg' ? undefined : best;
  return { index, row, col, top, left, rows, cols, window, result, chosen };
}

/** The whole pooled map derived window by window, row-major. */
export function poolByWindows(values: number[][], plan: PoolPlan): Float32Array {
  const out = new Float32Array(plan.steps);
  for (let i = 0; i < plan.steps; i++) out[i] = windowAt(values, plan, i).result;
  return out;
}

/** The arithmetic of one window in words: `max(3, 1, 0, 7) = 7`, `avg(1, 2, 3, 5) = 2.75`. */
export function describeWindow(
  w: PoolWindow,
  mode: PoolMode,
  format: (v: number) => string = formatNumber,
): string {
  return `${mode}(${w.window.flat().map(format).join(', ')}) = ${format(w.result)}`;
}

/** Numbers as a reader wants them: integers plain, others with up to `digits` decimals. */
export function formatNumber(v: number, digits = 3): string {
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toFixed(digits)));
}
