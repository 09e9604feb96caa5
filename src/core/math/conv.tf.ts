/**
 * The playground's convolution on the page's tfjs backend. Synchronous maths inside
 * `tf.tidy`; the only read is the final `await data()`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { borderIndices, isImageBorder } from './border.js';
import type { Activation, ConvPlan } from './conv-plan.js';
import type { ChannelImage, ChannelMode } from '../images/image-channels.js';

export interface ConvSpec {
  /** The kernel as applied (already normalised if the reader asked for it). */
  kernel: number[][];
  channels: ChannelMode;
  bias: number;
  activation: Activation;
  /**
   * One kernel per input channel (a learned Conv2D filter), summed into one map; when
   * set it replaces `kernel` and the channel mode.
   */
  channelKernels?: number[][][];
}

/** A feature map: row-major HWC values and their shape. */
export interface FeatureMap {
  values: Float32Array;
  shape: [number, number, number];
}

/** Uploads an image's intensities once; the caller disposes the tensor. */
export function imageTensor(image: ChannelImage): tf.Tensor3D {
  return tf.tensor3d(image.values, [image.height, image.width, image.channels]);
}

/**
 * Convolves `input` ([h, w, 1|3]) with one kernel, the way each mode means it:
 * `gray` one channel in, one out; `rgb` the kernel on each colour channel separately
 * (a depthwise convolution, three maps out); `sum` one Conv2D filter with three input
 * channels sharing the kernel, whose products are added into one map.
 */
export function convolve(input: tf.Tensor3D, spec: ConvSpec, plan: ConvPlan): tf.Tensor3D {
  return tf.tidy(() => {
    const [kh, kw] = plan.kernelSize;
    const inChannels = input.shape[2];
    const perChannel = spec.channelKernels;
    // A learned filter: [kh, kw, c, 1] with each channel's own weights (HWC order: channel last).
    const kernel = perChannel
      ? tf.tensor4d(
          Float32Array.from(
            { length: kh * kw * inChannels },
            (_, i) =>
              perChannel[i % inChannels][Math.floor(i / inChannels / kw)][Math.floor(i / inChannels) % kw],
          ),
          [kh, kw, inChannels, 1],
        )
      : (tf.tile(tf.reshape(tf.tensor2d(spec.kernel, [kh, kw]), [kh, kw, 1, 1]), [
          1,
          1,
          inChannels,
          1,
        ]) as tf.Tensor4D);
    const depthwise = spec.channels === 'rgb' && !perChannel;
    let x = tf.expandDims(input, 0) as tf.Tensor4D;
    // cv2's borders: gather the mirrored or repeated rows and columns, then convolve `valid`.
    const border = isImageBorder(plan.padding) ? plan.padding : undefined;
    if (border) {
      const [h, w] = plan.inShape;
      const rows = borderIndices(h, plan.padBefore[0], plan.padTotal[0] - plan.padBefore[0], border);
      const cols = borderIndices(w, plan.padBefore[1], plan.padTotal[1] - plan.padBefore[1], border);
      x = tf.gather(
        tf.gather(x, tf.tensor1d(rows, 'int32'), 1),
        tf.tensor1d(cols, 'int32'),
        2,
      ) as tf.Tensor4D;
    }
    // tfjs refuses stride > 1 together with dilation > 1. Then pad as `same` would for the
    // real stride, convolve every position, and keep every stride-th one: the same numbers.
    const split = plan.stride > 1 && plan.dilation > 1;
    if (split && plan.padding === 'same') {
      const [pt, pl] = plan.padBefore;
      const [ph, pw] = plan.padTotal;
      x = tf.pad(x, [
        [0, 0],
        [pt, ph - pt],
        [pl, pw - pl],
        [0, 0],
      ]);
    }
    const stride = split ? 1 : plan.stride;
    const padding = split || border ? 'valid' : (plan.padding as 'valid' | 'same');
    let y: tf.Tensor4D = depthwise
      ? tf.depthwiseConv2d(x, kernel, stride, padding, 'NHWC', plan.dilation)
      : tf.conv2d(x, kernel, stride, padding, 'NHWC', plan.dilation);
    if (split) {
      const [oh, ow] = plan.outShape;
      y = tf.stridedSlice(
        y,
        [0, 0, 0, 0],
        [1, oh * plan.stride, ow * plan.stride, y.shape[3]],
        [1, plan.stride, plan.stride, 1],
      ) as tf.Tensor4D;
    }
    if (spec.bias !== 0) y = tf.add(y, spec.bias);
    if (spec.activation === 'relu') y = tf.relu(y);
    else if (spec.activation === 'sigmoid') y = tf.sigmoid(y);
    else if (spec.activation === 'tanh') y = tf.tanh(y);
    return tf.squeeze(y, [0]) as tf.Tensor3D;
  });
}

/** Convolves and reads the result back. */
export async function convolveToMap(input: tf.Tensor3D, spec: ConvSpec, plan: ConvPlan): Promise<FeatureMap> {
  const y = convolve(input, spec, plan);
  try {
    const values = (await y.data()) as Float32Array;
    const [h, w, c] = y.shape;
    return { values, shape: [h, w, c] };
  } finally {
    y.dispose();
  }
}
