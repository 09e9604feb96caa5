// Reads the trainer's Keras code back, in Node (no Python): a small parser written here
// turns every `layers.X(...)` call of the emitted code into a layer description and the
// test checks it against the layers the code was written from, for every preset and for
// stacks that use every layer type and argument. It also checks compile() and fit().
//   node --test tests/node/keras-parse.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importCoreModule } from '../../scripts/mnist-node.mjs';

const { toKerasCode } = await importCoreModule('src/core/models/keras-code.ts');
const spec = await importCoreModule('src/core/models/model-spec.ts');

/** Splits `a, (1, 2), b='x, y'` at the commas that are not inside brackets or quotes. */
function splitArgs(text) {
  const out = [];
  let depth = 0;
  let quote = '';
  let current = '';
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    else if (ch === ',' && depth === 0) {
      out.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}

/** A Python literal: 32, 0.25, 'relu', (3, 3). */
function literal(text) {
  if (/^'.*'$/.test(text)) return text.slice(1, -1);
  if (/^\(.*\)$/.test(text)) return splitArgs(text.slice(1, -1)).map(literal);
  if (/^-?\d+(\.\d+)?(e-?\d+)?$/.test(text)) return Number(text);
  throw new Error(`not a literal: ${text}`);
}

/** Parses one call `layers.Name(args)` into { name, args, kwargs }. */
function parseCall(line) {
  const m = /^\s*layers\.(\w+)\((.*)\),?\s*$/.exec(line);
  if (!m) return undefined;
  const args = [];
  const kwargs = {};
  for (const part of splitArgs(m[2])) {
    const kw = /^(\w+)=(.*)$/.exec(part);
    if (kw) kwargs[kw[1]] = literal(kw[2]);
    else args.push(literal(part));
  }
  return { name: m[1], args, kwargs };
}

const camel = (s) => s.replace(/_(\w)/g, (_, c) => c.toUpperCase());

/** The call as the trainer's layer description; drops what Keras defaults to. */
function toSpec({ name, args, kwargs }) {
  const common = {};
  if (kwargs.strides) common.strides = kwargs.strides;
  if (kwargs.padding) common.padding = kwargs.padding;
  switch (name) {
    case 'Conv2D':
      return {
        type: 'conv2d',
        filters: args[0],
        kernelSize: args[1],
        ...common,
        ...(kwargs.activation ? { activation: kwargs.activation } : {}),
        ...(kwargs.kernel_initializer ? { kernelInitializer: camel(kwargs.kernel_initializer) } : {}),
      };
    case 'MaxPooling2D':
    case 'AveragePooling2D':
      return {
        type: name === 'MaxPooling2D' ? 'maxPooling2d' : 'averagePooling2d',
        poolSize: args[0],
        ...common,
      };
    case 'Flatten':
      return { type: 'flatten' };
    case 'GlobalAveragePooling2D':
      return { type: 'globalAveragePooling2d' };
    case 'Dense':
      return {
        type: 'dense',
        units: args[0],
        ...(kwargs.activation ? { activation: kwargs.activation } : {}),
        ...(kwargs.kernel_initializer ? { kernelInitializer: camel(kwargs.kernel_initializer) } : {}),
      };
    case 'Dropout':
      return { type: 'dropout', rate: args[0] };
    case 'BatchNormalization':
      return { type: 'batchNormalization' };
    default:
      throw new Error(`unknown layer ${name}`);
  }
}

/** The layers inside `<name> = models.Sequential([ ... ])`, parsed. */
function sequential(code, name = 'model') {
  const lines = code.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`${name} = models.Sequential([`));
  assert.ok(start >= 0, `no ${name} = models.Sequential([ in\n${code}`);
  const end = lines.findIndex((l, i) => i > start && l.startsWith(']'));
  return lines
    .slice(start + 1, end)
    .map((l) => (l.trim().replace(/,$/, '') === 'base' ? 'base' : parseCall(l)));
}

/** The trainer's layer descriptions with the defaults the code leaves out made explicit. */
function normalise(layer) {
  const pair = (p) => (typeof p === 'number' ? [p, p] : p);
  const out = { ...layer };
  if (out.kernelSize !== undefined) out.kernelSize = pair(out.kernelSize);
  if (out.type === 'maxPooling2d' || out.type === 'averagePooling2d') out.poolSize = pair(out.poolSize ?? 2);
  if (out.strides !== undefined) out.strides = pair(out.strides);
  if (out.padding === 'valid') delete out.padding;
  if (out.activation === 'linear') delete out.activation;
  if (out.kernelInitializer === 'glorotUniform') delete out.kernelInitializer;
  return out;
}

const kwarg = (code, call, key) => new RegExp(`${call}\\([^]*?${key}=([^,)\\n]+)`).exec(code)?.[1];

for (const name of spec.PRESET_NAMES) {
  test(`the ${name} preset's Keras code reads back as its layers and settings`, () => {
    const preset = spec.PRESETS[name];
    const code = toKerasCode({ layers: preset.layers, hyper: preset.hyper, inputShape: spec.INPUT_SHAPE });
    const calls = sequential(code);
    assert.deepEqual(calls.map(toSpec), preset.layers.map(normalise));
    assert.deepEqual(calls[0].kwargs.input_shape, [28, 28, 1]);
    assert.ok(
      calls.slice(1).every((c) => c.kwargs.input_shape === undefined),
      'only the first layer gives input_shape',
    );
    assert.equal(Number(kwarg(code, 'model.fit', 'epochs')), preset.hyper.epochs);
    assert.equal(Number(kwarg(code, 'model.fit', 'batch_size')), preset.hyper.batchSize);
    const split = kwarg(code, 'model.fit', 'validation_split');
    assert.equal(split === undefined ? 0 : Number(split), preset.hyper.validationSplit);
    assert.match(code, /model\.compile\(optimizer=/);
    assert.match(code, /metrics=\['accuracy'\]\)/);
    assert.match(code, /^from tensorflow\.keras import layers, models/m);
    const optimizer = kwarg(code, 'model.compile', 'optimizer');
    if (preset.hyper.optimizer === 'adam' && preset.hyper.learningRate === 0.001)
      assert.equal(optimizer, "'adam'");
    if (preset.hyper.optimizer === 'momentum') {
      assert.match(
        code,
        new RegExp(`optimizers\\.SGD\\(learning_rate=${preset.hyper.learningRate}, momentum=0\\.9\\)`),
      );
      assert.match(code, /import layers, models, optimizers/);
    }
  });
}

test('every layer type and argument reads back', () => {
  const layers = spec.parseLayers([
    {
      type: 'conv2d',
      filters: 8,
      kernelSize: [5, 3],
      strides: 2,
      padding: 'same',
      activation: 'tanh',
      kernelInitializer: 'glorotUniform',
    },
    { type: 'batchNormalization' },
    { type: 'averagePooling2d', poolSize: [3, 3], strides: [1, 1], padding: 'same' },
    { type: 'conv2d', filters: 4, kernelSize: 3 },
    { type: 'maxPooling2d' },
    { type: 'dropout', rate: 0.25 },
    { type: 'globalAveragePooling2d' },
    { type: 'dense', units: 16, activation: 'elu', kernelInitializer: 'heUniform' },
    { type: 'dense', units: 3, activation: 'softmax' },
  ]);
  spec.checkStack(layers, 3);
  const hyper = { epochs: 7, batchSize: 16, learningRate: 0.0005, optimizer: 'adam', validationSplit: 0.2 };
  const code = toKerasCode({ layers, hyper, inputShape: [28, 28, 1], classes: ['tick', 'cross', 'circle'] });
  assert.deepEqual(sequential(code).map(toSpec), layers.map(normalise));
  assert.equal(kwarg(code, 'model.compile', 'optimizer'), 'optimizers.Adam(learning_rate=0.0005');
  assert.equal(Number(kwarg(code, 'model.fit', 'validation_split')), 0.2);
  assert.match(code, /data\/tick\/, data\/cross\/, data\/circle\//);
});

test('a transfer-learning base comes first, frozen or partly unfrozen', () => {
  const base = [
    { type: 'conv2d', filters: 8, kernelSize: 3, activation: 'relu' },
    { type: 'maxPooling2d', poolSize: 2 },
  ];
  const head = [{ type: 'flatten' }, { type: 'dense', units: 2, activation: 'softmax' }];
  const hyper = { epochs: 3, batchSize: 8, learningRate: 0.001, optimizer: 'adam', validationSplit: 0 };
  const frozen = toKerasCode({
    layers: head,
    hyper,
    inputShape: [28, 28, 1],
    base: { kind: 'layers', name: 'digits_base', layers: base, weights: 'x', fineTune: 0 },
  });
  const baseCalls = sequential(frozen, 'base');
  assert.deepEqual(baseCalls.map(toSpec), base.map(normalise));
  assert.deepEqual(baseCalls[0].kwargs.input_shape, [28, 28, 1]);
  const model = sequential(frozen);
  assert.equal(model[0], 'base');
  assert.deepEqual(model.slice(1).map(toSpec), head.map(normalise));
  assert.match(frozen, /^base\.trainable = False/m);
  assert.doesNotMatch(frozen, /validation_split/);

  const tuned = toKerasCode({
    layers: head,
    hyper,
    inputShape: [224, 224, 3],
    base: { kind: 'model', url: 'https://x/model.json', cutAt: "conv'5", fineTune: 2 },
  });
  assert.match(tuned, /^base\.trainable = True$/m);
  assert.match(tuned, /^for layer in base\.layers\[:-2\]:\n {4}layer\.trainable = False$/m);
  assert.match(tuned, /get_layer\('conv\\'5'\)\.output/);
  assert.match(tuned, /^full = models\.load_model\('model\.h5'\) {2}# input_shape=\(224, 224, 3\)$/m);
});
