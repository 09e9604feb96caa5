/**
 * Data augmentation the way the course uses Keras' ImageDataGenerator on MNIST: each
 * training image is shifted, slightly rotated and zoomed at random, so the network sees
 * a new variant of every digit in every epoch. One projective transform per image,
 * applied by tfjs (`tf.image.transform`, bilinear, black fill), with the random
 * parameters drawn from the project's seeded generator.
 */
import * as tf from '@tensorflow/tfjs-core';

export interface AugmentRanges {
  /** Largest rotation either way, in degrees (Keras' rotation_range). */
  rotation: number;
  /** Largest shift either way, as a fraction of the side (width/height_shift_range). */
  shift: number;
  /** Zoom between 1 − zoom and 1 + zoom (zoom_range). */
  zoom: number;
}

/** The course's settings: rotation 10°, shifts of 10%, zoom ±10%. */
export const COURSE_AUGMENTATION: AugmentRanges = { rotation: 10, shift: 0.1, zoom: 0.1 };

export interface AugmentParams {
  degrees: number;
  /** Shift in pixels, positive to the right and down. */
  dx: number;
  dy: number;
  scale: number;
}

/** Draws one image's parameters. */
export function drawParams(
  next: () => number,
  side: number,
  ranges: AugmentRanges = COURSE_AUGMENTATION,
): AugmentParams {
  const spread = (r: number) => (next() * 2 - 1) * r;
  return {
    degrees: spread(ranges.rotation),
    dx: spread(ranges.shift * side),
    dy: spread(ranges.shift * side),
    scale: 1 + spread(ranges.zoom),
  };
}

/**
 * The 8 numbers tf.image.transform wants: they map each output pixel back to the input
 * pixel it samples. The forward map is out = scale · R(θ) · (in − c) + c + shift about
 * the image centre c, so the inverse is in = R(−θ) · (out − c − shift) / scale + c.
 */
export function inverseTransform({ degrees, dx, dy, scale }: AugmentParams, side: number): number[] {
  const t = (degrees * Math.PI) / 180;
  const cos = Math.cos(t) / scale;
  const sin = Math.sin(t) / scale;
  const c = (side - 1) / 2;
  const ox = c + dx;
  const oy = c + dy;
  return [cos, sin, c - cos * ox - sin * oy, -sin, cos, c + sin * ox - cos * oy, 0, 0];
}

/** A randomly shifted, rotated and zoomed copy of a batch [n, h, w, 1]. Call inside `tf.tidy`. */
export function augmentBatch(
  xs: tf.Tensor4D,
  next: () => number,
  ranges: AugmentRanges = COURSE_AUGMENTATION,
): tf.Tensor4D {
  const [n, side] = xs.shape;
  const rows: number[] = [];
  for (let i = 0; i < n; i++) rows.push(...inverseTransform(drawParams(next, side, ranges), side));
  const transforms = tf.tensor2d(rows, [n, 8]);
  if (tf.getBackend() !== 'cpu' || n === 1)
    return tf.image.transform(xs, transforms, 'bilinear', 'constant', 0);
  // tfjs-backend-cpu 4.22's Transform kernel returns after the first image of a batch and
  // leaves the others black: transform the images one at a time there.
  const images = tf.split(xs, n, 0) as tf.Tensor4D[];
  const rowsEach = tf.split(transforms, n, 0) as tf.Tensor2D[];
  return tf.concat(
    images.map((image, i) => tf.image.transform(image, rowsEach[i], 'bilinear', 'constant', 0)),
    0,
  );
}
