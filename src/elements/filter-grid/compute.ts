/** The filter grid's TensorFlow.js side, imported once the element starts loading (after its first paint). */
export { computeActivations, readFilters } from '../../core/filters.js';
export { loadMnist, mnistDigit, splitMnist } from '../../core/mnist.js';
export { loadModel } from '../../core/model-loader.js';
export { pixelsToInput } from '../../core/preprocess.js';
export { convMapRecipe, layerOutputs, shownLayers } from '../../core/network.js';
