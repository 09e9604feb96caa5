import * as tf from '@tensorflow/tfjs-core';

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
    await until(() => tf.memory().numTensors === baseline, 'the tensor count to return', 3000);
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
