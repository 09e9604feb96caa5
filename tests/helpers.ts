import { expect } from '@open-wc/testing';
import * as tf from '@tensorflow/tfjs-core';

import { maxAbsDiff } from './reference/conv-reference.js';
import { until } from './until.js';

export { until };

/** Waits until an element has finished its current computation (state back to `ready`). */
export function idle(el: HTMLElement): Promise<void> {
  return until(() => el.getAttribute('state') === 'ready', `<${el.localName}> to be ready and idle`);
}

/**
 * Waits for the tensor count to come back to `baseline`: work still in flight when an
 * element is removed disposes its tensors when it lands. A real leak never comes back.
 */
export async function expectTensorsBackTo(baseline: number): Promise<void> {
  try {
    await until(() => tf.memory().numTensors === baseline, 'the tensor count to return', 10000);
  } catch {
    throw new Error(
      `Leak: ${tf.memory().numTensors} tensors alive, ${baseline} before the element was added.`,
    );
  }
}

/** The tensor count once it holds still: a previous test's element frees its model when its last work lands. */
export async function settledTensorCount(): Promise<number> {
  let count = -1;
  while (count !== tf.memory().numTensors) {
    count = tf.memory().numTensors;
    await new Promise((r) => setTimeout(r, 100));
  }
  return count;
}

/**
 * The largest difference between two arrays that must be the same length (asserted, so that
 * "they differ" can never pass on a length mismatch).
 */
export function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).to.equal(b.length);
  return maxAbsDiff(a, b);
}

/** The items (maps, bar strips, output list) of a `<filter-grid view="network">`, of one layer or all. */
export function networkItems(grid: HTMLElement, layer?: number): HTMLElement[] {
  const which = layer === undefined ? '' : `[data-layer="${layer}"]`;
  return [...grid.shadowRoot!.querySelectorAll<HTMLElement>(`.network .item${which}`)];
}
