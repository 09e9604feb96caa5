/**
 * The benchmark registry: one row per benchmark. To add one, append a
 * `defineBenchmark({...})` to `benchmarks` below; page.ts and run.mjs need no change.
 *
 * Every `run` and `baseline` must do the same work, wait for the device by awaiting
 * `.data()` of its result (never `dataSync`, which stalls WebGPU and is not what the
 * elements do) and dispose every tensor it made, so timings include the real cost of
 * getting numbers back and the leak check in page.ts stays at zero.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendName } from '../src/core/backend';

export interface Benchmark<Ctx = unknown> {
  /** Shown in the table and matched by `--filter`. */
  name: string;
  /** Backends this row runs on; page.ts skips the others. */
  backends: readonly BackendName[];
  /** Builds inputs once, after the page's backend is ready. */
  setup(): Promise<Ctx> | Ctx;
  /** The library's path, timed. */
  run(ctx: Ctx): Promise<void>;
  /** Bare tfjs doing the same work, timed alternately with `run`. */
  baseline(ctx: Ctx): Promise<void>;
  /** Disposes what `setup` made. */
  teardown(ctx: Ctx): void;
}

/** Keeps each row's context type checked while the registry holds them all as one type. */
function defineBenchmark<Ctx>(b: Benchmark<Ctx>): Benchmark {
  return b as unknown as Benchmark;
}

/** Awaits a result's values (the device sync) and disposes it. */
async function settle(t: tf.Tensor): Promise<void> {
  try {
    await t.data();
  } finally {
    t.dispose();
  }
}

/**
 * The library's conv2d path. Until src/core has its own conv function this is the
 * tfjs op on the backend ensureBackend chose; swapping it in is a one-line change here.
 */
const libraryConv2d = (x: tf.Tensor4D, k: tf.Tensor4D): tf.Tensor4D => tf.conv2d(x, k, 1, 'same');

interface Conv2dCtx {
  x: tf.Tensor4D;
  k: tf.Tensor4D;
}

export const benchmarks: Benchmark[] = [
  defineBenchmark<Conv2dCtx>({
    name: 'conv2d 3×3 on 512×512×3',
    backends: ['webgpu', 'webgl', 'cpu'],
    setup: () => ({
      // Seeded so every backend and every run sees the same numbers.
      x: tf.randomUniform([1, 512, 512, 3], 0, 1, 'float32', 1) as tf.Tensor4D,
      k: tf.randomUniform([3, 3, 3, 1], -1, 1, 'float32', 2) as tf.Tensor4D,
    }),
    run: ({ x, k }) => settle(libraryConv2d(x, k)),
    baseline: ({ x, k }) => settle(tf.conv2d(x, k, 1, 'same')),
    teardown: ({ x, k }) => tf.dispose([x, k]),
  }),
];
