import { expect, fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import '../../src/elements/cnn-trainer/define.js';
import type { CnnTrainer } from '../../src/elements/cnn-trainer/cnn-trainer.js';
import type { CnnErrorDetail } from '../../src/elements/events.js';
import { ensureBackend } from '../../src/core/runtime/backend.tf.js';
import { seededRandom } from '../../src/core/math/random.js';
import { expectTensorsBackTo, maxDiff, settledTensorCount, until } from '../helpers.js';
import { drawSymbol } from '../draw-symbols.js';

const SHAPES = ['bar', 'dash', 'ring'] as const;
const drawShape = (k: number, next: () => number) => drawSymbol(SHAPES[k], next);

const errorText = (el: CnnTrainer) => el.shadowRoot!.querySelector('[part="error"]')?.textContent ?? '';
/** The progress line, which names where the batches ran and on which backend. */
const progressText = (el: CnnTrainer) => el.shadowRoot!.querySelector('[part="progress"]')!.textContent!;

async function withExamples(el: CnnTrainer, perClass: number, seed = 1) {
  const next = seededRandom(seed);
  for (let i = 0; i < perClass; i++)
    for (const [k, label] of ['bar', 'dash', 'ring'].entries())
      await el.addExample(label, drawShape(k, next));
}

async function weightsOf(model: tfl.LayersModel, name: string): Promise<Float32Array> {
  return (await model.getLayer(name).getWeights()[0].data()) as Float32Array;
}

describe('<cnn-trainer> transfer learning', () => {
  before(async () => {
    await ensureBackend('cpu');
  });
  afterEach(() => fixtureCleanup());

  it('trains a new head on the frozen digit base, and says which parameters are frozen', async function () {
    this.timeout(180000);
    const baseline = tf.memory().numTensors;
    const el = await fixture<CnnTrainer>(
      html`<cnn-trainer backend="cpu" dataset="custom" classes='["bar","dash","ring"]' base="digits" epochs="15"></cnn-trainer>`,
    );
    await el.ready;
    await until(() => el.model !== undefined || errorText(el) !== '', 'the base model', 15000);
    expect(errorText(el)).to.equal('');
    const model = el.model!;
    // The shipped digit CNN's conv layers (conv1 16 3×3 filters on 1 channel, conv2 32 on 16), then the head.
    const rows = el.summary();
    const conv1 = rows.find((r) => r.name === 'conv1')!;
    const conv2 = rows.find((r) => r.name === 'conv2')!;
    expect(conv1).to.deep.include({ params: 3 * 3 * 1 * 16 + 16, trainableParams: 0 });
    expect(conv2).to.deep.include({ params: 3 * 3 * 16 * 32 + 32, trainableParams: 0 });
    expect(rows[rows.length - 1]).to.deep.include({ outputShape: [3] });
    expect(rows[rows.length - 1].trainableParams).to.equal(rows[rows.length - 1].params);
    await el.updateComplete;
    const frozenCell = el.shadowRoot!.querySelector('tfoot tr.frozen td')!.textContent;
    expect(frozenCell).to.equal((160 + 4640).toLocaleString('en-US'));
    expect(el.toKeras()).to.match(/^base = models\.Sequential\(\[\n {4}layers\.Conv2D\(16, \(3, 3\)/m);
    expect(el.toKeras()).to.contain('base.trainable = False');

    await withExamples(el, 10);
    const before = await weightsOf(model, 'conv1');
    await el.train();
    expect(errorText(el)).to.equal('');
    // The features are computed here; the head trains on them in the worker, its weights copied back.
    expect(progressText(el)).to.contain('cpu in a Web Worker');
    expect(await weightsOf(model, 'conv1'), 'the frozen base does not change').to.deep.equal(before);
    const { accuracy, confusion } = await el.evaluate();
    expect(confusion).to.have.length(3);
    expect(accuracy).to.be.greaterThan(0.5);
    await expect(el).to.be.accessible();
    el.clearExamples();
    el.remove();
    await expectTensorsBackTo(baseline);
  });

  it('fine-tunes the base’s last layer with the head, leaving the rest frozen', async () => {
    const el = await fixture<CnnTrainer>(
      html`<cnn-trainer backend="cpu" dataset="custom" classes='["bar","dash","ring"]' base="digits" fine-tune="1" epochs="2"></cnn-trainer>`,
    );
    await el.ready;
    await until(() => el.model !== undefined || errorText(el) !== '', 'the base model', 15000);
    const rows = el.summary();
    expect(rows.find((r) => r.name === 'conv1')!.trainableParams).to.equal(0);
    expect(rows.find((r) => r.name === 'conv2')!.trainableParams).to.equal(4640);
    expect(el.toKeras()).to.contain('for layer in base.layers[:-1]:');
    // The unfrozen layer trains with a tenth of the basic preset's 0.01, in the page and in the notebook.
    expect(el.toKeras()).to.contain('optimizers.SGD(learning_rate=0.001, momentum=0.9)');
    await withExamples(el, 4, 2);
    const model = el.model!;
    const conv1 = await weightsOf(model, 'conv1');
    const conv2 = await weightsOf(model, 'conv2');
    await el.train();
    expect(errorText(el)).to.equal('');
    // The joined network trains in the worker, its frozen layers frozen there too.
    expect(progressText(el)).to.contain('cpu in a Web Worker');
    expect(await weightsOf(model, 'conv1')).to.deep.equal(conv1);
    expect(await weightsOf(model, 'conv2')).not.to.deep.equal(conv2);
  });

  it('uses a fixture base-url, and refuses a base with no feature map or the wrong input with a clear message', async () => {
    const el = await fixture<CnnTrainer>(
      html`<cnn-trainer backend="cpu" dataset="custom" classes='["a","b"]' base-url="/tests/fixtures/models/digits-tiny/model.json"></cnn-trainer>`,
    );
    await el.ready;
    await until(() => el.model !== undefined || errorText(el) !== '', 'the base model', 15000);
    expect(errorText(el)).to.equal('');
    expect(el.summary()[0]).to.deep.include({ name: 'conv', trainableParams: 0 });
    expect(el.toKeras()).to.contain("full.get_layer('pool').output");
    const good = el.model;

    const dense = tfl.sequential({
      layers: [tfl.layers.flatten({ inputShape: [28, 28, 1] }), tfl.layers.dense({ units: 2 })],
    });
    await dense.save('indexeddb://cnn-trainer-flat-base');
    dense.dispose();
    let failed = oneEvent(el, 'cnn-error');
    el.baseUrl = 'indexeddb://cnn-trainer-flat-base';
    expect(((await failed) as CustomEvent<CnnErrorDetail>).detail.message).to.match(
      /no feature map to cut at/,
    );
    expect(el.model).to.equal(good);

    const twoChannels = tfl.sequential({
      layers: [tfl.layers.conv2d({ inputShape: [8, 8, 2], filters: 2, kernelSize: 3 })],
    });
    await twoChannels.save('indexeddb://cnn-trainer-two-channel-base');
    twoChannels.dispose();
    failed = oneEvent(el, 'cnn-error');
    el.baseUrl = 'indexeddb://cnn-trainer-two-channel-base';
    expect(((await failed) as CustomEvent<CnnErrorDetail>).detail.message).to.match(
      /8×8×2 inputs.*1 \(grey\) or 3 \(RGB\) channels/,
    );
    expect(el.model).to.equal(good);
  });

  it('resizes each example’s own picture to a base-url base that takes 224×224 RGB, and trains a head over the reader’s classes', async function () {
    this.timeout(120000);
    // The previous test's element frees its model once its last work lands: start from a still count.
    const baseline = await settledTensorCount();
    const url = '/tests/fixtures/models/mobilenet-like/model.json';
    const el = await fixture<CnnTrainer>(
      html`<cnn-trainer backend="cpu" dataset="custom" classes='["red","blue"]' base-url=${url} epochs="30" optimizer="adam" learning-rate="0.03"></cnn-trainer>`,
    );
    await el.ready;
    await until(() => el.model !== undefined || errorText(el) !== '', 'the base model', 15000);
    expect(errorText(el)).to.equal('');
    expect(el.model!.inputs[0].shape).to.deep.equal([null, 224, 224, 3]);
    expect(el.toKeras()).to.contain('input_shape=(224, 224, 3)');
    expect(el.toKeras()).to.contain('target_size=(224, 224)');

    // A big coloured blob on grey (the fixture's random filters see colour weakly), 96×64 (not square: the
    // base's input is 224×224, stretched as Keras' target_size does).
    const picture = (colour: string, next: () => number) => {
      const canvas = document.createElement('canvas');
      canvas.width = 96;
      canvas.height = 64;
      const g = canvas.getContext('2d')!;
      g.fillStyle = '#808080';
      g.fillRect(0, 0, 96, 64);
      g.fillStyle = colour;
      g.beginPath();
      g.arc(36 + next() * 24, 26 + next() * 12, 18 + next() * 8, 0, Math.PI * 2);
      g.fill();
      return canvas;
    };
    const next = seededRandom(4);
    const first = picture('#d02020', next);
    await el.addExample('red', first);
    for (let i = 0; i < 7; i++)
      for (const c of ['red', 'blue'] as const)
        if (i || c === 'blue') await el.addExample(c, picture(c === 'red' ? '#d02020' : '#2040d0', next));
    expect(el.examples).to.deep.equal({ red: 7, blue: 7 });
    // Linked elements are offered the kept picture, as this base takes pictures in, not the 28×28 digit.
    const [red] = el.samples!;
    expect([red.label, red.image.width, red.image.height]).to.deep.equal(['red', 96, 64]);
    const drawn = first.getContext('2d')!.getImageData(0, 0, 96, 64).data;
    expect(maxDiff(Float32Array.from(red.image.data), Float32Array.from(drawn))).to.be.at.most(1);
    await el.updateComplete;
    // The memory shown counts the pictures (96×64 RGB) and the cached 56×56×16 float features.
    const memory = el.shadowRoot!.querySelector('.memory')!.textContent!.replace(/\s+/g, ' ');
    expect(memory).to.contain(
      `${((14 * (784 + 96 * 64 * 3)) / 1024).toFixed(0)} kB of 28×28 digits and pictures`,
    );
    expect(memory).to.contain(
      `${((14 * 56 * 56 * 16 * 4) / 1024 / 1024).toFixed(1)} MB of the base's features`,
    );

    await el.train();
    expect(errorText(el)).to.equal('');
    expect(progressText(el)).to.contain('cpu in a Web Worker');

    // Independent reference: the base loaded here, cut at its last feature map, on the picture resized by tf here.
    const full = await tfl.loadLayersModel(url);
    const cut = tfl.model({
      inputs: full.inputs,
      outputs: full.getLayer('conv_pw_relu').output as tfl.SymbolicTensor,
    });
    const inputOf = (canvas: HTMLCanvasElement) =>
      tf.tidy(() =>
        tf.expandDims(
          tf.div(
            tf.image.resizeBilinear(
              tf.cast(tf.browser.fromPixels(canvas), 'float32') as tf.Tensor3D,
              [224, 224],
              false,
              true,
            ),
            255,
          ),
        ),
      );
    const expected = tf.tidy(() => (cut.predict(inputOf(first)) as tf.Tensor).dataSync());
    const internals = el as unknown as {
      exampleSet: { examplesOf(l: string): Uint8Array[] };
      transfers: Map<unknown, { cache: WeakMap<Uint8Array, Float32Array> }>;
    };
    const cached = internals.transfers.get(el.model)!.cache.get(internals.exampleSet.examplesOf('red')[0])!;
    expect(cached.length).to.equal(56 * 56 * 16);
    let worst = 0;
    for (let i = 0; i < cached.length; i++) worst = Math.max(worst, Math.abs(cached[i] - expected[i]));
    expect(worst).to.be.lessThan(1e-4);

    // New pictures, predicted here from the element's model on the reference input.
    const fresh = seededRandom(40);
    let hits = 0;
    for (let i = 0; i < 5; i++) {
      for (const [label, colour] of ['#d02020', '#2040d0'].entries()) {
        const guess = tf.tidy(
          () => tf.argMax(el.model!.predict(inputOf(picture(colour, fresh))) as tf.Tensor, 1).dataSync()[0],
        );
        if (guess === label) hits++;
      }
    }
    expect(hits / 10).to.be.greaterThan(0.7);
    full.dispose();
    el.clearExamples();
    el.remove();
    await expectTensorsBackTo(baseline);
  });
});
