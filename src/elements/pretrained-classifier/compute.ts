/**
 * The classifier's TensorFlow.js side: everything it does with tfjs (loading and running
 * models, preprocessing, Grad-CAM, the MNIST sample digits). The element imports this module
 * once it starts loading, after its first paint, so that a page shows the classifier's frame,
 * pad and controls before tfjs arrives.
 */
export { describeModel, loadModel, predictScores, warmUp } from '../../core/models/model-loader.tf.js';
export { digitToInput, parsePreset, pixelsToInput } from '../../core/images/preprocess.tf.js';
export { canExplain, gradCam } from '../../core/models/gradcam.tf.js';
export { loadMnist, mnistDigit, splitMnist } from '../../core/training/mnist.tf.js';
