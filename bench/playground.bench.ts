/**
 * <conv-filter-playground> rows: how long a reader waits from editing the kernel to
 * seeing the new feature map, against bare tfjs doing the same convolution.
 */
import * as tf from '@tensorflow/tfjs-core';
import '../src/elements/conv-filter-playground/define';
import type { ConvFilterPlayground } from '../src/elements/conv-filter-playground/conv-filter-playground';
import { defineBenchmark, noiseImage, settle, type Benchmark } from './benchmark';

const SIDE = 512;

interface PlaygroundCtx {
  el: ConvFilterPlayground;
  x: tf.Tensor4D;
  k: tf.Tensor4D;
  edits: number;
}

/** A seeded 512×512 RGB image, the same for every backend. */
const image = (): ImageData => noiseImage(SIDE, 12345);

function nextOutput(el: HTMLElement): Promise<void> {
  return new Promise((resolve) => el.addEventListener('output', () => resolve(), { once: true }));
}

export const playgroundBenchmarks: Benchmark[] = [
  defineBenchmark<PlaygroundCtx>({
    name: 'playground edit → map drawn, 512×512 RGB, 3×3 (vs conv2d + data)',
    backends: ['webgpu', 'webgl', 'wasm', 'cpu', 'auto'],
    async setup() {
      const el = document.createElement('conv-filter-playground') as ConvFilterPlayground;
      // `sum`: one 3×3 filter over the three channels, which is what a bare conv2d with a [3,3,3,1] kernel does.
      el.setAttribute('channels', 'sum');
      el.setAttribute('padding', 'same');
      el.setAttribute('normalize', 'false');
      const img = image();
      el.image = img;
      document.body.append(el);
      await el.ready;
      await el.getOutput();
      const pixels = new Float32Array(SIDE * SIDE * 3);
      for (let i = 0; i < SIDE * SIDE; i++)
        for (let c = 0; c < 3; c++) pixels[3 * i + c] = img.data[4 * i + c];
      return {
        el,
        x: tf.tensor4d(pixels, [1, SIDE, SIDE, 3]),
        k: tf.randomUniform([3, 3, 3, 1], -1, 1, 'float32', 3) as tf.Tensor4D,
        edits: 0,
      };
    },
    async run(ctx) {
      // A new kernel each time, as a reader typing in the grid makes.
      const n = ++ctx.edits;
      const drawn = nextOutput(ctx.el);
      ctx.el.kernel = [
        [0, -1, 0],
        [-1, 4 + (n % 7), -1],
        [0, -1, 0],
      ];
      await drawn;
    },
    baseline: ({ x, k }) => settle(tf.conv2d(x, k, 1, 'same')),
    async teardown(ctx) {
      ctx.el.remove();
      tf.dispose([ctx.x, ctx.k]);
      // The element releases its image tensor a microtask after it leaves the page.
      await new Promise((resolve) => setTimeout(resolve));
    },
  }),
];
