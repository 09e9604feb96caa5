/**
 * `<filter-grid view="network">`: every layer's output in model order (checked against
 * running the layers one by one with tfjs here), a selected conv map redone exactly by a
 * linked playground, keyboard, live following, and no tensors left behind.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import '../../src/elements/filter-grid/define.js';
import '../../src/elements/conv-filter-playground/define.js';
import '../../src/elements/cnn-trainer/define.js';
import '../../src/elements/pretrained-classifier/define.js';
import type { FilterGrid, FilterSelectDetail } from '../../src/elements/filter-grid/filter-grid.js';
import type { CnnTrainer } from '../../src/elements/cnn-trainer/cnn-trainer.js';
import type { ConvFilterPlayground } from '../../src/elements/conv-filter-playground/conv-filter-playground.js';
import type { CnnDrawPad } from '../../src/vis/draw-pad.js';
import { ensureBackend } from '../../src/core/runtime/backend.tf.js';
import { preprocessDigit } from '../../src/core/images/digit-preprocess.js';
import { idle, maxDiff, networkItems, until } from '../helpers.js';
import { drawSymbol } from '../draw-symbols.js';
import { seededRandom } from '../../src/core/math/random.js';
import { imageToExample } from '../../src/core/images/example-image.js';

/** conv → pool → conv → flatten → dense → dropout → softmax, seeded. */
function netModel(): tfl.LayersModel {
  const init = (s: number) => tfl.initializers.glorotUniform({ seed: 40 + s });
  const model = tfl.sequential();
  model.add(
    tfl.layers.conv2d({
      inputShape: [12, 12, 3],
      filters: 5,
      kernelSize: 3,
      activation: 'relu',
      kernelInitializer: init(1),
      biasInitializer: 'ones',
      name: 'c1',
    }),
  );
  model.add(tfl.layers.maxPooling2d({ poolSize: 2, name: 'p1' }));
  model.add(
    tfl.layers.conv2d({
      filters: 10,
      kernelSize: 2,
      padding: 'same',
      activation: 'tanh',
      kernelInitializer: init(2),
      name: 'c2',
    }),
  );
  model.add(tfl.layers.flatten({ name: 'f' }));
  model.add(tfl.layers.dense({ units: 7, activation: 'relu', kernelInitializer: init(3), name: 'd1' }));
  model.add(tfl.layers.dropout({ rate: 0.5, name: 'drop' }));
  model.add(tfl.layers.dense({ units: 4, activation: 'softmax', kernelInitializer: init(4), name: 'out' }));
  return model;
}

class Holder extends HTMLElement {
  private current?: tfl.LayersModel;
  get model() {
    return this.current;
  }
  set model(m: tfl.LayersModel | undefined) {
    this.current = m;
    this.dispatchEvent(new CustomEvent('model-change'));
  }
}

/** A 12×12 RGB PNG the test knows pixel by pixel. */
function picture(): { url: string; pixels: Float32Array } {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 12;
  const ctx = canvas.getContext('2d')!;
  const img = ctx.createImageData(12, 12);
  const pixels = new Float32Array(12 * 12 * 3);
  for (let i = 0; i < 144; i++) {
    for (let c = 0; c < 3; c++) img.data[4 * i + c] = pixels[3 * i + c] = (i * 37 + c * 59) % 256;
    img.data[4 * i + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
  return { url: canvas.toDataURL('image/png'), pixels };
}

/** Waits until the grid is ready and its network view drawn and idle. */
async function networkDrawn(grid: FilterGrid): Promise<void> {
  await grid.ready;
  await until(() => networkItems(grid).length > 0, 'the network to be drawn');
  await idle(grid);
}

/** The shipped digit model's network view in a box `width` px wide (unset: the page's), once drawn. */
async function shippedGrid(width?: number): Promise<FilterGrid> {
  const wrapper = await fixture(
    html`<div style=${width ? `width: ${width}px` : ''}><filter-grid view="network" backend="cpu"></filter-grid></div>`,
  );
  const grid = wrapper.querySelector('filter-grid') as FilterGrid;
  await networkDrawn(grid);
  return grid;
}

/** A network-view grid linked (`for=`) to a holder of `model`, showing the picture at `url`. */
async function linkedGrid(id: string, model: tfl.LayersModel, url: string, style = '') {
  const wrapper = await fixture(
    html`<div style=${style}><net-holder id=${id}></net-holder><filter-grid for=${id} view="network" src=${url}></filter-grid></div>`,
  );
  const holder = wrapper.querySelector('net-holder') as Holder;
  holder.model = model;
  const grid = wrapper.querySelector('filter-grid') as FilterGrid;
  return { grid, holder };
}

describe('<filter-grid view="network">', () => {
  before(async () => {
    await ensureBackend('cpu');
    if (!customElements.get('net-holder')) customElements.define('net-holder', Holder);
  });

  it('returns every layer’s output in model order, equal to applying the layers one by one', async () => {
    const model = netModel();
    const { url, pixels } = picture();
    const { grid } = await linkedGrid('nh1', model, url);
    await networkDrawn(grid);
    // view="network" is a valid choice: no message about it.
    expect(grid.shadowRoot!.querySelector('[part~="error"]')).to.equal(null);
    const got = await grid.getLayerOutputs();
    expect(got.map((o) => o.name)).to.deep.equal(['c1', 'p1', 'c2', 'f', 'd1', 'drop', 'out']);
    expect(got.map((o) => o.className)).to.deep.equal([
      'Conv2D',
      'MaxPooling2D',
      'Conv2D',
      'Flatten',
      'Dense',
      'Dropout',
      'Dense',
    ]);
    // Independently: the picture scaled to 0..1, through each layer's apply() in turn.
    let x: tf.Tensor = tf.div(tf.tensor4d(pixels, [1, 12, 12, 3]), 255);
    for (const [i, layer] of model.layers.entries()) {
      const y = layer.apply(x) as tf.Tensor;
      x.dispose();
      x = y;
      expect(got[i].shape, layer.name).to.deep.equal(y.shape.slice(1));
      expect(maxDiff(got[i].values, await y.data()), layer.name).to.be.below(1e-5);
    }
    x.dispose();
    // The input column shows the picture (12×12) from the first drawing on.
    expect(grid.shadowRoot!.querySelector<HTMLCanvasElement>('canvas.picture')!.width).to.equal(12);
    // The drawing: 5 maps, 5 pooled maps, the first 8 of c2's 10 (then all), one bar strip each for f, d1, drop, and the output.
    expect([0, 1, 2, 3, 4, 5, 6].map((l) => networkItems(grid, l).length)).to.deep.equal([
      5, 5, 8, 1, 1, 1, 1,
    ]);
    const more = grid.shadowRoot!.querySelectorAll<HTMLButtonElement>('.network .more');
    expect(more.length).to.equal(1);
    more[0].click();
    await until(() => networkItems(grid, 2).length === 10, 'all ten maps of c2');
    const probs = grid.shadowRoot!.querySelector('.probabilities')!;
    const best = got[6].values.indexOf(Math.max(...got[6].values));
    expect(probs.querySelector('li.best .label')!.textContent).to.equal(String(best));
    await expect(grid).to.be.accessible();
    model.dispose();
  });

  it('sends a selected conv map to a linked playground, whose output is that map (shipped digit model)', async () => {
    const wrapper = await fixture(html`<div>
      <filter-grid id="g2" view="network" backend="cpu"></filter-grid>
      <conv-filter-playground for="g2" backend="cpu"></conv-filter-playground>
    </div>`);
    const grid = wrapper.querySelector('filter-grid') as FilterGrid;
    const playground = wrapper.querySelector('conv-filter-playground') as ConvFilterPlayground;
    await Promise.all([grid.ready, playground.ready]);
    await until(() => networkItems(grid).length > 0, 'the network to be drawn');
    await idle(grid);
    const outputs = await grid.getLayerOutputs();
    expect(outputs.map((o) => o.name)).to.deep.equal([
      'conv1',
      'pool1',
      'conv2',
      'pool2',
      'flatten',
      'dense1',
      'dropout',
      'output',
    ]);
    // conv1 map 3 (one input channel: the digit), then conv2 map 5 (16 input maps, each with its own kernel).
    for (const [layer, map] of [
      [0, 3],
      [2, 5],
    ]) {
      const o = outputs[layer];
      const fired = oneEvent(grid, 'filter-select');
      networkItems(grid, layer)[map].click();
      const detail = ((await fired) as CustomEvent<FilterSelectDetail>).detail;
      expect(detail.layer).to.equal(o.name);
      expect(detail.index).to.equal(map);
      expect(detail.recipe!.kernels.length).to.equal(layer === 0 ? 1 : 16);
      await grid.updateComplete;
      expect(grid.shadowRoot!.querySelector('[part="details"] p')!.textContent).to.contain(
        'Selected: sent to linked playgrounds.',
      );
      await until(
        () => playground.stride === 1 && playground.activation === 'relu' && playground.normalize === false,
        'the playground to take the layer',
      );
      await idle(playground);
      const got = await playground.getOutput();
      const [h, w, c] = o.shape;
      expect(got.shape, o.name).to.deep.equal([h, w, 1]);
      const want = Float32Array.from({ length: h * w }, (_, i) => o.values[i * c + map]);
      expect(maxDiff(got.values, want), o.name).to.be.below(1e-4);
    }
    // The playground's arithmetic reads the layer's input maps too: 16 channel sums, narrated.
    expect(playground.shadowRoot!.querySelector('[part~="arithmetic"] [aria-live]')!.textContent).to.contain(
      'the 16 channel sums add to',
    );
    await expect(playground).to.be.accessible();
  });

  it('moves with the arrow keys and selects with Enter', async () => {
    const model = netModel();
    const { url } = picture();
    const { grid } = await linkedGrid('nh3', model, url, 'width: 900px');
    await networkDrawn(grid);
    // Wide: the columns stand side by side, each layer's maps stacked in one column, layers left to right.
    const boxes = networkItems(grid, 0).map((b) => b.getBoundingClientRect());
    expect(new Set(boxes.map((b) => Math.round(b.left))).size).to.equal(1);
    expect(boxes.every((b, i) => i === 0 || b.top > boxes[i - 1].top)).to.equal(true);
    expect(networkItems(grid, 2)[0].getBoundingClientRect().left).to.be.above(boxes[0].right);
    networkItems(grid, 0)[0].focus();
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await until(() => grid.shadowRoot!.activeElement?.getAttribute('data-layer') === '2', 'focus on c2');
    expect(grid.shadowRoot!.activeElement!.getAttribute('data-map')).to.equal('2');
    // The focused map's name quotes its values (its lowest and highest); the others say only what they are.
    const c2 = (await grid.getLayerOutputs())[2];
    const own = c2.values.filter((_, i) => i % 10 === 2);
    const quoted = networkItems(grid, 2)[2]
      .getAttribute('aria-label')!
      .match(/^c2 map 2 of 10: 5×5, values (\S+) to (\S+)$/);
    expect(quoted, 'the focused map’s name').to.not.equal(null);
    expect(Number(quoted![1])).to.be.closeTo(Math.min(...own), 1e-3);
    expect(Number(quoted![2])).to.be.closeTo(Math.max(...own), 1e-3);
    expect(networkItems(grid, 2)[0].getAttribute('aria-label')).to.equal('c2 map 0 of 10: 5×5');
    const fired = oneEvent(grid, 'filter-select');
    await sendKeys({ press: 'Enter' });
    const detail = ((await fired) as CustomEvent<FilterSelectDetail>).detail;
    expect([detail.layer, detail.index]).to.deep.equal(['c2', 2]);
    expect(detail.recipe!.activation).to.equal('tanh');
    expect(detail.recipe!.padding).to.equal('same');
    expect(detail.recipe!.input.shape).to.deep.equal([5, 5, 5]);
    model.dispose();
  });

  it('shows the focused map enlarged, in its own colours, over the range its shades span, and keeps a focus that collapsing hides', async () => {
    const model = netModel();
    const { url } = picture();
    const { grid } = await linkedGrid('nh7', model, url, 'width: 900px');
    await networkDrawn(grid);
    const root = grid.shadowRoot!;
    const zoom = () => root.querySelector<HTMLElement>('.zoom');
    const pixelsOf = (canvas: HTMLCanvasElement) =>
      Array.from(canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data);
    const outputs = await grid.getLayerOutputs();
    /** The zoom shows map `map` of layer `layer`: the small map's pixels, and its values' range under it. */
    const expectZoomOf = (layer: number, map: number, negatives?: boolean) => {
      const z = zoom()!;
      expect([z.dataset.layer, z.dataset.map]).to.deep.equal([String(layer), String(map)]);
      const small = networkItems(grid, layer)[map].querySelector('canvas')!;
      const big = z.querySelector('canvas')!;
      expect([big.width, big.height]).to.deep.equal([small.width, small.height]);
      expect(pixelsOf(big)).to.deep.equal(pixelsOf(small));
      const o = outputs[layer];
      const own = o.values.filter((_, i) => i % o.shape[2] === map);
      const [lo, hi] = [Math.min(...own), Math.max(...own)];
      // Gray spans the map's lowest to highest; the diverging ramp is centred on zero (white).
      const m = Math.max(-lo, hi);
      const [low, high] = lo < 0 ? [-m, m] : [lo, hi];
      expect(Number(z.querySelector('.lo .live-text')!.textContent)).to.be.closeTo(low, 1e-3);
      expect(Number(z.querySelector('.hi .live-text')!.textContent)).to.be.closeTo(high, 1e-3);
      if (negatives !== undefined) expect(lo < 0, 'the map has negative values').to.equal(negatives);
    };
    // c1 (ReLU): gray from 0 up.
    expectZoomOf(0, 0, false);
    const grayRamp = zoom()!.querySelector<HTMLElement>('.ramp')!.style.background;
    networkItems(grid, 0)[0].focus();
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await until(() => zoom()?.dataset.layer === '2', 'the zoom to follow the focus to c2');
    await idle(grid);
    // c2 (tanh) has negative values: blue to red around zero.
    expectZoomOf(2, 1, true);
    expect(zoom()!.querySelector<HTMLElement>('.ramp')!.style.background).to.not.equal(grayRamp);
    // All ten maps of c2, the last one focused; then the first eight again: the focus (and
    // the zoom) moves to the last map still shown, so the view can still be tabbed into.
    const more = () => root.querySelector<HTMLButtonElement>('.network .more')!;
    more().click();
    await until(() => networkItems(grid, 2).length === 10, 'all ten maps of c2');
    networkItems(grid, 2)[1].focus();
    await sendKeys({ press: 'End' });
    await until(() => zoom()?.dataset.map === '9', 'the zoom on c2 map 9');
    await idle(grid);
    expectZoomOf(2, 9);
    more().click();
    await until(() => networkItems(grid, 2).length === 8, 'the first eight maps of c2');
    await idle(grid);
    expect(
      networkItems(grid)
        .filter((b) => b.tabIndex === 0)
        .map((b) => [b.dataset.layer, b.dataset.map]),
    ).to.deep.equal([['2', '7']]);
    expect(zoom()!.dataset.map).to.equal('7');
    networkItems(grid, 2)[7].focus();
    // A vector or the output has no map to enlarge.
    await sendKeys({ press: 'ArrowRight' });
    await until(() => zoom() === null, 'no zoom on the flatten column');
    await expect(grid).to.be.accessible();
    model.dispose();
  });

  it('keeps the texts it rewrites on every stroke inside their boxes, also under WCAG’s text spacing', async () => {
    const grid = await shippedGrid();
    const root = grid.shadowRoot!;
    // The longest texts the view writes there: a certain prediction (marked, in bold), and a
    // map's range such as the enlarged map's lowest value below.
    root.querySelectorAll('.probabilities li').forEach((li) => li.classList.add('best'));
    root.querySelectorAll('.probabilities .value .live-text').forEach((v) => (v.textContent = '100.0% ◀'));
    root.querySelectorAll('.zoom .live-text').forEach((v) => (v.textContent = '-12.345'));
    const boxes = Array.from(root.querySelectorAll<HTMLElement>('.live-text'));
    expect(boxes.length).to.equal(12);
    // What a reader's style sheet for WCAG 1.4.12 sets; the shadow tree inherits it from the host.
    for (const spacing of ['', 'letter-spacing: 0.12em; word-spacing: 0.16em; line-height: 1.5']) {
      grid.setAttribute('style', spacing);
      for (const box of boxes) {
        const text = document.createRange();
        text.selectNodeContents(box);
        const [inner, outer] = [text.getBoundingClientRect(), box.getBoundingClientRect()];
        const where = `${box.parentElement!.className} ${spacing || 'as set'}`;
        expect(inner.left, where).to.be.at.least(outer.left - 0.5);
        expect(inner.right, where).to.be.at.most(outer.right + 0.5);
        expect(inner.top, where).to.be.at.least(outer.top - 0.5);
        expect(inner.bottom, where).to.be.at.most(outer.bottom + 0.5);
      }
    }
    // The enlarged map's ends stay clear of the ramp between them.
    const [lo, ramp, hi] = ['lo', 'ramp', 'hi'].map((c) =>
      root.querySelector(`.zoom .${c}`)!.getBoundingClientRect(),
    );
    expect(lo.right).to.be.at.most(ramp.left);
    expect(hi.left).to.be.at.least(ramp.right);
  });

  it('follows the pad as the reader draws and the source as it trains, with a flat tensor count over 100 refreshes', async () => {
    const grid = await shippedGrid();
    const before = (await grid.getLayerOutputs())[7].values;
    const pad = grid.shadowRoot!.querySelector('cnn-draw-pad') as CnnDrawPad;
    const updated = oneEvent(grid, 'network-update');
    pad.clear();
    pad.drawStrokes([
      [
        { x: 0.5, y: 0.15 },
        { x: 0.5, y: 0.85 },
      ],
    ]);
    // network-update fires once the new values are painted: the view already shows them.
    const { detail } = await updated;
    const best = grid.shadowRoot!.querySelector('.probabilities li.best .label')!.textContent;
    // The Input figure, painted with them, shows the drawing as the pad does, pixel for pixel.
    const input = grid.shadowRoot!.querySelector<HTMLCanvasElement>('canvas.picture')!;
    expect(Array.from(input.getContext('2d')!.getImageData(0, 0, pad.size, pad.size).data)).to.deep.equal(
      Array.from(pad.getImageData().data),
    );
    const after = (await grid.getLayerOutputs())[7].values;
    expect(maxDiff(before, after)).to.be.above(1e-3);
    // The new values are painted into the same structure: the prediction and its name follow the drawing.
    const predicted = after.indexOf(Math.max(...after));
    expect(best).to.equal(String(predicted));
    expect(networkItems(grid, 7)[0].getAttribute('aria-label')).to.contain(`predicts ${predicted} with`);
    expect(detail.prediction).to.equal(predicted);
    expect(detail.label).to.equal(String(predicted));
    expect(detail.probability).to.equal(after[predicted]);
    expect(detail.ms).to.be.a('number').and.to.be.at.least(0);

    await grid.refresh();
    const baseline = tf.memory().numTensors;
    let updates = 0;
    grid.addEventListener('network-update', () => updates++);
    for (let i = 0; i < 100; i++) await grid.refresh();
    await grid.updateComplete;
    expect(tf.memory().numTensors).to.equal(baseline);
    // One network-update per refresh: none lost, none repeated.
    expect(updates).to.equal(100);
  });

  it('takes a picked sample digit as its input, clearing the pad, and reads each held-out digit as its class', async () => {
    const grid = await shippedGrid();
    const root = grid.shadowRoot!;
    const buttons = () => [...root.querySelectorAll<HTMLButtonElement>('[part="samples"] button')];
    await until(() => buttons().length === 10, 'ten sample digits');
    expect(buttons().map((b) => b.getAttribute('aria-label'))).to.deep.equal(
      Array.from({ length: 10 }, (_, d) => `Sample digit ${d}`),
    );
    // It starts, as the classifier does, with the held-out 7.
    const pixelsOf = (canvas: HTMLCanvasElement) =>
      Array.from(canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data);
    expect(pixelsOf(root.querySelector<HTMLCanvasElement>('canvas.picture')!)).to.deep.equal(
      pixelsOf(buttons()[7].querySelector('canvas')!),
    );
    const first = (await grid.getLayerOutputs()).at(-1)!.values;
    expect(first.indexOf(Math.max(...first))).to.equal(7);
    // Small buttons, three a row beside the pad (not the Input figure's size).
    expect(
      buttons().map((b) => Math.round(b.querySelector('canvas')!.getBoundingClientRect().width)),
    ).to.deep.equal(Array(10).fill(32));
    const pad = root.querySelector('cnn-draw-pad') as CnnDrawPad;
    expect(pad.getAttribute('label'), 'the digit model’s pad').to.equal('Draw a digit');
    // No playground follows this grid: the details line promises none.
    expect(root.querySelector('[part="details"] p')!.textContent).to.equal(
      'conv1 (Conv2D): map 0 of 16 (26×26). Enter or click selects it.',
    );
    const drawn = oneEvent(grid, 'network-update');
    pad.drawStrokes([
      [
        { x: 0.5, y: 0.15 },
        { x: 0.5, y: 0.85 },
      ],
    ]);
    await drawn;
    for (const [digit, button] of buttons().entries()) {
      const updated = oneEvent(grid, 'network-update');
      button.click();
      const { detail } = await updated;
      // The shipped model (98.6% on held-out digits) reads each sample as the class it is a sample of.
      expect(detail.prediction, `sample ${digit}`).to.equal(digit);
      // The Input figure shows the sample, pixel for pixel, and the pad no longer shows a drawing.
      expect(pixelsOf(root.querySelector<HTMLCanvasElement>('canvas.picture')!)).to.deep.equal(
        pixelsOf(button.querySelector('canvas')!),
      );
      expect(pad.empty).to.equal(true);
    }
    await expect(grid).to.be.accessible();
  });

  it('shows a transfer trainer’s whole network, named with its own classes, and a linked classifier’s labels', async () => {
    const names = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
    const wrapper = await fixture(html`<div>
      <cnn-trainer id="nt1" backend="cpu" dataset="custom" classes='["bar","dash","ring"]' base="digits"></cnn-trainer>
      <filter-grid id="ng1" view="network" for="nt1" backend="cpu"></filter-grid>
      <pretrained-classifier id="nc1" backend="cpu" labels=${JSON.stringify(names)}></pretrained-classifier>
      <filter-grid id="ng2" view="network" for="nc1" backend="cpu"></filter-grid>
    </div>`);
    const [ofTrainer, ofClassifier] = [...wrapper.querySelectorAll('filter-grid')] as FilterGrid[];
    const labels = (grid: FilterGrid) =>
      [...grid.shadowRoot!.querySelectorAll('.probabilities .label')].map((l) => l.textContent);
    await until(() => labels(ofTrainer).length === 3, 'the trainer’s three classes');
    expect(labels(ofTrainer)).to.deep.equal(['bar', 'dash', 'ring']);
    // A transfer model: the digit network's layers, then the new head (whose layers also belong to the head's own model).
    const shown = (await ofTrainer.getLayerOutputs()).map((o) => o.className);
    expect(shown.slice(0, 4)).to.deep.equal(['Conv2D', 'MaxPooling2D', 'Conv2D', 'MaxPooling2D']);
    expect(shown.slice(-1)).to.deep.equal(['Dense']);
    expect(ofTrainer.shadowRoot!.querySelector('[part~="error"]')?.textContent?.trim() ?? '').to.equal('');
    await until(() => labels(ofClassifier).length === 10, 'the classifier’s ten classes');
    expect(labels(ofClassifier)).to.deep.equal(names);
    // Names wider than a digit ("three", "seven") end before the bars, which line up.
    const rows = [...ofClassifier.shadowRoot!.querySelectorAll('.probabilities li')];
    const barLefts = rows.map((li) => Math.round(li.querySelector('.bar')!.getBoundingClientRect().left));
    expect(new Set(barLefts).size, 'one column of bars').to.equal(1);
    for (const li of rows) {
      const text = document.createRange();
      text.selectNodeContents(li.querySelector('.label')!);
      expect(text.getBoundingClientRect().right, li.textContent!).to.be.at.most(barLefts[0]);
    }
    // The pad invites a digit only where the classes are digits (see the sample test): here they are words.
    const prompt = (grid: FilterGrid) =>
      grid.shadowRoot!.querySelector('cnn-draw-pad')!.getAttribute('label');
    expect([prompt(ofTrainer), prompt(ofClassifier)]).to.deep.equal([
      'Draw bar, dash or ring',
      'Draw one of the classes',
    ]);
    // A stroke's prediction is announced by name.
    await networkDrawn(ofClassifier);
    const updated = oneEvent(ofClassifier, 'network-update');
    (ofClassifier.shadowRoot!.querySelector('cnn-draw-pad') as CnnDrawPad).drawStrokes([
      [
        { x: 0.5, y: 0.15 },
        { x: 0.5, y: 0.85 },
      ],
    ]);
    const { detail } = await updated;
    expect(detail.label).to.equal(names[detail.prediction]);
    // Renamed classes rename the output.
    wrapper.querySelector('cnn-trainer')!.setAttribute('classes', '["bar","dash","star"]');
    await until(() => labels(ofTrainer)[2] === 'star', 'the renamed class');
  });

  it('offers a custom trainer’s first example of each class as its samples, and runs the trainer’s model on a picked one', async () => {
    const wrapper = await fixture(html`<div>
      <cnn-trainer id="nt3" backend="cpu" dataset="custom" classes='["bar","dash","ring"]' preset="dense-only"></cnn-trainer>
      <filter-grid view="network" for="nt3" backend="cpu"></filter-grid>
    </div>`);
    const trainer = wrapper.querySelector('cnn-trainer') as CnnTrainer;
    const grid = wrapper.querySelector('filter-grid') as FilterGrid;
    await networkDrawn(grid);
    const root = grid.shadowRoot!;
    const buttons = () => [...root.querySelectorAll<HTMLButtonElement>('[part="samples"] button')];
    // No example yet: the held-out digits still probe the network, starting with the 7.
    await until(() => buttons().length === 10, 'the sample digits');
    const inputGray = () =>
      Array.from(
        root.querySelector<HTMLCanvasElement>('canvas.picture')!.getContext('2d')!.getImageData(0, 0, 28, 28)
          .data,
      ).filter((_, k) => k % 4 === 0);
    const seven = inputGray();
    const next = seededRandom(31);
    const drawn = { bar: drawSymbol('bar', next), ring: drawSymbol('ring', next) };
    const laterBar = drawSymbol('bar', next);
    await trainer.addExample('ring', drawn.ring);
    await trainer.addExample('bar', drawn.bar);
    await trainer.addExample('bar', laterBar);
    // The reader's examples, one of each class that has one, in class order.
    await until(() => buttons().length === 2, 'the reader’s two examples');
    expect(buttons().map((b) => b.getAttribute('aria-label'))).to.deep.equal([
      'Your example of bar',
      'Your example of ring',
    ]);
    // Each is the class's first example, as the trainer keeps it (28×28, white ink on black).
    const grayOf = (button: HTMLButtonElement) =>
      Array.from(button.querySelector('canvas')!.getContext('2d')!.getImageData(0, 0, 28, 28).data).filter(
        (_, k) => k % 4 === 0,
      );
    for (const [i, shape] of (['bar', 'ring'] as const).entries()) {
      const { pixels } = await imageToExample(drawn[shape]);
      expect(grayOf(buttons()[i]), shape).to.deep.equal(Array.from(pixels));
    }
    // The reader chose no input yet: the first of their examples replaces the digit.
    await until(() => inputGray().join() === grayOf(buttons()[0]).join(), 'the first example as the input');
    expect(inputGray()).to.not.deep.equal(seven);
    // One more example that is no class's first changes nothing shown: the view does not run again.
    await idle(grid);
    let updates = 0;
    const count = () => updates++;
    grid.addEventListener('network-update', count);
    const changed = oneEvent(trainer, 'dataset-change');
    await trainer.addExample('ring', drawSymbol('ring', next));
    await changed;
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 300)));
    grid.removeEventListener('network-update', count);
    expect(updates, 'refreshes for an example that is no first').to.equal(0);
    // A picked example runs through the trainer's model as a drawing would.
    const ring = buttons()[1];
    const updated = oneEvent(grid, 'network-update');
    ring.click();
    await updated;
    const canvas = ring.querySelector('canvas')!;
    const image = canvas.getContext('2d')!.getImageData(0, 0, 28, 28);
    const x = tf.tensor4d(preprocessDigit(image).pixels, [1, 28, 28, 1]);
    const y = trainer.model!.predict(x) as tf.Tensor;
    const expected = await y.data();
    tf.dispose([x, y]);
    const outputs = await grid.getLayerOutputs();
    expect(maxDiff(outputs[outputs.length - 1].values, expected)).to.be.below(1e-5);
    // A new first example replaces the sample; a class that loses its last example loses its sample.
    trainer.removeExample('bar', 0);
    trainer.removeExample('ring', 0);
    trainer.removeExample('ring', 0);
    await until(() => buttons().length === 1, 'one example left');
    const { pixels: later } = await imageToExample(laterBar);
    expect(grayOf(buttons()[0]), 'the bar added second').to.deep.equal(Array.from(later));
    // The ring the reader picked stays the input.
    await grid.updateComplete;
    expect(inputGray(), 'the picked ring').to.deep.equal(
      Array.from((await imageToExample(drawn.ring)).pixels),
    );
    await expect(grid).to.be.accessible();
  });

  it('follows the drawing on a linked trainer’s pad, running the trainer’s model on it', async () => {
    const wrapper = await fixture(html`<div>
      <cnn-trainer id="nt2" backend="cpu"></cnn-trainer>
      <filter-grid view="network" for="nt2" backend="cpu"></filter-grid>
    </div>`);
    const trainer = wrapper.querySelector('cnn-trainer') as HTMLElement & { model: tfl.LayersModel };
    const grid = wrapper.querySelector('filter-grid') as FilterGrid;
    await networkDrawn(grid);
    const pad = trainer.shadowRoot!.querySelector('cnn-draw-pad') as CnnDrawPad;
    const updated = oneEvent(grid, 'network-update');
    pad.drawStrokes([
      [
        { x: 0.3, y: 0.2 },
        { x: 0.7, y: 0.2 },
        { x: 0.4, y: 0.8 },
      ],
    ]);
    await updated;
    // The reference: the trainer's model on the pad's drawing, prepared as a digit here.
    const digit = preprocessDigit(pad.getImageData()).pixels;
    const x = tf.tensor4d(digit, [1, 28, 28, 1]);
    const y = trainer.model.predict(x) as tf.Tensor;
    const expected = await y.data();
    tf.dispose([x, y]);
    const outputs = await grid.getLayerOutputs();
    expect(maxDiff(outputs[outputs.length - 1].values, expected)).to.be.below(1e-5);
  });

  it('offers the sample photos for a model of colour pictures', async () => {
    const model = netModel();
    const { url } = picture();
    const { grid } = await linkedGrid('nh8', model, url);
    await networkDrawn(grid);
    const root = grid.shadowRoot!;
    expect(root.querySelector('cnn-draw-pad'), 'no pad for a colour model').to.equal(null);
    const cat = root.querySelector<HTMLButtonElement>(
      '[part="samples"] button[aria-label="Sample photo: Cat (Chelsea)"]',
    )!;
    const before = (await grid.getLayerOutputs())[6].values;
    const updated = oneEvent(grid, 'network-update');
    cat.click();
    await updated;
    // The photo (451×300), read at most 256 px a side, is the input from now on.
    expect(root.querySelector<HTMLCanvasElement>('canvas.picture')!.width).to.equal(256);
    expect(maxDiff(before, (await grid.getLayerOutputs())[6].values)).to.be.above(1e-4);
    model.dispose();
  });

  it('side by side at an article’s width, wraps its columns into lines rather than hiding the output behind a scroll', async () => {
    const grid = await shippedGrid(720);
    await until(() => grid.shadowRoot!.querySelector('.network.across') !== null, 'the side-by-side layout');
    const network = grid.shadowRoot!.querySelector<HTMLElement>('.network')!;
    expect(network.scrollWidth, 'no sideways scroll').to.be.at.most(network.clientWidth);
    const box = network.getBoundingClientRect();
    const output = grid.shadowRoot!.querySelector('.column.output')!.getBoundingClientRect();
    expect(output.right, 'the output inside the view').to.be.at.most(box.right);
    // In reading order: the output column starts a later line than the first convolution.
    const first = grid.shadowRoot!.querySelector('.column.maps')!.getBoundingClientRect();
    expect(output.top).to.be.above(first.bottom);
  });

  it('stacked at a phone’s width, shows a layer’s first eight maps in one row, each still a finger’s target', async () => {
    const grid = await shippedGrid(300);
    await until(() => grid.shadowRoot!.querySelector('.network.down') !== null, 'the stacked layout');
    const maps = networkItems(grid, 0).map((item) => item.getBoundingClientRect());
    expect(maps).to.have.length(8);
    expect(new Set(maps.map((r) => Math.round(r.top))).size, 'one row').to.equal(1);
    for (const r of maps) expect(Math.min(r.width, r.height)).to.be.at.least(24);
    const network = grid.shadowRoot!.querySelector<HTMLElement>('.network')!;
    expect(network.scrollWidth, 'no sideways scroll').to.be.at.most(network.clientWidth);
  });

  it('redraws every layer while a stroke is still being drawn, before the pen lifts', async () => {
    const grid = await shippedGrid();
    const before = (await grid.getLayerOutputs())[7].values;
    const pad = grid.shadowRoot!.querySelector('cnn-draw-pad') as CnnDrawPad;
    const canvas = pad.shadowRoot!.querySelector('canvas')!;
    const box = canvas.getBoundingClientRect();
    const at = (fx: number, fy: number) => ({
      clientX: box.left + fx * box.width,
      clientY: box.top + fy * box.height,
      pointerId: 7,
      pointerType: 'touch',
      bubbles: true,
    });
    let ended = false;
    pad.addEventListener('draw-change', () => (ended = true));
    const updated = oneEvent(grid, 'network-update');
    canvas.dispatchEvent(new PointerEvent('pointerdown', at(0.5, 0.15)));
    for (let i = 1; i <= 6; i++)
      canvas.dispatchEvent(new PointerEvent('pointermove', at(0.5, 0.15 + 0.1 * i)));
    const heard = await Promise.race([updated, new Promise((r) => setTimeout(() => r(undefined), 5000))]);
    expect(heard, 'a network-update mid-stroke').to.not.equal(undefined);
    expect(ended, 'the stroke is still being drawn').to.equal(false);
    expect(maxDiff(before, (await grid.getLayerOutputs())[7].values)).to.be.above(1e-3);
    canvas.dispatchEvent(new PointerEvent('pointerup', at(0.5, 0.75)));
    expect(ended).to.equal(true);
  });

  it('paints the bars in the accent, and again when the colour scheme, the page’s theme or a contrast theme changes it', async () => {
    // The canvas cannot follow CSS as an SVG fill would: the grid repaints on the change.
    const barColour = (grid: FilterGrid) => {
      const canvas = networkItems(grid, 4)[0].querySelector('canvas')!;
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      const at = data.findIndex((v, i) => i % 4 === 3 && v > 0) - 3;
      return at < 0 ? null : [...data.slice(at, at + 3)];
    };
    await emulateMedia({ colorScheme: 'light' });
    // A page that follows the reader's system; the elements follow the page.
    document.documentElement.style.colorScheme = 'light dark';
    try {
      const model = netModel();
      const { grid } = await linkedGrid('nh-scheme', model, picture().url);
      await networkDrawn(grid);
      expect(barColour(grid), 'light accent #2563eb').to.deep.equal([0x25, 0x63, 0xeb]);
      let updates = 0;
      grid.addEventListener('network-update', () => updates++);
      await emulateMedia({ colorScheme: 'dark' });
      await until(() => barColour(grid)?.[0] === 0x60, 'the bars in the dark accent');
      expect(barColour(grid), 'dark accent #60a5fa').to.deep.equal([0x60, 0xa5, 0xfa]);
      // A site's own dark mode on a light system: its toggle sets the page's color-scheme.
      await emulateMedia({ colorScheme: 'light' });
      await until(() => barColour(grid)?.[0] === 0x25, 'the bars in the light accent again');
      document.documentElement.style.colorScheme = 'dark';
      await until(() => barColour(grid)?.[0] === 0x60, 'the bars in the dark accent of the site’s dark mode');
      // A page with its own dark mode sets the accent under its dark class.
      grid.parentElement!.style.setProperty('--cnn-accent', 'rgb(10, 200, 30)');
      await until(() => barColour(grid)?.[0] === 10, 'the bars in the page’s accent');
      expect(barColour(grid)).to.deep.equal([10, 200, 30]);
      // A contrast theme switched on: the bars take the palette's highlight, whatever the page's accent.
      await emulateMedia({ forcedColors: 'active' });
      const probe = document.createElement('div');
      probe.style.cssText = 'forced-color-adjust: none; color: Highlight';
      document.body.append(probe);
      const highlight = getComputedStyle(probe).color.match(/\d+/g)!.slice(0, 3).map(Number);
      probe.remove();
      await until(() => barColour(grid)?.[0] === highlight[0], 'the bars in the palette’s highlight');
      expect(maxDiff(barColour(grid)!, highlight)).to.be.at.most(1);
      // Repaints in a new colour, not new results.
      expect(updates).to.equal(0);
      model.dispose();
    } finally {
      document.documentElement.style.colorScheme = '';
      await emulateMedia({ colorScheme: 'light', forcedColors: 'none' });
    }
  });

  it('fires no network-update for a refresh that fails, and keeps showing the last good one', async () => {
    const model = netModel();
    const { url } = picture();
    const { grid } = await linkedGrid('nh6', model, url);
    await networkDrawn(grid);
    const shown = await grid.getLayerOutputs();
    const label = networkItems(grid, 6)[0].getAttribute('aria-label');
    let updates = 0;
    grid.addEventListener('network-update', () => updates++);
    const failed = oneEvent(grid, 'cnn-error');
    grid.src = '/no-such-picture.png';
    const { detail } = await failed;
    await idle(grid);
    expect(detail.message).to.match(/Could not load the image/);
    expect(grid.shadowRoot!.querySelector('[part="error"]')!.textContent).to.match(
      /Could not load the image/,
    );
    expect(updates).to.equal(0);
    // The view still shows, and still returns, the last good picture's outputs.
    const kept = await grid.getLayerOutputs();
    kept.forEach((o, i) => expect(maxDiff(o.values, shown[i].values), o.name).to.equal(0));
    expect(networkItems(grid, 6)[0].getAttribute('aria-label')).to.equal(label);
    // A good picture afterwards refreshes the view, fires the event and clears the message.
    const updated = oneEvent(grid, 'network-update');
    grid.src = url;
    await updated;
    expect(updates).to.equal(1);
    await idle(grid);
    expect(grid.shadowRoot!.querySelector('[part="error"]')).to.equal(null);
    model.dispose();
  });

  it('redraws when a linked trainer reports a batch (throttled), with the new weights', async () => {
    const model = netModel();
    const { url } = picture();
    const { grid, holder } = await linkedGrid('nh5', model, url);
    await networkDrawn(grid);
    const first = (await grid.getLayerOutputs())[0].values;
    // As a training step would: new weights, then batch-end.
    const [k, b] = model.layers[0].getWeights();
    model.layers[0].setWeights([tf.tidy(() => tf.mul(k, -1)), b]);
    holder.dispatchEvent(new CustomEvent('batch-end'));
    await until(() => grid.getAttribute('state') !== 'ready', 'a live refresh', 2000).catch(() => undefined);
    await idle(grid);
    await until(() => networkItems(grid).length > 0, 'the redraw');
    const second = (await grid.getLayerOutputs())[0].values;
    expect(maxDiff(first, second)).to.be.above(1e-3);
    model.dispose();
  });
});
