/**
 * Where a sliding window (a pooling window or a convolution kernel) lands along one axis,
 * with TensorFlow's conventions: `valid` keeps only windows that fit; `same` pads so that
 * out = ceil(in / stride), the odd pixel of padding going below/right.
 */
export type Padding = 'valid' | 'same';
export const PADDINGS: readonly Padding[] = ['valid', 'same'];

export interface AxisGeometry {
  /** Number of window positions (output length); ≤ 0 when a `valid` window does not fit. */
  out: number;
  /** Padding added before the first input cell (above or to the left). */
  padBefore: number;
  /** Padding added in all (before plus after). */
  padTotal: number;
}

/**
 * One axis of a window spanning `span` input cells (for a dilated kernel, D·(K−1)+1)
 * moved by `stride` over `input` cells.
 */
export function axisGeometry(input: number, span: number, stride: number, padding: Padding): AxisGeometry {
  if (padding === 'valid') return { out: Math.floor((input - span) / stride) + 1, padBefore: 0, padTotal: 0 };
  const out = Math.ceil(input / stride);
  const padTotal = Math.max((out - 1) * stride + span - input, 0);
  return { out, padBefore: Math.floor(padTotal / 2), padTotal };
}

export function parsePadding(input: unknown): Padding {
  if ((PADDINGS as readonly unknown[]).includes(input)) return input as Padding;
  throw new Error(`padding "${String(input)}" is unknown: use valid or same.`);
}
