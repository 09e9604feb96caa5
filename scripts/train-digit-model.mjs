// Trains the shipped digit model (assets/models/digits/) on the 8,000 training digits of the
// fixed MNIST split and measures it on the 2,000 held-out digits it never sees.
// Usage: npm run train:digits [-- --epochs=N] [-- --probe]   (--probe times a few batches and stops)
//
// Pure TensorFlow.js on its CPU backend (tfjs-node's binaries cannot be installed here, and the
// WASM backend cannot train). The split and the decoder are src/core/training/mnist.tf.ts itself, bundled
// on the fly by scripts/mnist-node.mjs, so the held-out set is exactly the one the elements use.
//
// Reproducible: every random choice (weight initialisation, dropout masks, the order of the
// digits, the shifts) comes from seeded generators; tfjs draws its own seeds from Math.random,
// so Math.random is replaced by a seeded generator before tfjs does anything.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importCoreModule, readMnistAsset } from './mnist-node.mjs';
import { encodeFloat16 } from './mnist-float16.mjs';

const args = Object.fromEntries(
  process.argv
    .slice(2)
    .map((a) => a.replace(/^--/, '').split('='))
    .map(([k, v]) => [k, v ?? 'true']),
);
const SEED = 1;
const EPOCHS = Number(args.epochs ?? 18);
const BATCH = 32;
const MAX_SHIFT = 2;
const OUT = 'assets/models/digits';

const { seededRandom } = await importCoreModule('src/core/math/random.ts');
Math.random = seededRandom(SEED * 7919);
const tf = await import('@tensorflow/tfjs-core');
const tfl = await import('@tensorflow/tfjs-layers');
await import('@tensorflow/tfjs-backend-cpu');
await tf.setBackend('cpu');
// The library's own cpu kernels: tfjs' results, sooner (tfjs' own are too slow to train this in Node).
const { registerCpuKernels } = await importCoreModule('src/core/runtime/cpu-kernels.tf.ts');
registerCpuKernels();

const { core, data } = await readMnistAsset();
const { train, test } = core.splitMnist(data, { seed: SEED });
console.log(
  `MNIST: ${data.count} digits, training on ${train.length}, holding out ${test.length}; backend ${tf.getBackend()}`,
);

/**
 * A small LeNet-like CNN: two 3×3 conv/pool stages learn strokes and then parts of digits, one
 * hidden dense layer combines them. Sized for training on a CPU in JavaScript in minutes:
 * about 0.7 M multiply-adds per digit forward.
 */
function buildModel() {
  const model = tfl.sequential({ name: 'digits' });
  model.add(
    tfl.layers.conv2d({
      inputShape: [28, 28, 1],
      filters: 16,
      kernelSize: 3,
      activation: 'relu',
      name: 'conv1',
    }),
  );
  model.add(tfl.layers.maxPooling2d({ poolSize: 2, name: 'pool1' }));
  model.add(tfl.layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu', name: 'conv2' }));
  model.add(tfl.layers.maxPooling2d({ poolSize: 2, name: 'pool2' }));
  model.add(tfl.layers.flatten({ name: 'flatten' }));
  model.add(tfl.layers.dense({ units: 128, activation: 'relu', name: 'dense1' }));
  model.add(tfl.layers.dropout({ rate: 0.2, name: 'dropout' }));
  model.add(tfl.layers.dense({ units: 10, activation: 'softmax', name: 'output' }));
  return model;
}

/**
 * The digits at `indices` as [n,28,28,1] floats 0..1, each moved by a random whole-pixel shift
 * of up to MAX_SHIFT in x and y (the border fills with black, as MNIST's background is).
 * With only 8,000 digits, these shifted copies are what keeps the model from memorising them.
 */
function shiftedBatch(indices, next) {
  const out = new Float32Array(indices.length * 784);
  indices.forEach((index, n) => {
    const dx = Math.floor(next() * (2 * MAX_SHIFT + 1)) - MAX_SHIFT;
    const dy = Math.floor(next() * (2 * MAX_SHIFT + 1)) - MAX_SHIFT;
    const from = index * 784;
    for (let y = 0; y < 28; y++) {
      const sy = y - dy;
      if (sy < 0 || sy > 27) continue;
      for (let x = 0; x < 28; x++) {
        const sx = x - dx;
        if (sx >= 0 && sx <= 27) out[n * 784 + y * 28 + x] = data.images[from + sy * 28 + sx] / 255;
      }
    }
  });
  return tf.tensor4d(out, [indices.length, 28, 28, 1]);
}

function labels(indices) {
  return tf.tidy(() =>
    tf.cast(
      tf.oneHot(
        tf.tensor1d(
          Array.from(indices, (i) => data.labels[i]),
          'int32',
        ),
        10,
      ),
      'float32',
    ),
  );
}

function shuffled(items, next) {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

/** Share of `indices` the model labels correctly (unshifted digits). */
async function accuracy(model, indices) {
  let right = 0;
  for (let start = 0; start < indices.length; start += 500) {
    const chunk = indices.slice(start, start + 500);
    const { xs, ys } = core.mnistTensors(data, chunk);
    const predicted = tf.tidy(() => tf.argMax(model.predict(xs), -1));
    const got = await predicted.data();
    chunk.forEach((index, k) => (right += got[k] === data.labels[index] ? 1 : 0));
    tf.dispose([xs, ys, predicted]);
  }
  return right / indices.length;
}

const model = buildModel();
model.summary(undefined, undefined, (line) => console.log(line));
const optimizer = tf.train.adam(0.001);
model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
const next = seededRandom(SEED);

if (args.probe) {
  const batches = 20;
  const indices = train.slice(0, batches * BATCH);
  const xs = shiftedBatch(indices, next);
  const ys = labels(indices);
  const t0 = performance.now();
  await model.fit(xs, ys, { epochs: 1, batchSize: BATCH, shuffle: false, verbose: 0 });
  const perBatch = (performance.now() - t0) / batches;
  console.log(
    `${perBatch.toFixed(0)} ms per batch of ${BATCH}; one epoch of ${train.length} ≈ ${((perBatch * train.length) / BATCH / 1000).toFixed(0)} s`,
  );
  process.exit(0);
}

/** Adam at 1e-3 for the first half, then steps down (3e-4, then 1e-4 for the last fifth) to settle the weights. */
function learningRate(epoch) {
  if (epoch <= EPOCHS / 2) return 0.001;
  return epoch <= EPOCHS * 0.8 ? 0.0003 : 0.0001;
}

const started = performance.now();
for (let epoch = 1; epoch <= EPOCHS; epoch++) {
  optimizer.learningRate = learningRate(epoch);
  const order = shuffled(train, next);
  const xs = shiftedBatch(order, next);
  const ys = labels(order);
  const t0 = performance.now();
  const history = await model.fit(xs, ys, { epochs: 1, batchSize: BATCH, shuffle: false, verbose: 0 });
  tf.dispose([xs, ys]);
  const held = await accuracy(model, test);
  const { loss, acc } = history.history;
  console.log(
    `epoch ${epoch}/${EPOCHS}: loss ${loss[0].toFixed(4)}, train accuracy (shifted) ${(acc[0] * 100).toFixed(2)}%, held-out ${(held * 100).toFixed(2)}%, ${((performance.now() - t0) / 1000).toFixed(0)} s`,
  );
}
const minutes = (performance.now() - started) / 60000;

// Save with float16 weights: half the bytes, and tfjs' loaders turn them back into float32.
const artifacts = await new Promise((resolve) => {
  model.save(
    tf.io.withSaveHandler(
      async (a) => (
        resolve(a),
        { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } }
      ),
    ),
  );
});
const weights = new Float32Array(tf.io.concatenateArrayBuffers([artifacts.weightData].flat()));
const half = encodeFloat16(weights);
const weightSpecs = artifacts.weightSpecs.map((spec) => ({ ...spec, quantization: { dtype: 'float16' } }));
const modelJson = {
  format: 'layers-model',
  generatedBy: artifacts.generatedBy,
  convertedBy: 'cnn-elements scripts/train-digit-model.mjs',
  modelTopology: artifacts.modelTopology,
  weightsManifest: [{ paths: ['weights.bin'], weights: weightSpecs }],
};
mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, 'model.json'), `${JSON.stringify(modelJson)}\n`);
writeFileSync(join(OUT, 'weights.bin'), new Uint8Array(half.buffer));

// Measure what ships: the float16 weights, loaded back the way a page loads them.
const shipped = await tfl.loadLayersModel(
  tf.io.fromMemory({ modelTopology: artifacts.modelTopology, weightSpecs, weightData: half.buffer }),
);
const heldOut = await accuracy(shipped, test);
const trainAccuracy = await accuracy(shipped, train);
const metrics = {
  heldOutAccuracy: Number(heldOut.toFixed(4)),
  trainAccuracy: Number(trainAccuracy.toFixed(4)),
  trainSize: train.length,
  testSize: test.length,
  seed: SEED,
  epochs: EPOCHS,
  batchSize: BATCH,
  augmentation: `random whole-pixel shifts of up to ${MAX_SHIFT} px`,
  optimizer: 'adam, learning rate 0.001 for the first half of the epochs, 0.0003 to 80%, then 0.0001',
  weights: 'float16',
  parameters: model.countParams(),
  input: '[1,28,28,1] float32 0..1, white digit on black',
  output: 'softmax over the digits 0..9',
  split:
    'splitMnist(data, { seed: 1 }) from src/core/training/mnist.tf.ts: the fixed 2,000 held-out digits, all 8,000 others for training',
};
writeFileSync(join(OUT, 'metrics.json'), `${JSON.stringify(metrics, null, 2)}\n`);
const bytes = JSON.stringify(modelJson).length + half.byteLength;
console.log(
  `held-out accuracy of the shipped (float16) model: ${(heldOut * 100).toFixed(2)}% of ${test.length}; train ${(trainAccuracy * 100).toFixed(2)}%`,
);
console.log(`training took ${minutes.toFixed(1)} min; wrote ${OUT}/ (${(bytes / 1024).toFixed(0)} KiB)`);
