import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import '../../src/elements/pretrained-classifier/define.js';
import type {
  PretrainedClassifier,
  PredictionDetail,
} from '../../src/elements/pretrained-classifier/pretrained-classifier.js';
import type { CnnErrorDetail } from '../../src/elements/events.js';
import type { CnnDrawPad } from '../../src/vis/draw-pad.js';
import { ensureBackend } from '../../src/core/runtime/backend.tf.js';
import { loadMnist, mnistDigit, splitMnist } from '../../src/core/training/mnist.tf.js';
import { expectTensorsBackTo, idle, until } from '../helpers.js';
import { inCameraDeniedFrame } from '../camera-denied.js';

const MODELS = '/tests/fixtures/models';
const MOBILENET = `${MODELS}/mobilenet-like/model.json`;
const GRAPH = `${MODELS}/graph-tiny/model.json`;
const DIGITS_TINY = `${MODELS}/digits-tiny/model.json`;

async function classifier(markup: ReturnType<typeof html>) {
  const el = await fixture<PretrainedClassifier>(markup);
  await el.ready;
  await idle(el);
  return el;
}

const shadow = (el: PretrainedClassifier) => el.shadowRoot!;
const shownLabels = (el: PretrainedClassifier) =>
  [...shadow(el).querySelectorAll('[part="predictions"] .label')].map((n) => n.textContent!.trim());
const shownIds = (el: PretrainedClassifier) =>
  [...shadow(el).querySelectorAll('[part="predictions"] .id')].map((n) => n.textContent!.trim());

/** A canvas of random colours (seeded), as an image to classify. */
function noiseCanvas(side = 64, seed = 1): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = side;
  const ctx = canvas.getContext('2d')!;
  const img = ctx.createImageData(side, side);
  let s = seed;
  for (let i = 0; i < img.data.length; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    img.data[i] = i % 4 === 3 ? 255 : s % 256;
  }
  ctx.putImageData(img, 0, 0);
  return canvas;
}

async function errorOf(el: HTMLElement, action: () => unknown): Promise<string> {
  const heard = oneEvent(el, 'cnn-error') as Promise<CustomEvent<CnnErrorDetail>>;
  await action();
  return (await heard).detail.message;
}

/** A stand-in trainer's model: 28×28×1 in, `classes` outputs, class `best` always ahead. */
function leaningModel(classes: number, best: number): tfl.LayersModel {
  const m = tfl.sequential({
    layers: [
      tfl.layers.flatten({ inputShape: [28, 28, 1] }),
      tfl.layers.dense({ units: classes, activation: 'softmax', kernelInitializer: 'zeros' }),
    ],
  });
  const b = tf.tensor1d(Array.from({ length: classes }, (_, i) => (i === best ? 5 : 0)));
  m.layers[1].setWeights([m.layers[1].getWeights()[0], b]);
  b.dispose();
  return m;
}

/** An element in the page that offers a model (and whatever else `props` gives) as a trainer does. */
function standInTrainer<P extends object>(id: string, props: P): HTMLElement & P {
  if (!customElements.get('stand-in-trainer'))
    customElements.define('stand-in-trainer', class extends HTMLElement {});
  const trainer = Object.assign(document.createElement('stand-in-trainer'), { id, ...props });
  document.body.append(trainer);
  return trainer;
}

/** A classifier following `trainer` (for=), once it has adopted the trainer's model. */
async function classifierFor(
  trainer: HTMLElement & { model: tfl.LayersModel },
): Promise<PretrainedClassifier> {
  const el = await classifier(
    html`<pretrained-classifier backend="cpu" for=${trainer.id}></pretrained-classifier>`,
  );
  await until(() => el.model === trainer.model, 'the trainer model to be adopted');
  await idle(el);
  return el;
}

describe('<pretrained-classifier> with fixture models', () => {
  before(() => ensureBackend('cpu'));

  it('loads a MobileNet-shaped LayersModel by model-url and shows 3 ImageNet labels with their WordNet ids', async () => {
    const el = await classifier(
      html`<pretrained-classifier backend="cpu" model-url=${MOBILENET} preprocess="mobilenet"></pretrained-classifier>`,
    );
    const classes: Array<[string, string]> = await (await fetch('/assets/imagenet/classes.json')).json();
    const heard = oneEvent(el, 'prediction') as Promise<CustomEvent<PredictionDetail>>;
    const top = await el.classify(noiseCanvas());
    const event = (await heard).detail;
    expect(top).to.have.length(3);
    expect(event.top).to.deep.equal(top);
    expect(event.backend).to.equal('cpu');
    expect(event.ms).to.be.a('number');
    top.forEach((p) => expect([p.id, p.label]).to.deep.equal(classes[p.index]));
    expect(top[0].probability).to.be.at.least(top[1].probability);
    expect(top.reduce((s, p) => s + p.probability, 0)).to.be.at.most(1 + 1e-6);
    await el.updateComplete;
    expect(shownLabels(el)).to.deep.equal(top.map((p) => p.label));
    expect(shownIds(el)).to.deep.equal(top.map((p) => `· ${p.id}`));
    // The muted ids keep enough contrast.
    await expect(el).to.be.accessible();
    expect(el.predictions).to.deep.equal(top);
    expect(el.model).to.exist;
  });

  it('gives the same probabilities as the bare model on the same preprocessed input', async () => {
    const el = await classifier(
      html`<pretrained-classifier backend="cpu" model-url=${GRAPH} preprocess="unit"></pretrained-classifier>`,
    );
    const canvas = noiseCanvas(32, 7);
    const top = await el.classify(canvas);
    // Reference: the pixels / 255, straight into the model (the canvas is already 32×32).
    const rgba = canvas.getContext('2d')!.getImageData(0, 0, 32, 32).data;
    const rgb = Float32Array.from(
      { length: 32 * 32 * 3 },
      (_, i) => rgba[Math.floor(i / 3) * 4 + (i % 3)] / 255,
    );
    const x = tf.tensor4d(rgb, [1, 32, 32, 3]);
    const y = el.model!.predict(x) as tf.Tensor;
    const probs = await y.data();
    tf.dispose([x, y]);
    const order = Array.from(probs.keys()).sort((a, b) => probs[b] - probs[a]);
    expect(top.map((p) => p.index)).to.deep.equal(order.slice(0, 3));
    top.forEach((p) => expect(p.probability).to.be.closeTo(probs[p.index], 1e-5));
    expect(top.map((p) => p.label)).to.deep.equal(order.slice(0, 3).map((i) => `class ${i}`));
    // Labels without ids give predictions without an id, and no id is shown.
    expect(top.some((p) => 'id' in p)).to.equal(false);
    await el.updateComplete;
    expect(shownIds(el)).to.deep.equal([]);
  });

  it('loads a GraphModel and reports its kind in model-change', async () => {
    const el = document.createElement('pretrained-classifier');
    el.backend = 'cpu';
    el.modelUrl = GRAPH;
    const heard = oneEvent(el, 'model-change');
    document.body.append(el);
    const detail = (await heard).detail;
    expect(detail).to.deep.include({ kind: 'graph', classes: 10, reason: 'loaded' });
    expect(detail.model).to.equal(el.model);
    expect(detail.inputShape).to.deep.equal([32, 32, 3]);
    el.remove();
  });

  it('explains loading errors clearly and keeps the previous model working', async () => {
    const cases: Array<[string, RegExp]> = [
      [`${MODELS}/nowhere/model.json`, /404/],
      [`${MODELS}/broken/not-json.json`, /not JSON \(it starts with "<!doctype html>/],
      [`${MODELS}/broken/not-a-model.json`, /not a TensorFlow\.js model/],
      [`${MODELS}/broken/missing-weights.json`, /weights file "no-such-weights\.bin".*404/],
    ];
    const el = await classifier(
      html`<pretrained-classifier backend="cpu" model-url=${GRAPH}></pretrained-classifier>`,
    );
    const before = await el.classify(noiseCanvas(32, 3));
    const model = el.model;
    for (const [url, pattern] of cases) {
      const message = await errorOf(el, () => (el.modelUrl = url));
      expect(message, url).to.match(pattern);
      await idle(el);
      expect(el.model).to.equal(model);
      expect(shadow(el).querySelector('[part="error"]')!.textContent).to.match(pattern);
    }
    expect(await el.classify(noiseCanvas(32, 3))).to.deep.equal(before);
  });

  it('fails to start on a bad first model, with state="error"', async () => {
    const el = document.createElement('pretrained-classifier');
    el.modelUrl = `${MODELS}/broken/not-a-model.json`;
    const heard = oneEvent(el, 'cnn-error');
    document.body.append(el);
    await heard;
    let rejected = false;
    await el.ready.catch(() => (rejected = true));
    expect(rejected).to.equal(true);
    expect(el.getAttribute('state')).to.equal('error');
    el.remove();
  });

  it('rejects labels whose count does not match the outputs, and shows labels as text', async () => {
    const el = await classifier(
      html`<pretrained-classifier backend="cpu" model-url=${GRAPH}></pretrained-classifier>`,
    );
    const message = await errorOf(el, () => (el.labels = '["a", "b"]'));
    expect(message).to.match(/2 classes but the model has 10 outputs/);
    await idle(el);
    const html10 = JSON.stringify(Array.from({ length: 10 }, (_, i) => `<b>bold ${i}</b>`));
    el.labels = html10;
    await until(
      () => el.model !== undefined && !shadow(el).querySelector('[part="error"]'),
      'the new labels to be used',
    );
    await idle(el);
    await el.classify(noiseCanvas(32, 5));
    await el.updateComplete;
    const first = shadow(el).querySelector('[part="predictions"] .label')!;
    expect(first.querySelector('b')).to.equal(null);
    expect(first.textContent).to.match(/^<b>bold \d<\/b>$/);
  });

  it('explains bad images and keeps the previous result', async () => {
    const el = await classifier(
      html`<pretrained-classifier backend="cpu" model-url=${GRAPH}></pretrained-classifier>`,
    );
    const top = await el.classify(noiseCanvas(32, 9));
    const tiny = noiseCanvas(1);
    let message = '';
    el.addEventListener('cnn-error', (e) => (message = (e as CustomEvent<CnnErrorDetail>).detail.message));
    await el.classify(tiny).catch(() => {});
    expect(message).to.match(/1×1 pixels: too small/);
    await el.classify(`${MODELS}/broken/not-a-model.json`).catch(() => {});
    expect(message).to.match(/not an image/);
    expect(el.predictions).to.deep.equal(top);
  });

  it('refuses a 10,000×10,000 image before reading its pixels, and keeps classifying the previous one', async () => {
    const el = await classifier(
      html`<pretrained-classifier backend="cpu" model-url=${GRAPH}></pretrained-classifier>`,
    );
    const top = await el.classify(noiseCanvas(32, 13));
    // Neither allocates the 400 MB such an image would take: an SVG <img> knows its size
    // without being rasterised, and a canvas gets pixels only with its first context.
    const svg = new Image();
    svg.src = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="10000" height="10000"><rect width="100%" height="100%" fill="teal"/></svg>')}`;
    await svg.decode();
    expect(svg.naturalWidth).to.equal(10000);
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 10000;
    for (const [what, input] of [
      ['<img>', svg],
      ['<canvas>', canvas],
    ] as const) {
      let rejected: Error | undefined;
      const message = await errorOf(el, () => el.classify(input).catch((e: Error) => (rejected = e)));
      expect(message, what).to.match(
        /10000×10000 pixels \(100 megapixels\): too large to read here\. Use one under 40 megapixels/,
      );
      expect(rejected?.message, what).to.match(/too large/);
      expect(shadow(el).querySelector('[part="error"]')!.textContent, what).to.match(/too large/);
      expect(el.predictions, what).to.deep.equal(top);
      // The previous image is still the current input, and classifying it again works.
      expect(await el.classify(), what).to.deep.equal(top);
    }
  });

  it('explains a 1×1 image given by src, and keeps the previous result', async () => {
    const el = await classifier(
      html`<pretrained-classifier backend="cpu" model-url=${GRAPH}></pretrained-classifier>`,
    );
    const top = await el.classify(noiseCanvas(32, 17));
    // A real PNG file of one pixel, fetched and decoded the way any src is.
    const message = await errorOf(el, () => (el.src = noiseCanvas(1).toDataURL('image/png')));
    expect(message).to.match(/The image is 1×1 pixels: too small\. Use one at least 8×8/);
    await idle(el);
    expect(shadow(el).querySelector('[part="error"]')!.textContent).to.match(/1×1 pixels/);
    expect(el.predictions).to.deep.equal(top);
    expect(await el.classify()).to.deep.equal(top);
  });

  it('takes images from drop, paste and the file picker, and explains a dropped text file, an empty drop and a pasted non-image', async () => {
    const el = await classifier(
      html`<pretrained-classifier backend="cpu" model-url=${GRAPH}></pretrained-classifier>`,
    );
    const canvas = noiseCanvas(32, 11);
    const png = new File(
      [await new Promise<Blob>((r) => canvas.toBlob((b) => r(b!), 'image/png'))],
      'noise.png',
      { type: 'image/png' },
    );
    const expected = await el.classify(canvas);
    const area = shadow(el).querySelector('[part="input"]')!;
    const transfer = (file: File) => {
      const t = new DataTransfer();
      t.items.add(file);
      return t;
    };
    for (const deliver of [
      // The browser's drag and drop events are composed: they reach the element from inside its shadow root.
      () =>
        area.dispatchEvent(
          new DragEvent('drop', {
            dataTransfer: transfer(png),
            bubbles: true,
            composed: true,
            cancelable: true,
          }),
        ),
      () =>
        shadow(el)
          .querySelector('button')!
          .dispatchEvent(
            new ClipboardEvent('paste', { clipboardData: transfer(png), bubbles: true, composed: true }),
          ),
      () => {
        const input = shadow(el).querySelector<HTMLInputElement>('input[type="file"]')!;
        input.files = transfer(png).files;
        input.dispatchEvent(new Event('change'));
      },
    ]) {
      const heard = oneEvent(el, 'prediction') as Promise<CustomEvent<PredictionDetail>>;
      deliver();
      expect((await heard).detail.top).to.deep.equal(expected);
    }
    const text = new File(['not an image'], 'notes.txt', { type: 'text/plain' });
    const message = await errorOf(el, () =>
      area.dispatchEvent(
        new DragEvent('drop', {
          dataTransfer: transfer(text),
          bubbles: true,
          composed: true,
          cancelable: true,
        }),
      ),
    );
    expect(message).to.match(/notes\.txt is not an image/);
    const empty = await errorOf(el, () =>
      area.dispatchEvent(
        new DragEvent('drop', {
          dataTransfer: new DataTransfer(),
          bubbles: true,
          composed: true,
          cancelable: true,
        }),
      ),
    );
    expect(empty).to.match(/^Nothing to use in what was dropped: drop an image file/);
    const pasted = await errorOf(el, () =>
      area.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: transfer(text), bubbles: true, composed: true }),
      ),
    );
    expect(pasted).to.match(/^The pasted file is not an image/);
    expect(el.predictions).to.deep.equal(expected);
  });

  it('classifies a slotted <img>, and explains one from another origin that taints the canvas', async () => {
    const same = await classifier(
      html`<pretrained-classifier backend="cpu" model-url=${GRAPH}><img src="/assets/images/coins.jpg" alt="" /></pretrained-classifier>`,
    );
    await until(() => same.predictions.length === 3, 'the slotted image to be classified');
    // The same server under another host name is another origin, and it sends no CORS headers.
    const other = `${location.protocol}//${location.hostname === 'localhost' ? '127.0.0.1' : 'localhost'}:${location.port}`;
    const el = await classifier(
      html`<pretrained-classifier backend="cpu" model-url=${GRAPH}></pretrained-classifier>`,
    );
    const img = new Image();
    img.src = `${other}/assets/images/coins.jpg`;
    await img.decode();
    let message = '';
    await el.classify(img).catch((e: Error) => (message = e.message));
    expect(message).to.match(/another site|CORS/);
    expect(shadow(el).querySelector('[part="error"]')!.textContent).to.match(/CORS/);
  });

  it('draws a Grad-CAM overlay with explain, already for the sample photo it classifies at load', async () => {
    const el = await classifier(
      html`<pretrained-classifier backend="cpu" explain model-url=${MOBILENET}></pretrained-classifier>`,
    );
    await until(() => el.predictions.length === 3, 'the first look');
    expect(shadow(el).querySelector('.first-look')!.textContent).to.match(/sample photo/);
    const first = shadow(el).querySelector<HTMLCanvasElement>('canvas.cam')!;
    expect(
      Math.max(
        ...first
          .getContext('2d')!
          .getImageData(0, 0, first.width, first.height)
          .data.filter((_, i) => i % 4 === 3),
      ),
    ).to.be.greaterThan(40);
    await el.classify(noiseCanvas(64, 2));
    const cam = shadow(el).querySelector<HTMLCanvasElement>('canvas.cam')!;
    expect(cam.hidden).to.equal(false);
    // conv1 stride 2 then depthwise stride 2: 224 → 112 → 56.
    expect([cam.width, cam.height]).to.deep.equal([56, 56]);
    const alpha = cam
      .getContext('2d')!
      .getImageData(0, 0, 56, 56)
      .data.filter((_, i) => i % 4 === 3);
    expect(Math.max(...alpha)).to.be.greaterThan(40);
  });

  it('shows the pad for a 1-channel model and classifies strokes drawn with pointer events', async () => {
    const el = await classifier(
      html`<pretrained-classifier backend="cpu" model-url=${DIGITS_TINY}></pretrained-classifier>`,
    );
    const pad = shadow(el).querySelector<CnnDrawPad>('cnn-draw-pad')!;
    expect(pad).to.exist;
    const heard = oneEvent(el, 'prediction') as Promise<CustomEvent<PredictionDetail>>;
    await drawWithMouse(pad, [
      [
        [0.5, 0.15],
        [0.5, 0.85],
      ],
    ]);
    const { top } = (await heard).detail;
    expect(top).to.have.length(3);
    expect(top.every((p) => /^\d$/.test(p.label))).to.equal(true);
  });

  it('names a linked trainer’s classes by its classNames, unless its own labels say otherwise', async () => {
    const trainer = standInTrainer('trainer-named', {
      model: leaningModel(3, 1),
      classNames: ['bar', 'dash', 'ring'],
    });
    const el = await classifierFor(trainer);
    expect((await el.classify(noiseCanvas(28)))[0].label).to.equal('dash');
    // New classes come with a new model (the trainer rebuilds): the names follow.
    const first = trainer.model;
    trainer.classNames = ['bar', 'line', 'ring'];
    trainer.model = leaningModel(3, 1);
    trainer.dispatchEvent(new CustomEvent('model-change'));
    await until(() => el.model === trainer.model, 'the new trainer model');
    await idle(el);
    expect((await el.classify())[0].label).to.equal('line');
    // The page's own labels win.
    const relabelled = oneEvent(el, 'model-change');
    el.setAttribute('labels', '["a","b","c"]');
    await relabelled;
    expect((await el.classify())[0].label).to.equal('b');
    el.remove();
    await new Promise((r) => setTimeout(r, 50));
    [first, trainer.model].forEach((m) => m.dispose());
    trainer.remove();
  });

  it('offers a linked trainer’s own examples as its samples, starting with the first, and invites the reader’s classes', async () => {
    /** A 28×28 example as a trainer keeps it: white ink on black, a bar down (0) or across (1) the middle. */
    const example = (across: number) => {
      const image = new ImageData(28, 28);
      for (let i = 0; i < 784; i++) {
        const [row, col] = [Math.floor(i / 28), i % 28];
        const ink = across
          ? row >= 12 && row < 16 && col >= 6 && col < 22
          : col >= 12 && col < 16 && row >= 6 && row < 22;
        image.data.set([ink ? 255 : 0, ink ? 255 : 0, ink ? 255 : 0, 255], i * 4);
      }
      return image;
    };
    const trainer = standInTrainer('trainer-own', {
      model: leaningModel(3, 2),
      classNames: ['bar', 'dash', 'ring'],
      samples: [
        { label: 'bar', image: example(0) },
        { label: 'dash', image: example(1) },
      ],
    });
    const el = await classifierFor(trainer);
    const root = shadow(el);
    // The first look is the reader's first example, not a held-out digit.
    await until(() => el.predictions.length === 3, 'the first look');
    expect(root.querySelector('.first-look')!.textContent).to.contain('One of your examples (bar)');
    expect(Array.from(el.input!.data)).to.deep.equal(Array.from(example(0).data));
    const buttons = () => [...root.querySelectorAll<HTMLButtonElement>('[part="samples"] button')];
    expect(buttons().map((b) => b.getAttribute('aria-label'))).to.deep.equal([
      'Your example of bar',
      'Your example of dash',
    ]);
    expect(root.querySelector('cnn-draw-pad')!.getAttribute('label')).to.equal(
      'Draw bar, dash or ring on this pad',
    );
    const heard = oneEvent(el, 'prediction') as Promise<CustomEvent<PredictionDetail>>;
    buttons()[1].click();
    await heard;
    expect(Array.from(el.input!.data), 'the dash classified').to.deep.equal(Array.from(example(1).data));
    // The trainer's examples change: the strip follows its dataset-change.
    trainer.samples = [{ label: 'ring', image: example(0) }];
    trainer.dispatchEvent(new CustomEvent('dataset-change'));
    await until(() => buttons().length === 1, 'the one example left');
    expect(buttons()[0].getAttribute('aria-label')).to.equal('Your example of ring');
    await expect(el).to.be.accessible();
    el.remove();
    await new Promise((r) => setTimeout(r, 50));
    trainer.model.dispose();
    trainer.remove();
  });

  it('invites a linked trainer’s own classes, and starts with the first example once there is one', async () => {
    const trainer = standInTrainer('trainer-empty', {
      model: leaningModel(3, 2),
      classNames: ['bar', 'dash', 'ring'],
      samples: [] as Array<{ label: string; image: ImageData }>,
    });
    const el = await classifierFor(trainer);
    await new Promise((r) => setTimeout(r, 300));
    // A held-out digit read as "ring" would mean nothing to the reader.
    expect(el.predictions).to.deep.equal([]);
    expect(shadow(el).querySelector('.hint')!.textContent).to.contain('Draw bar, dash or ring, drop');
    // The reader's first example makes the first look.
    const example = new ImageData(28, 28);
    for (let i = 0; i < 784; i++)
      example.data.set(i % 28 === 14 ? [255, 255, 255, 255] : [0, 0, 0, 255], i * 4);
    trainer.samples = [{ label: 'dash', image: example }];
    trainer.dispatchEvent(new CustomEvent('dataset-change'));
    await until(() => el.predictions.length === 3, 'the first look');
    expect(shadow(el).querySelector('.first-look')!.textContent).to.contain('One of your examples (dash)');
    el.remove();
    await new Promise((r) => setTimeout(r, 50));
    trainer.model.dispose();
    trainer.remove();
  });

  it('follows a linked trainer stand-in through for= and model-change, and leaves its model alone', async () => {
    const trainer = standInTrainer('trainer-x', { model: leaningModel(10, 3) });
    const el = await classifierFor(trainer);
    expect((await el.classify(noiseCanvas(28)))[0].label).to.equal('3');
    const first = trainer.model;
    const relayed = oneEvent(el, 'model-change');
    trainer.model = leaningModel(10, 8);
    trainer.dispatchEvent(new CustomEvent('model-change'));
    await until(() => el.model === trainer.model, 'the new trainer model');
    // The shared model-change shape, saying the model came from the linked element.
    expect((await relayed).detail).to.deep.include({
      model: trainer.model,
      reason: 'linked',
      kind: 'layers',
      url: '',
      classes: 10,
    });
    await idle(el);
    expect((await el.classify())[0].label).to.equal('8');
    el.remove();
    await new Promise((r) => setTimeout(r, 50));
    // The trainer owns its models: still usable after the classifier went away.
    const y = trainer.model.predict(tf.zeros([1, 28, 28, 1])) as tf.Tensor;
    y.dispose();
    first.dispose();
    trainer.model.dispose();
    trainer.remove();
  });

  it('renders its heading at the level the page sets (default 2, under a page <h1>), or none with 0', async () => {
    const el = await classifier(
      html`<pretrained-classifier backend="cpu" model-url=${DIGITS_TINY}></pretrained-classifier>`,
    );
    const heading = () => shadow(el).querySelector('.heading')!;
    expect(heading().localName).to.equal('h2');
    expect(heading().id).to.equal('top-heading');
    el.headingLevel = 4;
    await el.updateComplete;
    expect(heading().localName).to.equal('h4');
    el.setAttribute('heading-level', '0');
    await el.updateComplete;
    expect(heading().localName).to.equal('p');
    expect(shadow(el).querySelector('[part="predictions"]')!.getAttribute('aria-labelledby')).to.equal(
      'top-heading',
    );
    await expect(el).to.be.accessible();
    const said = errorOf(el, () => el.setAttribute('heading-level', '9'));
    expect(await said).to.equal('heading-level "9" is unknown: use 0, 1, 2, 3, 4, 5, 6.');
    await el.updateComplete;
    expect(heading().localName).to.equal('h2');
  });

  it('is accessible', async () => {
    const el = await classifier(
      html`<pretrained-classifier backend="cpu" model-url=${DIGITS_TINY}></pretrained-classifier>`,
    );
    await expect(el).to.be.accessible();
    const rgb = await classifier(
      html`<pretrained-classifier backend="cpu" model-url=${GRAPH}></pretrained-classifier>`,
    );
    await rgb.classify(noiseCanvas(32));
    await expect(rgb).to.be.accessible();
  });

  it('disposes every tensor when removed', async () => {
    const baseline = tf.memory().numTensors;
    const el = await classifier(
      html`<pretrained-classifier backend="cpu" explain model-url=${MOBILENET}></pretrained-classifier>`,
    );
    await el.classify(noiseCanvas(48));
    el.remove();
    await expectTensorsBackTo(baseline);
  });
});

describe('<pretrained-classifier> camera', () => {
  before(() => ensureBackend('cpu'));

  const button = (el: PretrainedClassifier, name: string) =>
    [...shadow(el).querySelectorAll('button')].find((b) => b.textContent!.trim() === name);

  /** Presses "Use camera" and waits for frames; the browser's fake device (see web-test-runner.config.mjs) films a test pattern. */
  async function startCamera(
    el: PretrainedClassifier,
  ): Promise<{ video: HTMLVideoElement; stream: MediaStream }> {
    button(el, 'Use camera')!.click();
    await until(
      () => (shadow(el).querySelector('video')?.videoWidth ?? 0) > 0,
      'the camera to show frames',
      15000,
    );
    const video = shadow(el).querySelector('video')!;
    return { video, stream: video.srcObject as MediaStream };
  }

  it('classifies a camera frame, and stopping the camera ends its tracks', async () => {
    const el = await classifier(
      html`<pretrained-classifier backend="cpu" model-url=${GRAPH}></pretrained-classifier>`,
    );
    const { video, stream } = await startCamera(el);
    expect(stream.getVideoTracks()).to.have.length(1);
    expect(stream.getVideoTracks()[0].readyState).to.equal('live');
    const heard = oneEvent(el, 'prediction') as Promise<CustomEvent<PredictionDetail>>;
    button(el, 'Take photo')!.click();
    const { top } = (await heard).detail;
    expect(top).to.have.length(3);
    top.forEach((p) => expect(p.probability).to.be.within(0, 1));
    expect(top.reduce((s, p) => s + p.probability, 0)).to.be.at.most(1 + 1e-6);
    // The frame classified is the camera's, at the camera's size.
    expect([el.input!.sourceWidth, el.input!.sourceHeight]).to.deep.equal([
      video.videoWidth,
      video.videoHeight,
    ]);
    button(el, 'Stop camera')!.click();
    await el.updateComplete;
    expect(stream.getTracks().every((t) => t.readyState === 'ended')).to.equal(true);
    expect(shadow(el).querySelector('video')).to.equal(null);
    expect(button(el, 'Use camera')).to.exist;
  });

  it('ends the camera tracks when the element is removed', async () => {
    const el = await classifier(
      html`<pretrained-classifier backend="cpu" model-url=${GRAPH}></pretrained-classifier>`,
    );
    const { stream } = await startCamera(el);
    el.remove();
    // Released a microtask later (a move in the DOM keeps everything).
    await until(() => stream.getTracks().every((t) => t.readyState === 'ended'), 'the tracks to end');
  });

  it('explains a camera the page may not use, with cnn-error', async () => {
    await inCameraDeniedFrame<PretrainedClassifier>(
      '/src/elements/pretrained-classifier/define.ts',
      `<pretrained-classifier backend="cpu" model-url="${GRAPH}"></pretrained-classifier>`,
      async (el) => {
        const message = await errorOf(el, () => button(el, 'Use camera')!.click());
        expect(message).to.match(
          /^The camera could not start: .+\. Allow camera access for this page, or use a file instead\.$/,
        );
        await el.updateComplete;
        expect(shadow(el).querySelector('[part="error"]')!.textContent).to.match(/camera could not start/);
        expect(shadow(el).querySelector('video')).to.equal(null);
        expect(button(el, 'Use camera')).to.exist;
      },
    );
  });
});

/** Draws strokes on the pad with the browser's real mouse (points in pad units). */
async function drawWithMouse(
  pad: CnnDrawPad,
  strokes: Array<Array<[number, number]>>,
  steps = 6,
): Promise<void> {
  pad.scrollIntoView({ block: 'center' });
  const r = pad.canvas.getBoundingClientRect();
  const at = ([x, y]: [number, number]): [number, number] => [
    Math.round(r.left + x * r.width),
    Math.round(r.top + y * r.height),
  ];
  for (const points of strokes) {
    await sendMouse({ type: 'move', position: at(points[0]) });
    await sendMouse({ type: 'down' });
    for (let i = 1; i < points.length; i++) {
      const [a, b] = [points[i - 1], points[i]];
      for (let s = 1; s <= steps; s++) {
        await sendMouse({
          type: 'move',
          position: at([a[0] + ((b[0] - a[0]) * s) / steps, a[1] + ((b[1] - a[1]) * s) / steps]),
        });
      }
    }
    await sendMouse({ type: 'up' });
  }
}

describe('<pretrained-classifier> with the shipped digit model', () => {
  before(() => ensureBackend('cpu'));

  it('classifies at least 98% of 200 held-out MNIST digits correctly through the element', async () => {
    const el = await classifier(html`<pretrained-classifier backend="cpu"></pretrained-classifier>`);
    const data = await loadMnist();
    const { test } = splitMnist(data);
    const indices = test.slice(0, 200);
    let correct = 0;
    for (const index of indices) {
      const { pixels, label } = mnistDigit(data, index);
      const rgba = new Uint8ClampedArray(28 * 28 * 4);
      pixels.forEach((v, i) => rgba.set([v, v, v, 255], i * 4));
      const [best] = await el.classify(new ImageData(rgba, 28, 28));
      if (best.label === String(label)) correct++;
    }
    expect(correct / indices.length).to.be.at.least(0.98);
  });

  it('classifies digits drawn on the pad with the mouse', async () => {
    const el = await classifier(html`<pretrained-classifier backend="cpu"></pretrained-classifier>`);
    const pad = shadow(el).querySelector<CnnDrawPad>('cnn-draw-pad')!;
    const digits: Array<[string, Array<Array<[number, number]>>]> = [
      [
        '1',
        [
          [
            [0.5, 0.15],
            [0.47, 0.85],
          ],
        ],
      ],
      [
        '7',
        [
          [
            [0.25, 0.2],
            [0.75, 0.2],
            [0.45, 0.85],
          ],
        ],
      ],
      [
        '0',
        [
          Array.from({ length: 25 }, (_, i): [number, number] => [
            0.5 + 0.22 * Math.sin((i / 24) * 2 * Math.PI),
            0.5 - 0.33 * Math.cos((i / 24) * 2 * Math.PI),
          ]),
        ],
      ],
    ];
    for (const [digit, strokes] of digits) {
      pad.clear();
      await drawWithMouse(pad, strokes);
      await until(() => el.predictions.length > 0 && el.getAttribute('state') === 'ready', 'a prediction');
      // The prediction follows the pen; once the stroke ends, the last one is for the whole drawing.
      await new Promise((r) => setTimeout(r, 50));
      await idle(el);
      expect(el.predictions[0].label, `drawn ${digit}`).to.equal(digit);
    }
  });

  it('classifies a held-out 7 at load, says it is a sample, and lets the pad take over', async () => {
    const el = await classifier(
      html`<pretrained-classifier backend="cpu" top-k="3"></pretrained-classifier>`,
    );
    await until(() => el.predictions.length === 3, 'the first look');
    expect(el.predictions[0].label).to.equal('7');
    expect(shadow(el).querySelector('.first-look')!.textContent).to.match(/held-out test digit \(7\)/);
    expect(shownLabels(el)).to.deep.equal(el.predictions.map((p) => p.label));
    // What the model sees is painted: the 28×28 preview is not black.
    const seen = shadow(el)
      .querySelector<HTMLCanvasElement>('canvas.digit')!
      .getContext('2d')!
      .getImageData(0, 0, 28, 28).data;
    expect(Math.max(...seen.filter((_, i) => i % 4 === 0))).to.be.greaterThan(100);
    const pad = shadow(el).querySelector<CnnDrawPad>('cnn-draw-pad')!;
    pad.drawStrokes([
      [
        { x: 0.5, y: 0.15 },
        { x: 0.5, y: 0.85 },
      ],
    ]);
    await until(() => !shadow(el).querySelector('.first-look'), 'the note to give way to the drawing');
    await expect(el).to.be.accessible();
  });

  it('shows sample digits from the held-out split, and classifies one when pressed', async () => {
    const el = await classifier(html`<pretrained-classifier backend="cpu"></pretrained-classifier>`);
    await until(
      () => shadow(el).querySelectorAll('[part="samples"] button').length === 10,
      'ten sample digits',
    );
    const seven = shadow(el).querySelector<HTMLButtonElement>(
      '[part="samples"] button[aria-label="Sample digit 7"]',
    )!;
    const heard = oneEvent(el, 'prediction') as Promise<CustomEvent<PredictionDetail>>;
    seven.click();
    expect((await heard).detail.top[0].label).to.equal('7');
  });
});
