/**
 * Turns any picture of one handwritten digit into a 28×28 image made the way MNIST's were,
 * so a model trained on MNIST sees what it was trained on:
 *
 * 1. grayscale, inverted when the background is light, so the digit is white on black;
 * 2. the background level removed and the ink stretched to 0..1;
 * 3. cropped to the ink's bounding box;
 * 4. scaled (area-averaged, keeping the aspect ratio) so the longer side is 20 pixels, unless
 *    the picture is already 28×28;
 * 5. pasted into a 28×28 black square so that its centre of mass is at pixel (14, 14).
 *
 * Plain arithmetic on arrays: no tfjs, no DOM.
 */

/** RGBA pixels, as an `ImageData` or the image reader's result. */
export interface RgbaPixels {
  data: Uint8ClampedArray | Uint8Array;
  width: number;
  height: number;
}

export interface DigitImage {
  /** 784 values in 0..1, row-major, white digit on black. */
  pixels: Float32Array;
  /** True when no ink was found (the result is all zeros). */
  empty: boolean;
  /** Whether the input was inverted (dark ink on a light background). */
  inverted: boolean;
  /** The ink's bounding box in the input, in pixels. */
  box?: { left: number; top: number; width: number; height: number };
}

export const DIGIT_SIDE = 28;
/** MNIST fits each digit in a 20×20 box inside the 28×28 image. */
export const DIGIT_BOX = 20;
/** A pixel counts as ink above this fraction of the brightest ink. */
const INK_THRESHOLD = 0.1;

/** Luma (ITU-R 601) of each pixel in 0..1; transparent pixels count as black. */
export function grayscale(image: RgbaPixels): Float32Array {
  return grayscaleInto(image, new Float32Array(image.width * image.height));
}

function grayscaleInto({ data }: RgbaPixels, out: Float32Array): Float32Array {
  for (let i = 0; i < out.length; i++) {
    const o = i * 4;
    out[i] = ((0.299 * data[o] + 0.587 * data[o + 1] + 0.114 * data[o + 2]) / 255) * (data[o + 3] / 255);
  }
  return out;
}

/** Mean of the outermost ring of pixels: the background's level. */
function borderMean(gray: Float32Array, w: number, h: number): number {
  let sum = 0;
  let n = 0;
  for (let x = 0; x < w; x++) {
    sum += gray[x] + (h > 1 ? gray[(h - 1) * w + x] : 0);
    n += h > 1 ? 2 : 1;
  }
  for (let y = 1; y < h - 1; y++) {
    sum += gray[y * w] + (w > 1 ? gray[y * w + w - 1] : 0);
    n += w > 1 ? 2 : 1;
  }
  return sum / n;
}

/**
 * Area-averaging resize of a one-channel image: each output pixel is the mean of the input
 * area it covers (fractional pixels weighted by coverage), so thin strokes fade instead of
 * vanishing when shrunk. Separable: rows first, then columns.
 */
export function resampleArea(
  src: Float32Array,
  sw: number,
  sh: number,
  dw: number,
  dh: number,
): Float32Array {
  return resampleRegion(src, sw, { left: 0, top: 0, width: sw, height: sh }, dw, dh);
}

/**
 * `resampleArea` of the `box` of a `stride`-wide image, read in place (no cropped copy), into
 * `out` (zeroed here). The taps of a column of the output (the input pixels it covers,
 * weighted by the covered fraction) are worked out once and used on every row; a row of
 * the output takes its rows' taps as it goes.
 */
function resampleRegion(
  src: Float32Array,
  stride: number,
  box: { left: number; top: number; width: number; height: number },
  dw: number,
  dh: number,
  out: Float32Array = new Float32Array(dw * dh),
): Float32Array {
  const { left, top, width: sw, height: sh } = box;
  const sx = sw / dw;
  const sy = sh / dh;
  const rows = scratchOf('rows', dw * sh);
  // Column x reads input columns tapFrom[x] .. tapFrom[x + 1] - 1 of the box, weighted by tapWeight.
  const tapFrom = new Int32Array(dw + 1);
  const { column: tapColumn, weight: tapWeight } = tapsOf(dw * (Math.ceil(sx) + 2));
  let taps = 0;
  for (let x = 0; x < dw; x++) {
    tapFrom[x] = taps;
    const a = x * sx;
    const b = (x + 1) * sx;
    for (let i = Math.floor(a); i < Math.min(sw, Math.ceil(b)); i++) {
      const cover = Math.min(b, i + 1) - Math.max(a, i);
      if (cover <= 1e-9) continue;
      tapColumn[taps] = i;
      tapWeight[taps++] = cover / (b - a);
    }
  }
  tapFrom[dw] = taps;
  for (let y = 0; y < sh; y++) {
    const row = (top + y) * stride + left;
    for (let x = 0; x < dw; x++) {
      let v = 0;
      for (let t = tapFrom[x]; t < tapFrom[x + 1]; t++) v += src[row + tapColumn[t]] * tapWeight[t];
      rows[y * dw + x] = v;
    }
  }
  out.fill(0, 0, dw * dh);
  for (let y = 0; y < dh; y++) {
    const a = y * sy;
    const b = (y + 1) * sy;
    for (let i = Math.floor(a); i < Math.min(sh, Math.ceil(b)); i++) {
      const cover = Math.min(b, i + 1) - Math.max(a, i);
      if (cover <= 1e-9) continue;
      const w = cover / (b - a);
      for (let x = 0; x < dw; x++) out[y * dw + x] += rows[i * dw + x] * w;
    }
  }
  return out;
}

/**
 * Working arrays kept between calls, for pictures up to SCRATCH_PIXELS: a fresh 300 KB gray
 * copy per pad stroke costs more than the arithmetic on it (the memory is mapped and zeroed
 * anew, then collected), and so, on some machines, does every fresh page of the smaller
 * ones. Calls are synchronous, so one set serves all.
 */
const scratch: Record<'gray' | 'rows' | 'small', Float32Array<ArrayBuffer>> = {
  gray: new Float32Array(0),
  rows: new Float32Array(0),
  small: new Float32Array(0),
};
/** A resampling's column taps: input column and weight (in double precision, as computed). */
let tapScratch = { column: new Int32Array(0), weight: new Float64Array(0) };

function tapsOf(n: number): typeof tapScratch {
  if (tapScratch.column.length < n) tapScratch = { column: new Int32Array(n), weight: new Float64Array(n) };
  return tapScratch;
}
const SCRATCH_PIXELS = 512 * 512;

function scratchOf(name: keyof typeof scratch, n: number): Float32Array {
  if (scratch[name].length < n) scratch[name] = new Float32Array(Math.max(n, 2 * scratch[name].length));
  return scratch[name];
}

function workingGray(image: RgbaPixels): Float32Array {
  const n = image.width * image.height;
  if (n > SCRATCH_PIXELS) return grayscale(image);
  return grayscaleInto(image, scratchOf('gray', n).subarray(0, n));
}

/** Prepares one picture of a digit the way MNIST digits were prepared (see the module comment). */
export function preprocessDigit(image: RgbaPixels): DigitImage {
  const { width: w, height: h } = image;
  const gray = workingGray(image);
  const background = borderMean(gray, w, h);
  const inverted = background > 0.5;
  let peak = 0;
  for (let i = 0; i < gray.length; i++) {
    const ink = Math.max(0, (inverted ? 1 - gray[i] : gray[i]) - (inverted ? 1 - background : background));
    gray[i] = ink;
    if (ink > peak) peak = ink;
  }
  const pixels = new Float32Array(DIGIT_SIDE * DIGIT_SIDE);
  if (peak < 0.05) return { pixels, empty: true, inverted };

  let left = w;
  let top = h;
  let right = -1;
  let bottom = -1;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = (gray[y * w + x] /= peak);
      if (v > INK_THRESHOLD) {
        if (x < left) left = x;
        if (x > right) right = x;
        if (y < top) top = y;
        if (y > bottom) bottom = y;
      }
    }
  }
  const bw = right - left + 1;
  const bh = bottom - top + 1;
  const box = { left, top, width: bw, height: bh };

  // A 28×28 picture is taken to be sized like MNIST already (a digit from the data set, say):
  // it is only re-centred. Scaling it again would blur it and shift its anti-aliased edges.
  const sized = w === DIGIT_SIDE && h === DIGIT_SIDE;
  const scale = sized ? 1 : DIGIT_BOX / Math.max(bw, bh);
  const dw = sized ? bw : Math.max(1, Math.round(bw * scale));
  const dh = sized ? bh : Math.max(1, Math.round(bh * scale));
  const small = sized
    ? crop(gray, w, box)
    : resampleRegion(gray, w, box, dw, dh, scratchOf('small', dw * dh));

  // Centre of mass in pixel-index coordinates. MNIST puts it at index 14 on both axes (the mean
  // over 2,000 of the shipped digits is 14.0), not at the geometric centre 13.5: follow MNIST.
  let mass = 0;
  let mx = 0;
  let my = 0;
  for (let y = 0; y < dh; y++) {
    for (let x = 0; x < dw; x++) {
      const v = small[y * dw + x];
      mass += v;
      mx += v * x;
      my += v * y;
    }
  }
  const centre = DIGIT_SIDE / 2;
  const ox = Math.round(centre - mx / mass);
  const oy = Math.round(centre - my / mass);
  for (let y = 0; y < dh; y++) {
    const ty = y + oy;
    if (ty < 0 || ty >= DIGIT_SIDE) continue;
    for (let x = 0; x < dw; x++) {
      const tx = x + ox;
      if (tx >= 0 && tx < DIGIT_SIDE) pixels[ty * DIGIT_SIDE + tx] = Math.min(1, small[y * dw + x]);
    }
  }
  return { pixels, empty: false, inverted, box };
}

function crop(
  src: Float32Array,
  stride: number,
  { left, top, width, height }: { left: number; top: number; width: number; height: number },
): Float32Array {
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++)
    out.set(src.subarray((top + y) * stride + left, (top + y) * stride + left + width), y * width);
  return out;
}
