/**
 * What a benchmark row is, and the helpers rows share. Rows live in `*.bench.ts` files
 * (or in benchmarks.ts), which import from here; benchmarks.ts gathers them.
 *
 * Every `run` and `baseline` must do the same work, wait for the device by awaiting
 * `.data()` of its result (never `dataSync`, which stalls WebGPU and is not what the
 * elements do) and dispose every tensor it made, so timings include the real cost of
 * getting numbers back and the leak check in page.ts stays at zero.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendName } from '../src/core/runtime/backend.tf';

export interface Benchmark<Ctx = unknown> {
  /** Shown in the table and matched by `--filter`. */
  name: string;
  /** Backends this row runs on; page.ts skips the others. */
  /** Where the row runs; 'auto' is the page's automatic choice (for the auto ÷ fastest figure). */
  backends: readonly (BackendName | 'auto')[];
  /**
   * Calls of `run` (and of `baseline`) per timed sample, the sample being their mean. For rows
   * whose one call takes about a millisecond: a page that is not cross-origin isolated (as a
   * course page is not) reads the clock in steps of 0.1 ms. Default 1.
   */
  repeat?: number;
  /**
   * Instead of `repeat`: a timed sample is as many consecutive calls of a path as fit in these
   * milliseconds, their mean the sample. For rows whose paths run very different code (a
   * whole element against a bare pass): each path is then timed as a run of its own calls,
   * as it runs in use, not every few calls after the other path, whose code and data have
   * meanwhile pushed its own out of the processor's caches. Alternating samples still share
   * drift between the paths.
   */
  sampleMs?: number;
  /** Builds inputs once, after the page's backend is ready. */
  setup(): Promise<Ctx> | Ctx;
  /**
   * The library's path, timed. It may resolve with the milliseconds of the part the row
   * measures (the training rows report the time of the training steps, as the element's
   * samples/s counts it); otherwise the whole call is timed.
   */
  run(ctx: Ctx): Promise<void | number>;
  /** Bare tfjs doing the same work (or the row's reference), timed alternately with `run`, the same way. */
  baseline(ctx: Ctx): Promise<void | number>;
  /** Disposes what `setup` made (an element's release may take a microtask: return a promise then). */
  teardown(ctx: Ctx): void | Promise<void>;
}

/** Keeps each row's context type checked while the registry holds them all as one type. */
export function defineBenchmark<Ctx>(b: Benchmark<Ctx>): Benchmark {
  return b;
}

/** Untimed warm-up runs per path that page.ts makes before the timed ones (`?warmup=`, default 3). */
export function warmupRuns(): number {
  const n = Number.parseInt(new URLSearchParams(location.search).get('warmup') ?? '', 10);
  return Number.isFinite(n) && n >= 0 ? n : 3;
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Awaits a result's values (the device sync) and disposes it. */
export async function settle(t: tf.Tensor): Promise<void> {
  try {
    await t.data();
  } finally {
    t.dispose();
  }
}

/** A seeded square RGB image of noise, the same on every backend and run (a photo stand-in). */
export function noiseImage(side: number, seed: number): ImageData {
  const data = new Uint8ClampedArray(side * side * 4);
  let s = seed >>> 0;
  for (let i = 0; i < data.length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    data[i] = i % 4 === 3 ? 255 : s >>> 24;
  }
  return new ImageData(data, side, side);
}
