/**
 * Turns RGBA pixels into the input tensor a pretrained model expects. Each model family was
 * trained on pixels scaled its own way, and feeding it any other scaling quietly ruins its
 * predictions, so the scaling is a named preset:
 *
 * - `unit`: x / 255, in [0, 1];
 * - `mobilenet`: x / 127.5 − 1, in [−1, 1] (Keras `mobilenet`/`mobilenet_v2` `preprocess_input`);
 * - `caffe`: RGB → BGR, then the ImageNet channel means subtracted, no scaling (Keras
 *   `resnet50`/`vgg16` `preprocess_input`);
 * - `mnist`: the digit found, centred and scaled the way MNIST was made (see digit-preprocess.ts),
 *   then in [0, 1].
 *
 * The image is resized (bilinear, whole image, aspect not kept, as Keras `load_img` with a
 * `target_size` does) to the model's input size.
 */
import * as tf from '@tensorflow/tfjs-core';
import { tensorCopy } from '../runtime/host-memory.tf.js';
import { DIGIT_SIDE, preprocessDigit, type RgbaPixels } from './digit-preprocess.js';

export type PresetName = 'unit' | 'mobilenet' | 'caffe' | 'mnist';

export const PRESETS: readonly PresetName[] = ['unit', 'mobilenet', 'caffe', 'mnist'];

/** ImageNet channel means in BGR order, on the 0..255 scale (Caffe's ResNet-50 training). */
export const CAFFE_MEANS_BGR: readonly [number, number, number] = [103.939, 116.779, 123.68];

/** One channel's affine map: value ↦ value × scale + offset, with channel order. */
export interface ChannelTransform {
  /** Reverse the channel order (RGB → BGR) before the affine map. */
  bgr: boolean;
  scale: number;
  /** Added per channel, in the order after `bgr`. */
  offset: readonly [number, number, number];
}

/** The affine map of a preset on 0..255 pixels (`mnist` maps like `unit` after its digit step). */
export function presetTransform(preset: PresetName): ChannelTransform {
  switch (preset) {
    case 'unit':
    case 'mnist':
      return { bgr: false, scale: 1 / 255, offset: [0, 0, 0] };
    case 'mobilenet':
      return { bgr: false, scale: 1 / 127.5, offset: [-1, -1, -1] };
    case 'caffe':
      return { bgr: true, scale: 1, offset: [-CAFFE_MEANS_BGR[0], -CAFFE_MEANS_BGR[1], -CAFFE_MEANS_BGR[2]] };
  }
}

/** Checks an author's `preprocess` value. */
export function parsePreset(value: unknown): PresetName {
  const v = String(value ?? '')
    .trim()
    .toLowerCase();
  if ((PRESETS as readonly string[]).includes(v)) return v as PresetName;
  throw new Error(
    `preprocess "${String(value)}" is unknown: use unit ([0, 1]), mobilenet ([−1, 1]), caffe (ResNet50: BGR minus the ImageNet means) or mnist (a centred digit).`,
  );
}

export interface InputSpec {
  height: number;
  width: number;
  /** 1 (grayscale) or 3 (RGB). */
  channels: number;
  preset: PresetName;
}

/**
 * A `[1, height, width, channels]` float32 tensor of the pixels, resized and scaled for a
 * model. The caller disposes it. A 1-channel model gets luma; a 3-channel model given the
 * `mnist` preset gets the digit copied into all three channels.
 */
export function pixelsToInput(image: RgbaPixels, spec: InputSpec): tf.Tensor4D {
  return pixelsToModelInput(image, spec).tensor;
}

/**
 * The input tensor and, where they were worked out in JavaScript (a digit for a 28×28
 * model), its values: a caller that shows the input need not read them back from a GPU,
 * where a read waits for the device and the values were dropped once uploaded.
 */
export interface ModelInput {
  tensor: tf.Tensor4D;
  values?: Float32Array;
}

/** `pixelsToInput`, with the values where they are at hand (see `ModelInput`). */
export function pixelsToModelInput(image: RgbaPixels, spec: InputSpec): ModelInput {
  if (spec.preset === 'mnist') return digitModelInput(preprocessDigit(image).pixels, spec);
  checkChannels(spec.channels);
  return {
    tensor: tf.tidy(() => {
      const rgba = tf.tensor3d(Float32Array.from(image.data), [image.height, image.width, 4]);
      const rgb = tf.slice(rgba, [0, 0, 0], [-1, -1, 3]);
      return finish(
        spec.channels === 1 ? tf.sum(tf.mul(rgb, tf.tensor1d([0.299, 0.587, 0.114])), 2, true) : rgb,
        spec,
      );
    }),
  };
}

/**
 * The input tensor for a digit already prepared by `preprocessDigit` (784 values in 0..1),
 * for a caller that also shows the digit and should not prepare it twice.
 */
export function digitToInput(digit: Float32Array, spec: InputSpec): tf.Tensor4D {
  return digitModelInput(digit, spec).tensor;
}

function digitModelInput(digit: Float32Array, spec: InputSpec): ModelInput {
  checkChannels(spec.channels);
  if (spec.height === DIGIT_SIDE && spec.width === DIGIT_SIDE) {
    // The usual case, a 28×28 model: 784 values are ready in JavaScript; one upload beats
    // four tiny GPU ops (each a shader dispatch on WebGL/WebGPU).
    const { scale, offset } = presetTransform('mnist');
    const out = new Float32Array(digit.length * spec.channels);
    for (let i = 0; i < digit.length; i++) {
      for (let c = 0; c < spec.channels; c++) out[i * spec.channels + c] = digit[i] * 255 * scale + offset[c];
    }
    const tensor = tensorCopy(out, [1, DIGIT_SIDE, DIGIT_SIDE, spec.channels]) as tf.Tensor4D;
    return { tensor, values: out };
  }
  return {
    tensor: tf.tidy(() => {
      // Back to 0..255 so the shared affine step applies as for any image.
      let x: tf.Tensor3D = tf.mul(tf.tensor3d(digit, [DIGIT_SIDE, DIGIT_SIDE, 1]), 255);
      if (spec.channels === 3) x = tf.tile(x, [1, 1, 3]);
      return finish(x, { ...spec, preset: 'mnist' });
    }),
  };
}

function checkChannels(channels: number): void {
  if (channels !== 1 && channels !== 3) {
    throw new Error(
      `The model expects ${channels} input channels; only 1 (grayscale) and 3 (RGB) images are supported.`,
    );
  }
}

/** Resizes a 0..255 HWC image to the model's size and applies the preset's affine map; adds the batch axis. */
function finish(image: tf.Tensor3D, { height, width, channels, preset }: InputSpec): tf.Tensor4D {
  let x = image;
  if (x.shape[0] !== height || x.shape[1] !== width)
    x = tf.image.resizeBilinear(x, [height, width], false, true);
  const t = presetTransform(preset);
  if (channels === 3) {
    if (t.bgr) x = tf.reverse(x, 2);
    x = tf.add(tf.mul(x, t.scale), tf.tensor1d([...t.offset]));
  } else {
    // One channel: the offsets' mean (equal for every preset but caffe).
    x = tf.add(tf.mul(x, t.scale), (t.offset[0] + t.offset[1] + t.offset[2]) / 3);
  }
  return tf.expandDims(x, 0) as tf.Tensor4D;
}
