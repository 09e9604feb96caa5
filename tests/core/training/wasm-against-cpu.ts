/**
 * What the suites that check the wasm backend's training against the cpu backend share:
 * the error measure, and hooks that start the page on wasm and check that the tensor count
 * is back where it started once the suite is done.
 */
import { expect } from '@open-wc/testing';
import * as tf from '@tensorflow/tfjs-core';
import { ensureBackend } from '../../../src/core/runtime/backend.tf.js';

type Shape4 = [number, number, number, number];

/** The inputs × filter sizes the gradient suites walk (each filter fits its input, 4 outputs). */
export function convShapes(): Array<{ x: Shape4; filter: Shape4 }> {
  const inputs: Shape4[] = [
    [1, 5, 5, 1],
    [2, 9, 7, 3],
    [3, 12, 12, 4],
  ];
  const sizes = [
    [1, 1],
    [3, 3],
    [2, 3],
    [5, 5],
  ];
  return inputs.flatMap((x) =>
    sizes
      .filter(([fh, fw]) => fh <= x[1] && fw <= x[2])
      .map(([fh, fw]) => ({ x, filter: [fh, fw, x[3], 4] as Shape4 })),
  );
}

/** ‖a − b‖∞ / ‖b‖∞, the relative error the issues bound by 1e-4. */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).to.equal(b.length);
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return diff / Math.max(scale, 1e-12);
}

/**
 * Registers the suite's hooks: the page on wasm before, and no tensor left over after.
 * `rebase()` takes the count as it is now as the one to come back to (after tensors that
 * tfjs itself leaves behind).
 */
export function onWasmWithoutLeaks(): { rebase(): void } {
  let baseline: number;
  before(async () => {
    expect((await ensureBackend('wasm')).name).to.equal('wasm');
    baseline = tf.memory().numTensors;
  });
  after(async () => {
    await tf.setBackend('wasm');
    expect(tf.memory().numTensors).to.equal(baseline);
  });
  return { rebase: () => void (baseline = tf.memory().numTensors) };
}
