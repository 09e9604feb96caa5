import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import '../../src/elements/filter-grid/define.js';
import '../../src/elements/conv-filter-playground/define.js';
import '../../src/elements/cnn-trainer/define.js';
import '../../src/elements/pretrained-classifier/define.js';
import { pixelsToInput } from '../../src/core/images/preprocess.tf.js';
import type { PretrainedClassifier } from '../../src/elements/pretrained-classifier/pretrained-classifier.js';
import type { FilterGrid, FilterSelectDetail } from '../../src/elements/filter-grid/filter-grid.js';
import type { ConvFilterPlayground } from '../../src/elements/conv-filter-playground/conv-filter-playground.js';
import type { CnnTrainer } from '../../src/elements/cnn-trainer/cnn-trainer.js';
import { ensureBackend } from '../../src/core/runtime/backend.tf.js';
import { expectTensorsBackTo, idle, until } from '../helpers.js';

/** A small seeded CNN: two conv layers (4 then 6 filters) and a dense head. */
function smallModel(inputShape: [number, number, number], seed = 1): tfl.LayersModel {
  const init = (s: number) => tfl.initializers.glorotUniform({ seed: seed * 10 + s });
  const model = tfl.sequential();
  model.add(
    tfl.layers.conv2d({
      inputShape,
      filters: 4,
      kernelSize: 3,
      activation: 'relu',
      kernelInitializer: init(1),
      biasInitializer: 'ones',
      name: `convA${seed}`,
    }),
  );
  model.add(
    tfl.layers.conv2d({
      filters: 6,
      kernelSize: 3,
      activation: 'relu',
      kernelInitializer: init(2),
      name: `convB${seed}`,
    }),
  );
  model.add(tfl.layers.flatten());
  model.add(
    tfl.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: init(3), name: `head${seed}` }),
  );
  return model;
}

/** The model holder a page might have: `.model` and `model-change`, defined whenever the test likes. */
class ModelHolder extends HTMLElement {
  private current?: tfl.LayersModel;
  get model() {
    return this.current;
  }
  set model(m: tfl.LayersModel | undefined) {
    this.current = m;
    this.dispatchEvent(new CustomEvent('model-change', { detail: { model: m } }));
  }
}

const part = (el: HTMLElement, name: string) =>
  el.shadowRoot!.querySelector(`[part~="${name}"]`) as HTMLElement;
const tiles = (el: HTMLElement) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="tile"]')];
const errors = (el: HTMLElement) => {
  const seen: string[] = [];
  el.addEventListener('cnn-error', (e) => seen.push(e.detail.message));
  return seen;
};

async function weightsOf(model: tfl.LayersModel, layer: number): Promise<Float32Array> {
  return (await model.layers[layer].getWeights()[0].data()) as Float32Array;
}

/** A 10×10 RGB picture as a PNG data URL (lossless, so the test knows every pixel). */
function picture(): { url: string; pixels: Float32Array } {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 10;
  const ctx = canvas.getContext('2d')!;
  const img = ctx.createImageData(10, 10);
  const pixels = new Float32Array(300);
  for (let i = 0; i < 100; i++) {
    for (let c = 0; c < 3; c++) img.data[4 * i + c] = pixels[3 * i + c] = (i * 23 + c * 71) % 256;
    img.data[4 * i + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
  return { url: canvas.toDataURL('image/png'), pixels };
}

describe('<filter-grid>', () => {
  before(async () => {
    // Every element on this page shares the backend: the CPU keeps training in the tests quick.
    await ensureBackend('cpu');
    if (!customElements.get('test-model-holder')) customElements.define('test-model-holder', ModelHolder);
  });

  it('draws every filter of the first conv layer with the model’s own weights, and reads them back', async () => {
    const model = smallModel([12, 12, 1]);
    const wrapper = await fixture(
      html`<div><test-model-holder id="h1"></test-model-holder><filter-grid for="h1"></filter-grid></div>`,
    );
    (wrapper.querySelector('#h1') as ModelHolder).model = model;
    const grid = wrapper.querySelector('filter-grid') as FilterGrid;
    await grid.ready;
    await until(() => tiles(grid).length === 4, 'four filter tiles');
    const filters = await grid.getFilters();
    expect(filters.shape).to.deep.equal([3, 3, 1, 4]);
    expect(filters.layer).to.equal('convA1');
    expect(Array.from(filters.values)).to.deep.equal(Array.from(await weightsOf(model, 0)));
    expect(tiles(grid).map((t) => t.dataset.index)).to.deep.equal(['0', '1', '2', '3']);
    // The details of the focused filter list its weights (filter 0, kernel row-major) and bias (1).
    const w = await weightsOf(model, 0);
    const first = Array.from({ length: 9 }, (_, i) => w[i * 4]);
    const cells = [...part(grid, 'details').querySelectorAll('td')].map((td) => Number(td.textContent));
    cells.forEach((v, i) => expect(v).to.be.closeTo(first[i], 1e-3));
    expect(part(grid, 'details').textContent).to.contain('bias 1');

    grid.layer = '1';
    await until(() => tiles(grid).length === 6, 'six tiles of the second conv layer');
    const second = await grid.getFilters();
    expect(second.shape).to.deep.equal([3, 3, 4, 6]);
    expect(Array.from(second.values)).to.deep.equal(Array.from(await weightsOf(model, 1)));
    model.dispose();
  });

  it('computes activation maps equal to the model truncated at the layer', async () => {
    const model = smallModel([10, 10, 3], 2);
    const { url, pixels } = picture();
    const wrapper = await fixture(html`<div>
      <test-model-holder id="h2"></test-model-holder>
      <filter-grid for="h2" view="activations" layer="convB2" src=${url}></filter-grid>
    </div>`);
    (wrapper.querySelector('#h2') as ModelHolder).model = model;
    const grid = wrapper.querySelector('filter-grid') as FilterGrid;
    await grid.ready;
    await until(() => tiles(grid).length === 6, 'six activation tiles');
    await idle(grid);
    const got = await grid.getActivations();
    // Independently: the image scaled to 0..1, through a model cut at convB2's output.
    const cut = tfl.model({
      inputs: model.inputs,
      outputs: model.getLayer('convB2').output,
    });
    const want = tf.tidy(() => cut.predict(tf.div(tf.tensor4d(pixels, [1, 10, 10, 3]), 255)) as tf.Tensor);
    expect(got.shape).to.deep.equal([6, 6, 6]);
    const expected = await want.data();
    want.dispose();
    expect(Math.max(...got.values.map((v, i) => Math.abs(v - expected[i])))).to.be.below(1e-4);
    model.dispose();
  });

  it('follows a source defined after the grid, and one replaced by another with the same id', async () => {
    const tag = `late-holder-${Math.random().toString(36).slice(2)}`;
    const wrapper = await fixture(html`<div></div>`);
    wrapper.innerHTML = `<filter-grid for="h3"></filter-grid><${tag} id="h3"></${tag}>`;
    const grid = wrapper.querySelector('filter-grid') as FilterGrid;
    const seen = errors(grid);
    await grid.ready;
    const a = smallModel([12, 12, 1], 3);
    customElements.define(tag, class extends ModelHolder {});
    (wrapper.querySelector('#h3') as ModelHolder).model = a;
    await until(() => tiles(grid).length === 4, 'the late source’s filters');
    expect((await grid.getFilters()).layer).to.equal('convA3');
    expect(seen.every((m) => !m.includes('No element'))).to.equal(true);

    const b = smallModel([12, 12, 1], 4);
    const replacement = document.createElement(tag) as ModelHolder;
    replacement.model = b;
    wrapper.querySelector('#h3')!.remove();
    replacement.id = 'h3';
    wrapper.append(replacement);
    await until(
      () => part(grid, 'details')?.textContent?.includes('convA4') ?? false,
      'the replacement’s filters',
    );
    expect(Array.from((await grid.getFilters()).values)).to.deep.equal(Array.from(await weightsOf(b, 0)));
    a.dispose();
    b.dispose();
  });

  it('selecting a filter fires filter-select, and a linked playground takes it as its kernel', async () => {
    const model = smallModel([12, 12, 1], 5);
    const wrapper = await fixture(html`<div>
      <test-model-holder id="h5"></test-model-holder>
      <filter-grid id="grid5" for="h5"></filter-grid>
      <conv-filter-playground for="grid5" max-size="16" sample="coins"></conv-filter-playground>
    </div>`);
    (wrapper.querySelector('#h5') as ModelHolder).model = model;
    const grid = wrapper.querySelector('filter-grid') as FilterGrid;
    const playground = wrapper.querySelector('conv-filter-playground') as ConvFilterPlayground;
    await grid.ready;
    await playground.ready;
    await until(() => tiles(grid).length === 4, 'tiles');
    const w = await weightsOf(model, 0);
    const kernelOf = (f: number) => [0, 1, 2].map((r) => [0, 1, 2].map((c) => w[(r * 3 + c) * 4 + f]));

    const event = oneEvent(grid, 'filter-select');
    tiles(grid)[2].click();
    const { detail } = (await event) as CustomEvent<FilterSelectDetail>;
    expect(detail.index).to.equal(2);
    expect(detail.layer).to.equal('convA5');
    expect(detail.kernel).to.deep.equal(kernelOf(2));
    expect(playground.kernel).to.deep.equal(kernelOf(2));

    // Keyboard: arrows move between tiles, Enter selects.
    tiles(grid)[2].focus();
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'Enter' });
    await until(
      () => JSON.stringify(playground.kernel) === JSON.stringify(kernelOf(3)),
      'filter 3 in the playground',
    );
    expect(tiles(grid)[3].getAttribute('aria-selected')).to.equal('true');
    model.dispose();
  });

  it('shows what a linked classifier’s first layer does to the picture it classified', async () => {
    const wrapper = await fixture(html`<div>
      <pretrained-classifier id="c8"></pretrained-classifier>
      <filter-grid for="c8" view="activations"></filter-grid>
    </div>`);
    const classifier = wrapper.querySelector('pretrained-classifier') as PretrainedClassifier;
    const grid = wrapper.querySelector('filter-grid') as FilterGrid;
    await classifier.ready;
    await grid.ready;
    // A white "7" on black, drawn here.
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 56;
    const ctx = canvas.getContext('2d')!;
    ctx.fillRect(0, 0, 56, 56);
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = 6;
    ctx.beginPath();
    ctx.moveTo(12, 12);
    ctx.lineTo(44, 12);
    ctx.lineTo(24, 48);
    ctx.stroke();
    const image = ctx.getImageData(0, 0, 56, 56);
    await classifier.classify(image);
    await until(
      () => grid.shadowRoot!.querySelector('canvas.picture')?.getAttribute('width') === '56',
      'the grid to take the classified picture',
    );
    await idle(grid);
    const got = await grid.getActivations();
    const model = classifier.model as tfl.LayersModel;
    const conv = model.layers.find((l) => l.getClassName() === 'Conv2D')!;
    const cut = tfl.model({ inputs: model.inputs, outputs: conv.output });
    const x = pixelsToInput(image, { height: 28, width: 28, channels: 1, preset: 'mnist' });
    const want = cut.predict(x) as tf.Tensor;
    const expected = await want.data();
    tf.dispose([x, want]);
    expect(got.shape).to.deep.equal(want.shape.slice(1));
    expect(Math.max(...got.values.map((v, i) => Math.abs(v - expected[i])))).to.be.below(1e-4);
  });

  it('explains a missing source, a model-less source, no conv layer, a bad layer and a dense layer', async () => {
    const wrapper = await fixture(html`<div>
      <div id="plain"></div>
      <test-model-holder id="h6"></test-model-holder>
      <filter-grid for="nobody"></filter-grid>
    </div>`);
    const grid = wrapper.querySelector('filter-grid') as FilterGrid;
    const seen = errors(grid);
    await grid.ready;
    await until(
      () => part(grid, 'error')?.textContent?.includes('No element with id "nobody"') ?? false,
      'the missing-source error',
    );

    grid.for = 'plain';
    await until(() => (seen.at(-1) ?? '').includes('has no model'), 'the no-model error');
    expect(seen.at(-1)).to.contain('#plain is a <div>');

    grid.for = 'h6';
    await until(() => (seen.at(-1) ?? '').includes('no model yet'), 'the model-not-yet error');

    const dense = tfl.sequential({
      layers: [tfl.layers.dense({ inputShape: [4], units: 2, name: 'only_dense' })],
    });
    (wrapper.querySelector('#h6') as ModelHolder).model = dense;
    await until(() => (seen.at(-1) ?? '').includes('no convolution layer'), 'the no-conv error');

    const model = smallModel([12, 12, 1], 6);
    (wrapper.querySelector('#h6') as ModelHolder).model = model;
    await until(() => tiles(grid).length === 4, 'tiles');
    grid.layer = '5';
    await until(() => (seen.at(-1) ?? '').includes('out of range'), 'the out-of-range error');
    expect(seen.at(-1)).to.contain('the model has 2 conv layers (0: convA6 (3×3×1×4), 1: convB6 (3×3×4×6))');
    grid.layer = 'head6';
    await until(() => (seen.at(-1) ?? '').includes('is a Dense layer'), 'the dense-layer error');
    // The previous filters stay on show.
    expect(tiles(grid)).to.have.length(4);
    expect(part(grid, 'error').textContent).to.contain('not a convolution');
    dense.dispose();
    model.dispose();
  });

  it('loads a LayersModel from model-url and refuses a graph model with a reason', async () => {
    const grid = await fixture<FilterGrid>(
      html`<filter-grid model-url="/tests/fixtures/models/digits-tiny/model.json"></filter-grid>`,
    );
    const seen = errors(grid);
    await grid.ready;
    await until(() => tiles(grid).length > 0, 'tiles of the fixture model');
    const shape = (await grid.getFilters()).shape;
    expect(tiles(grid)).to.have.length(shape[3]);
    grid.modelUrl = '/tests/fixtures/models/graph-tiny/model.json';
    await until(() => seen.length > 0, 'the graph-model error');
    expect(seen[0]).to.contain('graph model');
    grid.modelUrl = '/tests/fixtures/models/nothing-here/model.json';
    await until(() => seen.length > 1, 'the 404 error');
    expect(seen[1]).to.contain('404');
    expect(tiles(grid)).to.have.length(shape[3]);
  });

  it('follows a training <cnn-trainer> live, snapshots each epoch, and leaks nothing', async () => {
    // Elements of earlier tests release their models a moment after they leave the page.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const baseline = tf.memory().numTensors;
    const wrapper = await fixture(html`<div>
      <cnn-trainer id="t7" preset="basic" train-size="64" epochs="2" batch-size="32"></cnn-trainer>
      <filter-grid for="t7"></filter-grid>
    </div>`);
    const trainer = wrapper.querySelector('cnn-trainer') as CnnTrainer;
    const grid = wrapper.querySelector('filter-grid') as FilterGrid;
    await trainer.ready;
    await grid.ready;
    await until(() => tiles(grid).length === 32, 'the 32 filters of the basic model', 20000);
    const before = await grid.getFilters();
    const snapshots: number[] = [];
    grid.addEventListener('snapshot', (e) =>
      snapshots.push((e as CustomEvent<{ epoch: number }>).detail.epoch),
    );
    await trainer.train();
    await until(() => snapshots.length === 2, 'a snapshot per epoch', 20000);
    await idle(grid);
    const after = await grid.getFilters();
    // Training changed the weights, and the grid shows the trained ones.
    expect(Array.from(after.values)).to.not.deep.equal(Array.from(before.values));
    expect(Array.from(after.values)).to.deep.equal(Array.from(await weightsOf(trainer.model!, 0)));
    expect(part(grid, 'timeline')).to.exist;
    await expect(grid).to.be.accessible();
    wrapper.remove();
    await expectTensorsBackTo(baseline);
  });
});
