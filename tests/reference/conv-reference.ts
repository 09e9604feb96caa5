/**
 * A convolution written as plain loops, independent of src/: the tests compare the
 * library's tfjs output and its per-pixel arithmetic against this.
 */
export interface RefImage {
  /** Row-major HWC. */
  values: Float32Array;
  height: number;
  width: number;
  channels: number;
}

export interface RefOptions {
  stride: number;
  dilation: number;
  padding: 'valid' | 'same';
  /** `gray`/`sum`: one output map summing all input channels; `rgb`: one map per input channel. */
  perChannel: boolean;
  bias?: number;
  relu?: boolean;
}

/** TensorFlow's `same`: out = ceil(n / s), padding total max((out−1)·s + span − n, 0), less of it before. */
function axis(n: number, k: number, s: number, d: number, padding: 'valid' | 'same') {
  const span = d * (k - 1) + 1;
  if (padding === 'valid') return { out: Math.floor((n - span) / s) + 1, before: 0 };
  const out = Math.ceil(n / s);
  const total = Math.max((out - 1) * s + span - n, 0);
  return { out, before: Math.floor(total / 2) };
}

export function referenceConv(
  img: RefImage,
  kernel: number[][],
  o: RefOptions,
): { values: Float32Array; shape: [number, number, number] } {
  const kh = kernel.length;
  const kw = kernel[0].length;
  const rows = axis(img.height, kh, o.stride, o.dilation, o.padding);
  const cols = axis(img.width, kw, o.stride, o.dilation, o.padding);
  const outC = o.perChannel ? img.channels : 1;
  const values = new Float32Array(rows.out * cols.out * outC);
  for (let y = 0; y < rows.out; y++) {
    for (let x = 0; x < cols.out; x++) {
      for (let oc = 0; oc < outC; oc++) {
        let sum = 0;
        for (let i = 0; i < kh; i++) {
          for (let j = 0; j < kw; j++) {
            const r = y * o.stride - rows.before + i * o.dilation;
            const c = x * o.stride - cols.before + j * o.dilation;
            if (r < 0 || c < 0 || r >= img.height || c >= img.width) continue;
            for (let ic = 0; ic < img.channels; ic++) {
              if (o.perChannel && ic !== oc) continue;
              sum += kernel[i][j] * img.values[(r * img.width + c) * img.channels + ic];
            }
          }
        }
        sum += o.bias ?? 0;
        values[(y * cols.out + x) * outC + oc] = o.relu ? Math.max(0, sum) : sum;
      }
    }
  }
  return { values, shape: [rows.out, cols.out, outC] };
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** Seeded pseudo-random RGBA pixels (xorshift), so every run sees the same image. */
export function randomPixels(
  width: number,
  height: number,
  seed: number,
): { data: Uint8ClampedArray; width: number; height: number; sourceWidth: number; sourceHeight: number } {
  let s = seed >>> 0 || 1;
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < data.length; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    data[i] = i % 4 === 3 ? 255 : (s >>> 0) % 256;
  }
  return { data, width, height, sourceWidth: width, sourceHeight: height };
}
