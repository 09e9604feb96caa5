/**
 * One training step of a compiled tfjs-layers model, returning its loss and accuracy.
 *
 * `model.trainOnBatch` validates its inputs, runs the model's compiled training function
 * and then reads the loss and each metric back one at a time. Each read-back is a
 * round trip to the backend: on WebGL and WebGPU a wait for the device, which for a small
 * network (a transfer head on cached features) costs as much as its arithmetic. Here the
 * first step goes through `trainOnBatch` (its checks and messages for a model that does
 * not fit the data), and the later ones run the same compiled function, stack the loss and
 * the metric and read them back once: the same arithmetic, so the same weights, in one
 * round trip. Where a tfjs version lacks that function, every step uses `trainOnBatch`.
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';

/** The training function tfjs-layers builds for `trainOnBatch` ([inputs, targets] → [loss, ...metrics]). */
type TrainFunction = (data: tf.Tensor[]) => tf.Scalar[];

/** The model that holds the compiled state (loss, optimizer, training function): a Sequential delegates to its inner model. */
export function compiledModelOf(model: tfl.LayersModel): tfl.LayersModel {
  return (model as unknown as { model?: tfl.LayersModel }).model ?? model;
}

/** The model's own training function, when this tfjs has one. */
function trainFunctionOf(model: tfl.LayersModel): TrainFunction | undefined {
  const inner = compiledModelOf(model) as unknown as { makeTrainFunction?: () => TrainFunction };
  return typeof inner.makeTrainFunction === 'function' ? inner.makeTrainFunction() : undefined;
}

/** Trains a compiled model one batch at a time (see above); one per run. */
export class TrainStep {
  private train?: TrainFunction;

  constructor(private readonly model: tfl.LayersModel) {}

  /** True once steps run the compiled function directly (after the first, where this tfjs has one). */
  get direct(): boolean {
    return this.train !== undefined;
  }

  /** Trains on one batch; resolves with [loss, accuracy] (accuracy NaN for a model compiled without it). */
  async run(x: tf.Tensor, y: tf.Tensor): Promise<[number, number]> {
    if (this.train) {
      const outputs = this.train([x, y]);
      const both = tf.tidy(() => tf.stack(outputs));
      tf.dispose(outputs);
      try {
        const values = await both.data();
        return [values[0], values.length > 1 ? values[1] : NaN];
      } finally {
        both.dispose();
      }
    }
    const values = [(await this.model.trainOnBatch(x, y)) as number | number[]].flat();
    this.train = trainFunctionOf(this.model);
    return [values[0], values[1] ?? NaN];
  }
}
