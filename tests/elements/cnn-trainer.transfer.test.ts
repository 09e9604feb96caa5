import { expect, fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import '../../src/elements/cnn-trainer/define.js';
import type { CnnTrainer } from '../../src/elements/cnn-trainer/cnn-trainer.js';
import type { CnnErrorDetail } from '../../src/elements/events.js';
import { ensureBackend } from '../../src/core/backend.js';
import { seededRandom } from '../../src/core/random.js';
import { expectTensorsBackTo, until } from '../helpers.js';
import { drawSymbol } from '../draw-symbols.js';

const SHAPES = ['bar', 'dash', 'ring'] as const;
const drawShape = (k: number, next: () => number) => drawSymbol(SHAPES[k], next);

const errorText = (el: CnnTrainer) => el.shadowRoot!.querySelector('[part="error"]')?.textContent ?? '';

async function withExamples(el: CnnTrainer, perClass: number, seed = 1) {
  const next = seededRandom(seed);
  for (let i = 0; i < perClass; i++) for (const [k, label] of ['bar', 'dash', 'ring'].entries()) await el.addExample(label, drawShape(k, next));
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
    const el = await fixture<CnnTrainer>(html`<cnn-trainer backend="cpu" dataset="custom" classes='["bar","dash","ring"]' base="digits" epochs="15"></cnn-trainer>`);
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
    const el = await fixture<CnnTrainer>(html`<cnn-trainer backend="cpu" dataset="custom" classes='["bar","dash","ring"]' base="digits" fine-tune="1" epochs="2"></cnn-trainer>`);
    await el.ready;
    await until(() => el.model !== undefined || errorText(el) !== '', 'the base model', 15000);
    const rows = el.summary();
    expect(rows.find((r) => r.name === 'conv1')!.trainableParams).to.equal(0);
    expect(rows.find((r) => r.name === 'conv2')!.trainableParams).to.equal(4640);
    expect(el.toKeras()).to.contain('for layer in base.layers[:-1]:');
    await withExamples(el, 4, 2);
    const model = el.model!;
    const conv1 = await weightsOf(model, 'conv1');
    const conv2 = await weightsOf(model, 'conv2');
    await el.train();
    expect(errorText(el)).to.equal('');
    expect(await weightsOf(model, 'conv1')).to.deep.equal(conv1);
    expect(await weightsOf(model, 'conv2')).not.to.deep.equal(conv2);
  });

  it('uses a fixture base-url, and refuses a base with no feature map or the wrong input with a clear message', async () => {
    const el = await fixture<CnnTrainer>(html`<cnn-trainer backend="cpu" dataset="custom" classes='["a","b"]' base-url="/tests/fixtures/models/digits-tiny/model.json"></cnn-trainer>`);
    await el.ready;
    await until(() => el.model !== undefined || errorText(el) !== '', 'the base model', 15000);
    expect(errorText(el)).to.equal('');
    expect(el.summary()[0]).to.deep.include({ name: 'conv', trainableParams: 0 });
    expect(el.toKeras()).to.contain("full.get_layer('pool').output");
    const good = el.model;

    const dense = tfl.sequential({ layers: [tfl.layers.flatten({ inputShape: [28, 28, 1] }), tfl.layers.dense({ units: 2 })] });
    await dense.save('indexeddb://cnn-trainer-flat-base');
    dense.dispose();
    let failed = oneEvent(el, 'cnn-error');
    el.baseUrl = 'indexeddb://cnn-trainer-flat-base';
    expect(((await failed) as CustomEvent<CnnErrorDetail>).detail.message).to.match(/no feature map to cut at/);
    expect(el.model).to.equal(good);

    failed = oneEvent(el, 'cnn-error');
    el.baseUrl = '/tests/fixtures/models/mobilenet-like/model.json';
    expect(((await failed) as CustomEvent<CnnErrorDetail>).detail.message).to.match(/224×224×3 images.*28×28 grey/);
    expect(el.model).to.equal(good);
  });
});
