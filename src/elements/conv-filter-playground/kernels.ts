/** The playground's kernel presets and the parsing of the `kernel` attribute. */
import { parseMatrix } from '../../core/math/matrix.js';

const ones = (n: number) => Array.from({ length: n }, () => Array<number>(n).fill(1));

/** Named kernels, written with whole numbers; `normalize` divides the blurs by their sums. */
export const PRESETS = {
  identity: [
    [0, 0, 0],
    [0, 1, 0],
    [0, 0, 0],
  ],
  // The course's edge detector: a Laplacian, zero sum, so flat regions go to 0.
  edge: [
    [0, -1, 0],
    [-1, 4, -1],
    [0, -1, 0],
  ],
  'sobel-x': [
    [-1, 0, 1],
    [-2, 0, 2],
    [-1, 0, 1],
  ],
  'sobel-y': [
    [-1, -2, -1],
    [0, 0, 0],
    [1, 2, 1],
  ],
  sharpen: [
    [0, -1, 0],
    [-1, 5, -1],
    [0, -1, 0],
  ],
  'box-blur': ones(3),
  // The course's "stretch goal": a 5×5 low-pass kernel of ones, divided by its sum.
  'box-blur-5': ones(5),
  gaussian: [
    [1, 2, 1],
    [2, 4, 2],
    [1, 2, 1],
  ],
  emboss: [
    [-2, -1, 0],
    [-1, 1, 1],
    [0, 1, 2],
  ],
  outline: [
    [-1, -1, -1],
    [-1, 8, -1],
    [-1, -1, -1],
  ],
} satisfies Record<string, number[][]>;

export type PresetName = keyof typeof PRESETS;
export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];
export const MAX_KERNEL_SIDE = 7;

/** A copy of a preset (callers may edit it). */
export function presetKernel(name: PresetName): number[][] {
  return PRESETS[name].map((row) => [...row]);
}

/** The preset a matrix equals, if any. */
export function presetOf(kernel: readonly (readonly number[])[]): PresetName | undefined {
  const text = JSON.stringify(kernel);
  return PRESET_NAMES.find((name) => JSON.stringify(PRESETS[name]) === text);
}

/** A preset name or a JSON matrix (text or array) into a kernel of 1×1 to 7×7 numbers. */
export function parseKernel(input: unknown): number[][] {
  if (typeof input === 'string') {
    const text = input.trim();
    // Own keys only: `"__proto__" in PRESETS` is true.
    if (Object.hasOwn(PRESETS, text)) return presetKernel(text as PresetName);
    if (!text.startsWith('[')) {
      throw new Error(
        `kernel "${text}" is not a preset (${PRESET_NAMES.join(', ')}) nor a JSON matrix such as [[0,-1,0],[-1,4,-1],[0,-1,0]].`,
      );
    }
  }
  const kernel = parseMatrix(input, 'kernel');
  const [h, w] = [kernel.length, kernel[0].length];
  if (h > MAX_KERNEL_SIDE || w > MAX_KERNEL_SIDE) {
    throw new Error(
      `The kernel is ${h}×${w}: the playground takes kernels from 1×1 to ${MAX_KERNEL_SIDE}×${MAX_KERNEL_SIDE}.`,
    );
  }
  return kernel;
}

/** A kernel resized to rows×cols, keeping the overlapping numbers and filling new cells with 0. */
export function resizeKernel(kernel: readonly (readonly number[])[], rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => kernel[r]?.[c] ?? 0));
}
