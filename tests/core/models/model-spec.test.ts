import { expect } from '@open-wc/testing';
import * as tf from '@tensorflow/tfjs-core';
import { ensureBackend } from '../../../src/core/runtime/backend.tf.js';
import {
  PRESETS,
  PRESET_NAMES,
  SpecError,
  checkStack,
  kerasLayerNames,
  parseLayers,
  parsePreset,
  type LayerSpec,
} from '../../../src/core/models/model-spec.js';
import { buildModel, modelMismatch, summarize } from '../../../src/core/models/model-build.tf.js';

/** Keras' parameter counts, by hand: conv k·k·cin·f + f, dense in·out + out. */
const convParams = (k: number, cin: number, f: number) => k * k * cin * f + f;
const denseParams = (i: number, o: number) => i * o + o;

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a throw');
}

describe('model-spec', () => {
  before(async () => {
    await ensureBackend('cpu');
  });

  it('names layers as Keras does, counting each kind, around the names a base already has', () => {
    const types = (...t: LayerSpec['type'][]) => t.map((type) => ({ type }));
    expect(
      kerasLayerNames(
        types(
          'conv2d',
          'batchNormalization',
          'maxPooling2d',
          'conv2d',
          'averagePooling2d',
          'dropout',
          'conv2d',
        ),
      ),
    ).to.deep.equal([
      'conv2d',
      'batch_normalization',
      'max_pooling2d',
      'conv2d_1',
      'average_pooling2d',
      'dropout',
      'conv2d_2',
    ]);
    expect(
      kerasLayerNames(types('globalAveragePooling2d', 'flatten', 'dense', 'dense'), ['dense', 'flatten']),
    ).to.deep.equal(['global_average_pooling2d', 'flatten_1', 'dense_1', 'dense_2']);
  });

  it('builds the basic preset with the layer table Keras prints for it', () => {
    const model = buildModel(PRESETS.basic.layers, 1);
    try {
      const rows = summarize(model);
      expect(rows.map((r) => r.type)).to.deep.equal(['Conv2D', 'MaxPooling2D', 'Flatten', 'Dense', 'Dense']);
      // Named as a fresh Keras session names them, however many models the page built before.
      expect(rows.map((r) => r.name)).to.deep.equal([
        'conv2d',
        'max_pooling2d',
        'flatten',
        'dense',
        'dense_1',
      ]);
      expect(rows.map((r) => r.outputShape)).to.deep.equal([[26, 26, 32], [13, 13, 32], [5408], [100], [10]]);
      expect(rows.map((r) => r.params)).to.deep.equal([
        convParams(3, 1, 32),
        0,
        0,
        denseParams(5408, 100),
        denseParams(100, 10),
      ]);
      expect(rows.reduce((s, r) => s + r.params, 0)).to.equal(542230);
      expect(model.countParams()).to.equal(542230);
    } finally {
      model.dispose();
    }
  });

  it('gives every preset a table that matches its tfjs model and the shape check', () => {
    for (const name of PRESET_NAMES) {
      const model = buildModel(PRESETS[name].layers, 3);
      try {
        const rows = summarize(model);
        expect(
          rows.map((r) => r.outputShape),
          name,
        ).to.deep.equal(checkStack(PRESETS[name].layers));
        const weights = model.getWeights().reduce((s, w) => s + w.size, 0);
        expect(
          rows.reduce((s, r) => s + r.params, 0),
          name,
        ).to.equal(weights);
        expect(modelMismatch(model)).to.equal(undefined);
      } finally {
        model.dispose();
      }
    }
    // two-conv by hand: 26→13→11→5, 5·5·64 = 1600 into the dense layer.
    const two = checkStack(PRESETS['two-conv'].layers);
    expect(two[4]).to.deep.equal([1600]);
    const three = checkStack(PRESETS['three-conv'].layers);
    expect(three[4]).to.deep.equal([3, 3, 64]);
  });

  it('builds the same starting weights from the same seed, different ones from another', async () => {
    const a = buildModel(PRESETS.basic.layers, 5);
    const b = buildModel(PRESETS.basic.layers, 5);
    const c = buildModel(PRESETS.basic.layers, 6);
    try {
      const first = async (m: typeof a) => Array.from((await m.getWeights()[0].data()).slice(0, 20));
      expect(await first(a)).to.deep.equal(await first(b));
      expect(await first(a)).not.to.deep.equal(await first(c));
    } finally {
      [a, b, c].forEach((m) => m.dispose());
    }
  });

  it('parses layers JSON and custom stacks with padding, strides and dropout', () => {
    const layers = parseLayers(
      '[{"type":"conv2d","filters":4,"kernelSize":[5,5],"padding":"same","activation":"relu"},' +
        '{"type":"averagePooling2d","poolSize":2},{"type":"batchNormalization"},{"type":"dropout","rate":0.25},' +
        '{"type":"flatten"},{"type":"dense","units":10,"activation":"softmax"}]',
    );
    expect(checkStack(layers).map((s) => s.join('×'))).to.deep.equal([
      '28×28×4',
      '14×14×4',
      '14×14×4',
      '14×14×4',
      '784',
      '10',
    ]);
    const model = buildModel(layers, 1);
    try {
      const rows = summarize(model);
      expect(rows[0].params).to.equal(5 * 5 * 1 * 4 + 4);
      expect(rows[2].params).to.equal(4 * 4); // gamma, beta, moving mean, moving variance
      expect(rows[5].params).to.equal(denseParams(784, 10));
    } finally {
      model.dispose();
    }
  });

  it('explains an impossible stack with the course’s advice, naming the layer', () => {
    const stack: LayerSpec[] = [];
    for (let i = 0; i < 4; i++)
      stack.push({ type: 'conv2d', filters: 4, kernelSize: 3 }, { type: 'maxPooling2d', poolSize: 2 });
    stack.push({ type: 'flatten' }, { type: 'dense', units: 10, activation: 'softmax' });
    // 28→26→13→11→5→3→1→(conv 3×3 on 1×1: nothing)
    const e = thrown(() => checkStack(stack));
    expect(e).to.be.instanceOf(SpecError);
    expect(e.message).to.contain('Layer 7 (conv2d)');
    expect(e.message).to.contain('1×1 map');
    expect(e.message).to.contain('fewer pooling layers');
    expect(e.message).to.contain('smaller pool');
    expect(e.message).to.contain('"padding": "same"');
    // The same stack with same padding fits: 28→14→7→4→2.
    const same = stack.map((l) => (l.type === 'conv2d' ? { ...l, padding: 'same' as const } : l));
    expect(checkStack(same)[7]).to.deep.equal([1, 1, 4]);
  });

  it('rejects bad layers with messages that say what to write', () => {
    expect(thrown(() => parseLayers('[{"type":"conv2d"')).message).to.contain('not valid JSON');
    expect(thrown(() => parseLayers('[{"type":"lstm"}]')).message).to.contain('unknown type "lstm"');
    expect(thrown(() => parseLayers('[{"type":"dense","units":0}]')).message).to.contain('"units"');
    expect(thrown(() => parseLayers('[]')).message).to.contain('non-empty');
    expect(thrown(() => parseLayers('[{"type":"dropout","rate":2}]')).message).to.contain('between 0 and 1');
    expect(
      thrown(() => checkStack([{ type: 'dense', units: 10, activation: 'softmax' }])).message,
    ).to.contain('flatten');
    expect(
      thrown(() => checkStack([{ type: 'flatten' }, { type: 'dense', units: 5, activation: 'softmax' }]))
        .message,
    ).to.contain('"units": 10');
    expect(thrown(() => parsePreset('vgg16')).message).to.contain('basic, two-conv, three-conv, dense-only');
    expect(tf.memory().numTensors).to.be.a('number');
  });
});
