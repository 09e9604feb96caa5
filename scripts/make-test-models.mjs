// Writes the small models the <pretrained-classifier> tests load through model-url, under
// tests/fixtures/models/ (committed; rerun with `npm run fixtures` after changing this file).
// Pure tfjs on the CPU backend, seeded, so every run writes the same bytes.
//
// - mobilenet-like/: a LayersModel shaped like MobileNet (224×224×3 in, a strided conv, a
//   depthwise-separable block, global average pooling, 1000-way softmax) with small random
//   weights: it exercises the ImageNet path (labels, presets, Grad-CAM) in milliseconds.
// - digits-tiny/: a 28×28×1 → 10 LayersModel with random weights, for the 1-channel paths.
// - graph-tiny/: a GraphModel (format "graph-model", a hand-written GraphDef: conv, relu,
//   mean, matmul, softmax) with 10 outputs and a 32×32×3 input.
// - broken/: files that are not usable models, one per error the loader explains.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const OUT = 'tests/fixtures/models';
await tf.setBackend('cpu');

/** Saves a LayersModel as model.json + one weights file, the way tfjs's browser saver does. */
async function saveLayers(model, name) {
  const dir = join(OUT, name);
  mkdirSync(dir, { recursive: true });
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weightsFile = 'weights.bin';
      const json = {
        format: 'layers-model',
        generatedBy: `TensorFlow.js tfjs-layers v${tfl.version_layers}`,
        convertedBy: null,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: [weightsFile], weights: artifacts.weightSpecs }],
      };
      writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
      writeFileSync(join(dir, weightsFile), Buffer.from(artifacts.weightData));
      return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } };
    }),
  );
  console.log(`wrote ${dir}`);
}

const init = (seed, scale = 0.1) => tfl.initializers.randomNormal({ mean: 0, stddev: scale, seed });

function mobilenetLike() {
  const input = tfl.input({ shape: [224, 224, 3], name: 'image' });
  let x = tfl.layers
    .conv2d({
      filters: 8,
      kernelSize: 3,
      strides: 2,
      padding: 'same',
      kernelInitializer: init(1),
      name: 'conv1',
    })
    .apply(input);
  x = tfl.layers.reLU({ maxValue: 6, name: 'conv1_relu' }).apply(x);
  x = tfl.layers
    .depthwiseConv2d({
      kernelSize: 3,
      strides: 2,
      padding: 'same',
      depthwiseInitializer: init(2),
      name: 'conv_dw',
    })
    .apply(x);
  x = tfl.layers.reLU({ maxValue: 6, name: 'conv_dw_relu' }).apply(x);
  x = tfl.layers.conv2d({ filters: 16, kernelSize: 1, kernelInitializer: init(3), name: 'conv_pw' }).apply(x);
  x = tfl.layers.reLU({ maxValue: 6, name: 'conv_pw_relu' }).apply(x);
  x = tfl.layers.globalAveragePooling2d({ name: 'pool' }).apply(x);
  const out = tfl.layers
    .dense({ units: 1000, activation: 'softmax', kernelInitializer: init(4, 0.5), name: 'predictions' })
    .apply(x);
  return tfl.model({ inputs: input, outputs: out, name: 'mobilenet_like' });
}

function digitsTiny() {
  return tfl.sequential({
    name: 'digits_tiny',
    layers: [
      tfl.layers.conv2d({
        inputShape: [28, 28, 1],
        filters: 4,
        kernelSize: 3,
        activation: 'relu',
        kernelInitializer: init(5),
        name: 'conv',
      }),
      tfl.layers.maxPooling2d({ poolSize: 2, name: 'pool' }),
      tfl.layers.flatten({ name: 'flatten' }),
      tfl.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: init(6), name: 'digits' }),
    ],
  });
}

/** A GraphModel written by hand: the smallest GraphDef a converted classifier would have. */
function writeGraphTiny() {
  const dir = join(OUT, 'graph-tiny');
  mkdirSync(dir, { recursive: true });
  const f32 = { type: 'DT_FLOAT' };
  const ints = (list) => ({ list: { i: list.map(String) } });
  const str = (s) => ({ s: Buffer.from(s).toString('base64') });
  const shape = (dims) => ({ dim: dims.map((d) => ({ size: String(d) })) });
  const constant = (name, dtype, dims) => ({
    name,
    op: 'Const',
    attr: { dtype: { type: dtype }, value: { tensor: { dtype, tensorShape: shape(dims) } } },
  });
  const nodes = [
    { name: 'image', op: 'Placeholder', attr: { dtype: f32, shape: { shape: shape([-1, 32, 32, 3]) } } },
    constant('conv/kernel', 'DT_FLOAT', [3, 3, 3, 4]),
    constant('mean/axes', 'DT_INT32', [2]),
    constant('dense/kernel', 'DT_FLOAT', [4, 10]),
    constant('dense/bias', 'DT_FLOAT', [10]),
    {
      name: 'conv/Conv2D',
      op: 'Conv2D',
      input: ['image', 'conv/kernel'],
      attr: {
        T: f32,
        strides: ints([1, 1, 1, 1]),
        padding: str('SAME'),
        data_format: str('NHWC'),
        dilations: ints([1, 1, 1, 1]),
      },
    },
    { name: 'conv/Relu', op: 'Relu', input: ['conv/Conv2D'], attr: { T: f32 } },
    {
      name: 'mean',
      op: 'Mean',
      input: ['conv/Relu', 'mean/axes'],
      attr: { T: f32, keep_dims: { b: false }, Tidx: { type: 'DT_INT32' } },
    },
    {
      name: 'dense/MatMul',
      op: 'MatMul',
      input: ['mean', 'dense/kernel'],
      attr: { T: f32, transpose_a: { b: false }, transpose_b: { b: false } },
    },
    {
      name: 'dense/BiasAdd',
      op: 'BiasAdd',
      input: ['dense/MatMul', 'dense/bias'],
      attr: { T: f32, data_format: str('NHWC') },
    },
    { name: 'probabilities', op: 'Softmax', input: ['dense/BiasAdd'], attr: { T: f32 } },
  ];
  const weights = tf.tidy(() => ({
    'conv/kernel': tf.randomNormal([3, 3, 3, 4], 0, 0.5, 'float32', 7),
    'mean/axes': tf.tensor1d([1, 2], 'int32'),
    'dense/kernel': tf.randomNormal([4, 10], 0, 1, 'float32', 8),
    'dense/bias': tf.randomNormal([10], 0, 0.1, 'float32', 9),
  }));
  return tf.io.encodeWeights(weights).then(({ data, specs }) => {
    tf.dispose(Object.values(weights));
    const json = {
      format: 'graph-model',
      generatedBy: 'scripts/make-test-models.mjs',
      convertedBy: null,
      modelTopology: { node: nodes, library: {}, versions: { producer: 1 } },
      weightsManifest: [{ paths: ['weights.bin'], weights: specs }],
    };
    writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
    writeFileSync(join(dir, 'weights.bin'), Buffer.from(data));
    console.log(`wrote ${dir}`);
  });
}

function writeBroken() {
  const dir = join(OUT, 'broken');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'not-json.json'),
    '<!doctype html><title>Not found</title><p>This is a web page.</p>\n',
  );
  writeFileSync(join(dir, 'not-a-model.json'), JSON.stringify({ name: 'a JSON file', values: [1, 2, 3] }));
  // A real topology whose weights file is not there.
  const topology = { class_name: 'Sequential', config: { name: 's', layers: [] } };
  writeFileSync(
    join(dir, 'missing-weights.json'),
    JSON.stringify({
      format: 'layers-model',
      modelTopology: topology,
      weightsManifest: [
        { paths: ['no-such-weights.bin'], weights: [{ name: 'w', shape: [2], dtype: 'float32' }] },
      ],
    }),
  );
  console.log(`wrote ${dir}`);
}

/**
 * Two copies of digits-tiny that load but are wrong, for the hostile-input tests:
 * - mismatched/: model.json says 8 conv filters, the weights hold 4 (tfjs: "Shape mismatch").
 * - nan-weights/: the right description with every weight NaN (the model outputs NaN).
 */
function writeWrongDigits() {
  const source = JSON.parse(readFileSync(join(OUT, 'digits-tiny', 'model.json'), 'utf8'));
  const weights = readFileSync(join(OUT, 'digits-tiny', 'weights.bin'));
  const mismatched = structuredClone(source);
  mismatched.modelTopology.config.layers[0].config.filters = 8;
  mkdirSync(join(OUT, 'mismatched'), { recursive: true });
  writeFileSync(join(OUT, 'mismatched', 'model.json'), JSON.stringify(mismatched));
  writeFileSync(join(OUT, 'mismatched', 'weights.bin'), weights);
  mkdirSync(join(OUT, 'nan-weights'), { recursive: true });
  writeFileSync(join(OUT, 'nan-weights', 'model.json'), JSON.stringify(source));
  writeFileSync(
    join(OUT, 'nan-weights', 'weights.bin'),
    Buffer.from(new Float32Array(weights.length / 4).fill(NaN).buffer),
  );
  console.log('wrote mismatched and nan-weights');
}

for (const [make, name] of [
  [mobilenetLike, 'mobilenet-like'],
  [digitsTiny, 'digits-tiny'],
]) {
  const model = make();
  await saveLayers(model, name);
  model.dispose();
}
await writeGraphTiny();
writeBroken();
writeWrongDigits();
