/**
 * What the suites that check the wasm backend's training against the cpu backend share:
 * the error measure, and hooks that start the page on wasm and check that the tensor count
 * is back where it started once the suite is done.
 */
import { expect } from '@open-wc/testing';
import * as tf from '@tensorflow/tfjs-core';
import { ensureBackend } from '../../../src/core/runtime/backend.tf.js';

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
