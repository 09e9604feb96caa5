/**
 * The size limit of a trainer network, checked from the layer list before any tensor is
 * made: a `dense` layer of a million units would otherwise allocate gigabytes and freeze
 * the page for half a minute (or fail deep inside tfjs with "Array buffer allocation failed").
 * Plain arithmetic, no tfjs.
 */
import { CLASSES, INPUT_SHAPE, checkStack, type LayerSpec } from './model-spec.js';

/** The most weights a trainer network may have: about 12 MB of float32, 48 MB while training with adam. */
export const MAX_WEIGHTS = 3_000_000;

/** Bytes per weight while training: the weight, its gradient and adam's two moment estimates, float32 each. */
const TRAINING_BYTES_PER_WEIGHT = 4 * 4;

/** The number of weights each layer of a valid stack for `classes` classes holds (Keras' "Param #"). */
export function countWeights(layers: readonly LayerSpec[], classes = CLASSES): number {
  const shapes = checkStack(layers, classes);
  let total = 0;
  layers.forEach((layer, i) => {
    const input = i === 0 ? [...INPUT_SHAPE] : shapes[i - 1];
    const inChannels = input[input.length - 1];
    if (layer.type === 'conv2d') {
      const [kh, kw] =
        typeof layer.kernelSize === 'number' ? [layer.kernelSize, layer.kernelSize] : layer.kernelSize;
      total += kh * kw * inChannels * layer.filters + layer.filters;
    } else if (layer.type === 'dense') {
      total += inChannels * layer.units + layer.units;
    } else if (layer.type === 'batchNormalization') {
      total += 4 * inChannels;
    }
  });
  return total;
}

/**
 * Why a stack is too big for the page, with what it would need and what the page allows;
 * undefined when it fits.
 */
export function budgetProblem(
  layers: readonly LayerSpec[],
  { classes = CLASSES, max = MAX_WEIGHTS } = {},
): string | undefined {
  const weights = countWeights(layers, classes);
  if (weights <= max) return undefined;
  return (
    `This network would have ${weights.toLocaleString('en')} weights: about ${megabytes(weights * 4)} to build and ` +
    `${megabytes(weights * TRAINING_BYTES_PER_WEIGHT)} to train. A page allows at most ${max.toLocaleString('en')} weights ` +
    `(${megabytes(max * 4)}). Use fewer units in the dense layers, or a pooling layer before flatten.`
  );
}

function megabytes(bytes: number): string {
  const mb = bytes / 1e6;
  return mb >= 1000 ? `${(mb / 1000).toFixed(1)} GB` : `${Math.ceil(mb)} MB`;
}
