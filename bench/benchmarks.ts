/**
 * The benchmark registry: one row per benchmark. To add rows, write them in a
 * `bench/<topic>.bench.ts` that imports `defineBenchmark` and `settle` from
 * `./benchmark`, and spread its array into `benchmarks` below; page.ts and run.mjs
 * need no change.
 */
import * as tf from '@tensorflow/tfjs-core';
import { convolve } from '../src/core/math/conv.tf';
import { planConv } from '../src/core/math/conv-plan';
import { defineBenchmark, settle, type Benchmark } from './benchmark';
import { filterGridBenchmarks } from './filter-grid.bench';
import { networkViewBenchmarks } from './network-view.bench';
import { playgroundBenchmarks } from './playground.bench';
import { classifierBenchmarks } from './classifier.bench';
import { trainerBenchmarks } from './trainer.bench';
import { transferBenchmarks } from './transfer.bench';

interface Conv2dCtx {
  x: tf.Tensor3D;
  x4: tf.Tensor4D;
  k: tf.Tensor4D;
  kernel: number[][];
}

const PLAN = planConv([512, 512], { kernelSize: [3, 3], stride: 1, dilation: 1, padding: 'same' });

export const benchmarks: Benchmark[] = [
  defineBenchmark<Conv2dCtx>({
    name: 'conv2d 3×3 on 512×512×3',
    backends: ['webgpu', 'webgl', 'wasm', 'cpu', 'auto'],
    setup: () => {
      // Seeded so every backend and every run sees the same numbers.
      const x = tf.randomUniform([512, 512, 3], 0, 255, 'float32', 1) as tf.Tensor3D;
      const kernel = [
        [0, -1, 0],
        [-1, 4, -1],
        [0, -1, 0],
      ];
      // The bare path gets the same kernel on all three input channels, as the library's `sum` mode builds it.
      const k = tf.tidy(
        () => tf.tile(tf.reshape(tf.tensor2d(kernel), [3, 3, 1, 1]), [1, 1, 3, 1]) as tf.Tensor4D,
      );
      return { x, x4: tf.expandDims(x, 0) as tf.Tensor4D, k, kernel };
    },
    // The library's path: src/core/math/conv.tf.ts, as <conv-filter-playground> calls it.
    run: ({ x, kernel }) =>
      settle(convolve(x, { kernel, channels: 'sum', bias: 0, activation: 'none' }, PLAN)),
    baseline: ({ x4, k }) => settle(tf.conv2d(x4, k, 1, 'same')),
    teardown: ({ x, x4, k }) => tf.dispose([x, x4, k]),
  }),
  ...playgroundBenchmarks,
  ...filterGridBenchmarks,
  ...networkViewBenchmarks,
  ...classifierBenchmarks,
  ...trainerBenchmarks,
  ...transferBenchmarks,
];
