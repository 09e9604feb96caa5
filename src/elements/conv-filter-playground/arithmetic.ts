/** The arithmetic behind one output pixel, as the playground shows and narrates it. */
import { activate, tapsAt, type ConvPlan, type Activation } from '../../core/math/conv-plan.js';
import type { ChannelMode } from '../../core/images/image-channels.js';
import { formatNumber } from '../../core/math/pooling-plan.js';

export interface Product {
  /** Input value (0 for padding), kernel weight, and their product. */
  x: number;
  w: number;
  product: number;
  padding: boolean;
}

export interface ChannelSum {
  /** "gray", "R", "G" or "B". */
  name: string;
  /** Kernel-shaped rows of products. */
  rows: Product[][];
  sum: number;
}

export interface PixelArithmetic {
  row: number;
  col: number;
  channels: ChannelSum[];
  /** One result per output channel: 1 for gray/sum, 3 for rgb. */
  results: { preActivation: number; value: number }[];
  bias: number;
  activation: Activation;
  /** The input rectangle the kernel spans (clipped to the image), for the narration. */
  field: { top: number; left: number; bottom: number; right: number };
  /** The same rectangle not clipped: it reaches into the padding at the borders, for the outline on the padded input. */
  window: { top: number; left: number; bottom: number; right: number };
}

/** An image or a layer's maps, row-major HWC: 1 (gray), 3 (R, G, B) or any number of map channels. */
export interface GridImage {
  values: Float32Array;
  height: number;
  width: number;
  channels: number;
  /** True for a layer's maps (channels are named "map 0", "map 1", …). */
  maps?: boolean;
}

/**
 * `channelKernels`: one kernel per channel (a learned filter); otherwise `kernel` on every
 * channel.
 */
export function pixelArithmetic(
  image: GridImage,
  mode: ChannelMode,
  kernel: number[][],
  plan: ConvPlan,
  bias: number,
  activation: Activation,
  row: number,
  col: number,
  channelKernels?: number[][][],
): PixelArithmetic {
  const taps = tapsAt(plan, row, col);
  const names = image.maps
    ? Array.from({ length: image.channels }, (_, i) => `map ${i}`)
    : image.channels === 1
      ? ['gray']
      : ['R', 'G', 'B'];
  const [kh] = plan.kernelSize;
  const channels = names.map((name, ch) => {
    const rows: Product[][] = Array.from({ length: kh }, () => []);
    let sum = 0;
    for (const t of taps) {
      // A border tap reads the pixel the border mode puts there (sr, sc), or 0 for zeros.
      const x = t.sr < 0 ? 0 : image.values[(t.sr * image.width + t.sc) * image.channels + ch];
      const w = (channelKernels?.[ch] ?? kernel)[t.kr][t.kc];
      rows[t.kr][t.kc] = { x, w, product: x * w, padding: !t.inside };
      sum += x * w;
    }
    return { name, rows, sum };
  });
  const sums = mode === 'rgb' ? channels.map((c) => c.sum) : [channels.reduce((a, c) => a + c.sum, 0)];
  const results = sums.map((s) => {
    const preActivation = s + bias;
    return { preActivation, value: activate(preActivation, activation) };
  });
  const first = taps[0];
  const last = taps[taps.length - 1];
  const field = {
    top: Math.max(0, first.r),
    left: Math.max(0, first.c),
    bottom: Math.min(image.height, last.r + 1),
    right: Math.min(image.width, last.c + 1),
  };
  const window = { top: first.r, left: first.c, bottom: last.r + 1, right: last.c + 1 };
  return { row, col, channels, results, bias, activation, field, window };
}

/** One sentence for screen readers and the caption. */
export function narrate(a: PixelArithmetic, plan: ConvPlan, mode: ChannelMode): string {
  const [kh, kw] = plan.kernelSize;
  const where = `Output row ${a.row + 1}, column ${a.col + 1}`;
  const over =
    `the ${kh}×${kw} kernel over input rows ${a.field.top + 1}–${a.field.bottom}, columns ${a.field.left + 1}–${a.field.right}` +
    (plan.dilation > 1 ? ` (every ${plan.dilation}${ordinal(plan.dilation)} pixel)` : '');
  const parts = a.results.map((r, i) => {
    const label = mode === 'rgb' ? `${a.channels[i].name}: ` : '';
    const sum =
      mode !== 'sum'
        ? ''
        : a.channels.length > 4
          ? `the ${a.channels.length} channel sums add to `
          : a.channels.map((c) => formatNumber(c.sum)).join(' + ') + ' = ';
    const bias = a.bias !== 0 ? ` + bias ${formatNumber(a.bias)} = ${formatNumber(r.preActivation)}` : '';
    const relu =
      a.activation !== 'none' ? `, ${ACTIVATION_NAMES[a.activation]} gives ${formatNumber(r.value)}` : '';
    return `${label}${sum}${formatNumber(r.preActivation - a.bias)}${bias}${relu}`;
  });
  return `${where}: sum of products of ${over} is ${parts.join('; ')}.`;
}

const ACTIVATION_NAMES: Record<Activation, string> = {
  none: '',
  relu: 'ReLU',
  sigmoid: 'the sigmoid',
  tanh: 'tanh',
};

function ordinal(n: number): string {
  return n === 2 ? 'nd' : n === 3 ? 'rd' : 'th';
}
