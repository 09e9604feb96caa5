/** The filter grid's TensorFlow.js side, imported once the element starts loading (after its first paint). */
export { computeActivations, readFilters } from '../../core/models/filters.tf.js';
export { loadMnist, mnistDigit, splitMnist } from '../../core/training/mnist.tf.js';
export { loadModel } from '../../core/models/model-loader.tf.js';
export { pixelsToModelInput } from '../../core/images/preprocess.tf.js';
export { convMapRecipe, layerOutputs, shownLayers } from '../../core/models/layer-outputs.tf.js';
export { readValues } from '../../core/runtime/host-memory.tf.js';
