/**
 * A training job whose inputs were computed before the run: a frozen base's features of
 * the reader's examples, or their pictures resized to a base's input. Plain float32 arrays,
 * so the job travels to the training worker as it is (its buffers transferred, not copied)
 * and becomes the same tensors there as on the page.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { TrainingSettings } from './training-session.tf.js';

/** Inputs of some examples, `[n, ...shape]` row-major, and their class positions. */
export interface InputsSplit {
  xs: Float32Array;
  labels: Uint8Array;
}

export interface InputsJob {
  /** One example's input: `[height, width, channels]` (a feature map or a picture). */
  shape: [number, number, number];
  classes: number;
  train: InputsSplit;
  /** Scored after every epoch (the held-out examples). */
  test: InputsSplit;
  settings: TrainingSettings;
}

export function isInputsJob(job: object): job is InputsJob {
  return 'shape' in job;
}

/** The buffers a job may hand over to the worker (each once). */
export function inputsBuffers(job: InputsJob): ArrayBuffer[] {
  const buffers = [job.train.xs, job.train.labels, job.test.xs, job.test.labels].map(
    (a) => a.buffer as ArrayBuffer,
  );
  return [...new Set(buffers)];
}

/** One split as tensors: inputs `[n, ...shape]` and one-hot labels `[n, classes]`. The caller disposes both. */
export function inputsTensors(job: InputsJob, split: InputsSplit): { xs: tf.Tensor4D; ys: tf.Tensor2D } {
  const n = split.labels.length;
  const oneHot = new Float32Array(n * job.classes);
  for (let i = 0; i < n; i++) oneHot[i * job.classes + split.labels[i]] = 1;
  return {
    xs: tf.tensor4d(split.xs, [n, ...job.shape], 'float32'),
    ys: tf.tensor2d(oneHot, [n, job.classes], 'float32'),
  };
}
