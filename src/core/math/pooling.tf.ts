/** The full pooled map computed by tfjs on the page's backend. */
import * as tf from '@tensorflow/tfjs-core';
import type { PoolPlan } from './pooling-plan.js';

/** Pools a 2-D map as the plan says; min pooling is −maxPool(−x). */
export async function poolMap(
  values: number[][],
  plan: PoolPlan,
): Promise<{ values: Float32Array; shape: [number, number] }> {
  const out = tf.tidy(() => {
    const x = tf.tensor4d(values.flat(), [1, plan.inShape[0], plan.inShape[1], 1]);
    const { size, stride, padding } = plan;
    switch (plan.mode) {
      case 'max':
        return tf.maxPool(x, size, stride, padding);
      case 'avg':
        return tf.avgPool(x, size, stride, padding);
      case 'min':
        return tf.neg(tf.maxPool(tf.neg(x), size, stride, padding));
    }
  });
  try {
    const data = (await out.data()) as Float32Array;
    return { values: data, shape: [out.shape[1], out.shape[2]] };
  } finally {
    out.dispose();
  }
}
