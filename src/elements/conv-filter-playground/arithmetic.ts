/** The arithmetic behind one output pixel, as the playground shows and narrates it. */
import { tapsAt, type ConvPlan, type Activation } from '../../core/conv-plan.js';
import { channelAt, type ChannelImage, type ChannelMode } from '../../core/image-channels.js';
import { formatNumber } from '../../core/pooling-plan.js';

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

export function pixelArithmetic(
  image: ChannelImage,
  mode: ChannelMode,
  kernel: number[][],
  plan: ConvPlan,
  bias: number,
  activation: Activation,
  row: number,
  col: number,
): PixelArithmetic {
  const taps = tapsAt(plan, row, col);
  const names = image.channels === 1 ? ['gray'] : ['R', 'G', 'B'];
  const [kh] = plan.kernelSize;
  const channels = names.map((name, ch) => {
    const rows: Product[][] = Array.from({ length: kh }, () => []);
    let sum = 0;
    for (const t of taps) {
      // A border tap reads the pixel the border mode puts there (sr, sc), or 0 for zeros.
      const x = channelAt(image, t.sr, t.sc, ch);
      const w = kernel[t.kr][t.kc];
      rows[t.kr][t.kc] = { x, w, product: x * w, padding: !t.inside };
      sum += x * w;
    }
    return { name, rows, sum };
  });
  const sums = mode === 'rgb' ? channels.map((c) => c.sum) : [channels.reduce((a, c) => a + c.sum, 0)];
  const results = sums.map((s) => {
    const preActivation = s + bias;
    return { preActivation, value: activation === 'relu' ? Math.max(0, preActivation) : preActivation };
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
    const sum = mode === 'sum' ? a.channels.map((c) => formatNumber(c.sum)).join(' + ') + ' = ' : '';
    const bias = a.bias !== 0 ? ` + bias ${formatNumber(a.bias)} = ${formatNumber(r.preActivation)}` : '';
    const relu = a.activation === 'relu' ? `, ReLU gives ${formatNumber(r.value)}` : '';
    return `${label}${sum}${formatNumber(r.preActivation - a.bias)}${bias}${relu}`;
  });
  return `${where}: sum of products of ${over} is ${parts.join('; ')}.`;
}

function ordinal(n: number): string {
  return n === 2 ? 'nd' : n === 3 ? 'rd' : 'th';
}
