/**
 * Convolution geometry and the arithmetic of one output pixel, in plain numbers with no
 * tfjs: the playground explains each pixel with these, and the tests check them against
 * the tfjs output (`conv.ts`). `valid` and `same` follow TensorFlow (see window-geometry.ts);
 * `reflect` and `replicate` follow cv2.filter2D (see border.ts).
 */
import { borderIndex, isImageBorder, type ConvPadding } from './border.js';
import { axisGeometry, type AxisGeometry } from './window-geometry.js';
import { ELEMENTWISE } from './layer-loops.js';

export type Activation = 'none' | 'relu' | 'sigmoid' | 'tanh';
export const ACTIVATIONS: readonly Activation[] = ['none', 'relu', 'sigmoid', 'tanh'];

/** The activation applied to one number, as tfjs applies it to the map. */
export function activate(x: number, activation: Activation): number {
  return activation === 'none' ? x : ELEMENTWISE[activation](x);
}

/** A Keras activation name as the playground's (`linear` is `none`); undefined for one it does not offer. */
export function fromKerasActivation(name: string): Activation | undefined {
  if (name === 'linear') return 'none';
  return (ACTIVATIONS as readonly string[]).includes(name) && name !== 'none'
    ? (name as Activation)
    : undefined;
}

export interface ConvOptions {
  /** Kernel height and width. */
  kernelSize: [number, number];
  stride: number;
  dilation: number;
  padding: ConvPadding;
}

export interface ConvPlan extends ConvOptions {
  inShape: [number, number];
  outShape: [number, number];
  /** Input cells a dilated kernel covers: D·(K−1)+1 per axis. */
  span: [number, number];
  padBefore: [number, number];
  padTotal: [number, number];
}

/** Plans a convolution of an `inShape` image; throws with a reader-facing message when it cannot work. */
export function planConv(inShape: [number, number], options: ConvOptions): ConvPlan {
  const [h, w] = inShape;
  const [kh, kw] = options.kernelSize;
  const { stride, dilation, padding } = options;
  const span: [number, number] = [dilation * (kh - 1) + 1, dilation * (kw - 1) + 1];
  if (padding === 'valid' && (span[0] > h || span[1] > w)) {
    const dilated = dilation > 1 ? ` (with dilation ${dilation} it spans ${span[0]}×${span[1]} pixels)` : '';
    throw new Error(
      `The ${kh}×${kw} kernel${dilated} is larger than the image (${w} wide, ${h} high), so padding "valid" leaves no output. ` +
        'Use a smaller kernel or dilation, a larger image, or padding="same".',
    );
  }
  const rows = convAxis(h, span[0], stride, padding);
  const cols = convAxis(w, span[1], stride, padding);
  return {
    ...options,
    inShape,
    outShape: [rows.out, cols.out],
    span,
    padBefore: [rows.padBefore, cols.padBefore],
    padTotal: [rows.padTotal, cols.padTotal],
  };
}

/**
 * One axis. The image borders pad span − 1 cells, floor(span / 2) of them before (the
 * anchor of filter2D), so at stride 1 the output is the input's size; a stride keeps
 * every stride-th of those positions: out = floor((n − 1) / s) + 1 = ceil(n / s).
 */
function convAxis(n: number, span: number, stride: number, padding: ConvPadding): AxisGeometry {
  if (!isImageBorder(padding)) return axisGeometry(n, span, stride, padding);
  const padTotal = span - 1;
  return { out: Math.floor((n - 1) / stride) + 1, padBefore: Math.floor(span / 2), padTotal };
}

/** The output-size formula of one axis with the plan's numbers, e.g. `floor((512 + 2 − 1·(3−1) − 1) / 1) + 1 = 512`. */
export function sizeFormula(plan: ConvPlan, axis: 0 | 1): string {
  const n = plan.inShape[axis];
  const k = plan.kernelSize[axis];
  const border = isImageBorder(plan.padding)
    ? ` (${plan.padding === 'reflect' ? 'mirrored' : 'repeated'} border)`
    : '';
  return `floor((${n} + ${plan.padTotal[axis]}${border} − ${plan.dilation}·(${k}−1) − 1) / ${plan.stride}) + 1 = ${plan.outShape[axis]}`;
}

/** One kernel tap of one output pixel: where it reads, and whether that is inside the image or padding. */
export interface Tap {
  /** Kernel row and column. */
  kr: number;
  kc: number;
  /** Input row and column (may be outside the image: padding). */
  r: number;
  c: number;
  inside: boolean;
  /** The image row and column the tap reads: itself inside, the mirrored or repeated pixel in a reflect/replicate border, −1 in a zero border. */
  sr: number;
  sc: number;
}

/** The kernel taps of output pixel (row, col), row-major over the kernel. */
export function tapsAt(plan: ConvPlan, row: number, col: number): Tap[] {
  const [kh, kw] = plan.kernelSize;
  const [h, w] = plan.inShape;
  const top = row * plan.stride - plan.padBefore[0];
  const left = col * plan.stride - plan.padBefore[1];
  const taps: Tap[] = [];
  for (let kr = 0; kr < kh; kr++) {
    for (let kc = 0; kc < kw; kc++) {
      const r = top + kr * plan.dilation;
      const c = left + kc * plan.dilation;
      const inside = r >= 0 && r < h && c >= 0 && c < w;
      const border = isImageBorder(plan.padding) ? plan.padding : undefined;
      const [sr, sc] = inside
        ? [r, c]
        : border
          ? [borderIndex(r, h, border), borderIndex(c, w, border)]
          : [-1, -1];
      taps.push({ kr, kc, r, c, inside, sr, sc });
    }
  }
  return taps;
}

/** The kernel divided by its sum when that sum is not zero (how the course normalises a kernel). */
export function normalizeKernel(kernel: number[][]): number[][] {
  const sum = kernel.flat().reduce((a, b) => a + b, 0);
  return Math.abs(sum) < 1e-12 ? kernel : kernel.map((row) => row.map((v) => v / sum));
}
