import { expect, fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { zipSync } from 'fflate';
import * as tf from '@tensorflow/tfjs-core';
import '../../src/elements/cnn-trainer/define.js';
import type { CnnTrainer, DatasetChangeDetail } from '../../src/elements/cnn-trainer/cnn-trainer.js';
import type { CnnErrorDetail } from '../../src/elements/events.js';
import { ensureBackend } from '../../src/core/runtime/backend.tf.js';
import { seededRandom } from '../../src/core/math/random.js';
import { expectTensorsBackTo, settledTensorCount, until } from '../helpers.js';
import { drawSymbol } from '../draw-symbols.js';
import { inCameraDeniedFrame } from '../camera-denied.js';
import { setTrainingWorkerUrl, trainingWorkerUrl } from '../../src/core/training/worker-client.tf.js';
import type { BatchReport } from '../../src/core/training/training-loop.tf.js';

type Shape = 'bar' | 'dash' | 'ring';
const drawShape = drawSymbol;

const SHAPES: Shape[] = ['bar', 'dash', 'ring'];
const errorText = (el: CnnTrainer) => el.shadowRoot!.querySelector('[part="error"]')?.textContent ?? '';

async function customTrainer(
  markup = html`<cnn-trainer backend="cpu" dataset="custom" classes='["bar","dash","ring"]' preset="dense-only"></cnn-trainer>`,
) {
  const el = await fixture<CnnTrainer>(markup);
  await el.ready;
  await until(() => el.model !== undefined || errorText(el) !== '', 'a model or an error');
  return el;
}

describe('<cnn-trainer dataset="custom">', () => {
  before(async () => {
    await ensureBackend('cpu');
  });
  afterEach(() => fixtureCleanup());

  it('learns the reader’s own classes from drawings, well above chance on new drawings', async function () {
    // Drawing, decoding and training 36 examples takes a while on a busy two-core machine.
    this.timeout(180000);
    const el = await customTrainer();
    expect(el.model!.outputs[0].shape).to.deep.equal([null, 3]);
    const next = seededRandom(7);
    const changes: DatasetChangeDetail[] = [];
    el.addEventListener('dataset-change', (e) => changes.push(e.detail));
    for (let i = 0; i < 12; i++)
      for (const shape of SHAPES) await el.addExample(shape, drawShape(shape, next));
    expect(el.examples).to.deep.equal({ bar: 12, dash: 12, ring: 12 });
    expect(changes).to.have.length(36);
    expect(changes[35]).to.deep.equal({ classes: SHAPES, examples: { bar: 12, dash: 12, ring: 12 } });
    await el.updateComplete;
    const rows = [...el.shadowRoot!.querySelectorAll('[part="dataset"] .class-row')];
    expect(rows.map((r) => r.querySelector('.count')!.textContent)).to.deep.equal([
      '12 examples',
      '12 examples',
      '12 examples',
    ]);
    expect(rows[0].querySelectorAll('canvas[data-example]')).to.have.length(12);

    el.epochs = 25;
    el.learningRate = 0.003;
    await el.train();
    expect(errorText(el)).to.equal('');
    // The held-out part (a fifth of each class) is scored after every epoch over the three classes.
    const confusion = (await el.evaluate()).confusion;
    expect(confusion).to.have.length(3);
    expect(confusion.flat().reduce((a, b) => a + b, 0)).to.equal(3 * Math.round(12 * 0.2));
    await el.updateComplete;
    const heads = [...el.shadowRoot!.querySelectorAll('.confusion .cm-head')].map((h) => h.textContent);
    expect(heads.slice(0, 3)).to.deep.equal(SHAPES);

    // Independent check: new drawings the network never saw, scored here from model.predict.
    const fresh = seededRandom(99);
    let hits = 0;
    for (let i = 0; i < 8; i++) {
      for (const [label, shape] of SHAPES.entries()) {
        const before = el.examples[shape];
        await el.addExample(shape, drawShape(shape, fresh));
        // Read the example back as the network sees it (the newest thumbnail's pixels) and predict.
        const pixels = (
          el as unknown as { exampleSet: { examplesOf(l: string): Uint8Array[] } }
        ).exampleSet.examplesOf(shape)[before];
        const guess = tf.tidy(
          () =>
            tf
              .argMax(
                el.model!.predict(
                  tf.tensor4d(
                    Float32Array.from(pixels, (v) => v / 255),
                    [1, 28, 28, 1],
                  ),
                ) as tf.Tensor,
                1,
              )
              .dataSync()[0],
        );
        if (guess === label) hits++;
        el.removeExample(shape, before);
      }
    }
    expect(hits / 24).to.be.greaterThan(0.7);
    expect(el.toKeras()).to.contain("layers.Dense(3, activation='softmax')");
    expect(el.toKeras()).to.contain('data/bar/, data/dash/, data/ring/');
    await expect(el).to.be.accessible();
  });

  it('trains the reader’s classes in the training worker, as the page does where no worker can start', async function () {
    this.timeout(120000);
    // The previous test's element frees its model once its last work lands: start from a still count.
    const baseline = await settledTensorCount();
    const markup = html`<cnn-trainer backend="cpu" dataset="custom" classes='["bar","dash","ring"]' preset="dense-only" epochs="1" batch-size="6" validation-split="0.25"></cnn-trainer>`;
    const progressText = (el: CnnTrainer) => el.shadowRoot!.querySelector('[part="progress"]')!.textContent!;
    const pixelsOf = (el: CnnTrainer) =>
      (el as unknown as { exampleSet: { list(): Uint8Array[] } }).exampleSet.list();
    const predictions = async (el: CnnTrainer) => {
      const p = tf.tidy(
        () =>
          el.model!.predict(
            tf.tensor4d(
              Float32Array.from(
                pixelsOf(el).flatMap((e) => [...e]),
                (v) => v / 255,
              ),
              [24, 28, 28, 1],
            ),
          ) as tf.Tensor,
      );
      const values = await p.data();
      p.dispose();
      return values;
    };
    const trained = async (el: CnnTrainer) => {
      const next = seededRandom(11);
      for (let i = 0; i < 8; i++)
        for (const shape of SHAPES) await el.addExample(shape, drawShape(shape, next));
      await el.train();
      await el.updateComplete;
      expect(errorText(el).replace(/Training runs on the page.*/, '')).to.equal('');
      // 18 examples train (6 held out), batches of 6; the held-out ones are scored over the three classes.
      expect(el.shadowRoot!.querySelector('progress')!.getAttribute('value')).to.equal('3');
      expect((await el.evaluate()).confusion).to.have.length(3);
      return predictions(el);
    };

    const inWorker = await customTrainer(markup);
    const there = await trained(inWorker);
    // The CPU backend trains in the worker, off the page's main thread, and the progress line says so.
    expect(progressText(inWorker)).to.contain('cpu in a Web Worker');

    // Where the worker script cannot load, the same run trains on the page and says why.
    const shipped = trainingWorkerUrl();
    setTrainingWorkerUrl(new URL('/no/such/train-worker.js', location.href));
    try {
      const onPage = await customTrainer(markup);
      const why = oneEvent(onPage, 'cnn-error');
      const here = await trained(onPage);
      expect(((await why) as CustomEvent<CnnErrorDetail>).detail.message).to.match(
        /Training runs on the page instead of in a Web Worker/,
      );
      expect(progressText(onPage)).not.to.contain('Web Worker');
      // The page's model holds what the worker learned: the same predictions to float32 rounding.
      there.forEach((p, i) => expect(p).to.be.closeTo(here[i], 1e-5));
      onPage.remove();
    } finally {
      setTrainingWorkerUrl(shipped);
    }

    // Pause and stop act at a batch boundary in the worker too.
    const steps: number[] = [];
    inWorker.addEventListener('batch-end', (e) => {
      steps.push((e as CustomEvent<BatchReport>).detail.step);
      if (steps.length === 1) inWorker.pause();
    });
    const ended = oneEvent(inWorker, 'train-end');
    const again = inWorker.train();
    await until(() => steps.length === 1, 'a batch', 30000);
    await until(() => progressText(inWorker).includes('paused'), 'the progress line to say paused', 10000);
    expect(steps).to.deep.equal([1]);
    inWorker.stop();
    await again;
    expect(((await ended) as CustomEvent<{ stopped: boolean }>).detail.stopped).to.equal(true);
    expect(steps).to.deep.equal([1]);
    inWorker.remove();
    await expectTensorsBackTo(baseline);
  });

  it('removes an example, clears a class, and leaks no tensor after clearing and removal', async () => {
    const baseline = tf.memory().numTensors;
    const el = await customTrainer();
    const next = seededRandom(3);
    for (let i = 0; i < 3; i++)
      for (const shape of SHAPES) await el.addExample(shape, drawShape(shape, next));
    await el.updateComplete;
    // A drawing's thumbnail is the 28×28 digit the network sees.
    expect(el.shadowRoot!.querySelector<HTMLCanvasElement>('canvas[data-class="dash"]')!.width).to.equal(28);
    el.shadowRoot!.querySelector<HTMLButtonElement>('.class-row[data-label="dash"] button.thumb')!.click();
    expect(el.examples.dash).to.equal(2);
    el.removeExample('ring', 2);
    expect(el.examples).to.deep.equal({ bar: 3, dash: 2, ring: 2 });
    el.shadowRoot!.querySelector<HTMLButtonElement>(
      '.class-row[data-label="bar"] button:not(.thumb)',
    )!.click();
    expect(el.examples.bar).to.equal(0);
    el.epochs = 1;
    el.clearExamples();
    expect(el.examples).to.deep.equal({ bar: 0, dash: 0, ring: 0 });
    el.remove();
    await expectTensorsBackTo(baseline);
  });

  it('refuses bad classes and bad examples with a clear message, keeping what it had', async () => {
    const el = await customTrainer();
    const next = seededRandom(5);
    await el.addExample('bar', drawShape('bar', next));
    const model = el.model;

    for (const [classes, pattern] of [
      ['["only"]', /at least 2 classes/],
      ['["a","a"]', /used twice/],
      ['["a",""]', /no name/],
      ['not json', /JSON list/],
    ] as const) {
      const failed = oneEvent(el, 'cnn-error');
      el.classes = classes;
      const { detail } = (await failed) as CustomEvent<CnnErrorDetail>;
      expect(detail.message).to.match(pattern);
      expect(errorText(el)).to.match(pattern);
      expect(el.model).to.equal(model);
      expect(el.examples.bar).to.equal(1);
    }
    el.classes = ['bar', 'dash', 'ring'];
    await until(() => errorText(el) === '', 'the error to clear');
    expect(el.examples.bar, 'a class that keeps its name keeps its examples').to.equal(1);

    const undecodable = oneEvent(el, 'cnn-error');
    let rejected = false;
    await el
      .addExample('bar', new Blob(['not an image'], { type: 'image/png' }))
      .catch(() => (rejected = true));
    expect(rejected).to.be.true;
    expect(((await undecodable) as CustomEvent<CnnErrorDetail>).detail.message).to.match(/could not be read/);
    await el.addExample('nope', drawShape('bar', next)).catch(() => (rejected = true));
    expect(errorText(el)).to.match(/no class "nope"/);
    const blank = document.createElement('canvas');
    blank.width = blank.height = 50;
    await el.addExample('dash', blank).catch(() => undefined);
    expect(errorText(el)).to.match(/blank/);
    expect(el.examples).to.deep.equal({ bar: 1, dash: 0, ring: 0 });

    // Training with a class that has too few examples explains what to add.
    const noTrain = oneEvent(el, 'cnn-error');
    await el.train();
    expect(((await noTrain) as CustomEvent<CnnErrorDetail>).detail.message).to.match(
      /at least 2 examples.*"bar", "dash", "ring"/,
    );
    expect(el.examples.bar).to.equal(1);
  });

  it('reads a dropped folder in the flow_from_directory layout, skipping and listing what is not an image', async () => {
    const el = await customTrainer();
    const next = seededRandom(11);
    const png = async (shape: Shape) =>
      new Promise<Blob>((resolve) => drawShape(shape, next).toBlob((b) => resolve(b!), 'image/png'));
    const files = [
      { path: 'symbols/tick/1.png', file: await png('bar') },
      { path: 'symbols/tick/2.png', file: await png('bar') },
      { path: 'symbols/circle/1.png', file: await png('ring') },
      { path: 'symbols/circle/notes.txt', file: new Blob(['hello'], { type: 'text/plain' }) },
      { path: 'symbols/circle/broken.png', file: new Blob(['zzz'], { type: 'image/png' }) },
    ];
    const result = await el.addFolder(files);
    expect(result.added).to.equal(3);
    expect(result.skipped).to.have.length(2);
    expect(result.skipped[0]).to.match(/notes\.txt: not an image/);
    expect(result.skipped[1]).to.match(/broken\.png: .*could not be read/);
    expect(el.examples).to.deep.equal({ tick: 2, circle: 1 });
    await until(() => el.model?.outputs[0].shape[1] === 2, 'a two-class model');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.skipped summary')!.textContent).to.contain('2 files were skipped');
  });

  it('reads a dropped zip of class folders, skipping and listing what is not an image, and explains a broken zip', async () => {
    const el = await customTrainer();
    const next = seededRandom(12);
    const png = async (shape: Shape) =>
      new Uint8Array(
        await (
          await new Promise<Blob>((resolve) => drawShape(shape, next).toBlob((b) => resolve(b!), 'image/png'))
        ).arrayBuffer(),
      );
    const zip = zipSync({
      'symbols/tick/1.png': await png('bar'),
      'symbols/tick/2.png': await png('bar'),
      'symbols/circle/1.png': await png('ring'),
      'symbols/circle/2.png': [await png('ring'), { level: 0 }],
      'symbols/circle/notes.txt': new TextEncoder().encode('drawn on Monday'),
      // What macOS adds to a zip: not the reader's files, not a class.
      '__MACOSX/symbols/tick/._1.png': new Uint8Array([0, 5, 22, 7]),
    });
    const drop = (file: File) => {
      const transfer = new DataTransfer();
      transfer.items.add(file);
      el.shadowRoot!.querySelector('[part="dataset"]')!.dispatchEvent(
        new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }),
      );
    };
    const changed = oneEvent(el, 'dataset-change');
    drop(new File([zip], 'symbols.zip', { type: 'application/zip' }));
    expect(((await changed) as CustomEvent<DatasetChangeDetail>).detail).to.deep.equal({
      classes: ['tick', 'circle'],
      examples: { tick: 2, circle: 2 },
    });
    await until(() => el.model?.outputs[0].shape[1] === 2, 'a two-class model');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.skipped summary')!.textContent).to.contain('1 file was skipped');
    expect(el.shadowRoot!.querySelector('.skipped li')!.textContent).to.match(
      /^symbols\/circle\/notes\.txt: not an image$/,
    );

    const failed = oneEvent(el, 'cnn-error');
    drop(new File([zip.subarray(0, 200)], 'cut.zip', { type: 'application/zip' }));
    expect(((await failed) as CustomEvent<CnnErrorDetail>).detail.message).to.match(
      /^cut\.zip could not be read as a zip: /,
    );
    expect(el.examples).to.deep.equal({ tick: 2, circle: 2 });
  });

  it('keeps the project (classes, examples, trained model) in IndexedDB and in one file', async () => {
    const el = await customTrainer();
    const next = seededRandom(21);
    for (let i = 0; i < 3; i++)
      for (const shape of SHAPES) await el.addExample(shape, drawShape(shape, next));
    el.epochs = 2;
    await el.train();
    const file = await el.saveProject('trainer-test-project');
    const weights = await Promise.all(el.model!.getWeights().map((w) => w.data()));

    const back = await customTrainer(html`<cnn-trainer backend="cpu"></cnn-trainer>`);
    await back.loadProject('trainer-test-project');
    await until(() => back.model?.outputs[0].shape[1] === 3, 'the restored model');
    expect(back.trainingSet).to.equal('custom');
    expect(back.examples).to.deep.equal({ bar: 3, dash: 3, ring: 3 });
    expect(back.preset).to.equal('dense-only');
    // Each example's picture comes back too (the 140 px drawings, kept grey), for a base that takes pictures.
    const kept = back as unknown as {
      exampleSet: {
        examplesOf(l: string): Uint8Array[];
        sourceOf(e: Uint8Array): { width: number; channels: number };
      };
    };
    expect(kept.exampleSet.sourceOf(kept.exampleSet.examplesOf('ring')[2])).to.deep.include({
      width: 140,
      channels: 1,
    });
    expect(await Promise.all(back.model!.getWeights().map((w) => w.data()))).to.deep.equal(weights);

    const fromFile = await customTrainer(html`<cnn-trainer backend="cpu"></cnn-trainer>`);
    await fromFile.loadProject(file);
    await until(() => fromFile.model?.outputs[0].shape[1] === 3, 'the model from the file');
    expect(fromFile.examples).to.deep.equal({ bar: 3, dash: 3, ring: 3 });
    expect(await Promise.all(fromFile.model!.getWeights().map((w) => w.data()))).to.deep.equal(weights);

    // A file that is not a project changes nothing.
    const failed = oneEvent(fromFile, 'cnn-error');
    await fromFile.loadProject(new Blob(['{"hello": 1}'])).catch(() => undefined);
    expect(((await failed) as CustomEvent<CnnErrorDetail>).detail.message).to.match(
      /not a cnn-trainer project/,
    );
    expect(fromFile.examples).to.deep.equal({ bar: 3, dash: 3, ring: 3 });
    await fromFile.loadProject('no-such-project').catch(() => undefined);
    expect(errorText(fromFile)).to.match(/no project saved .* "no-such-project"/);
  });
});

describe('<cnn-trainer dataset="custom"> camera', () => {
  before(async () => {
    await ensureBackend('cpu');
  });
  afterEach(() => fixtureCleanup());

  const button = (el: HTMLElement, name: string) =>
    [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent.trim() === name);
  const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('adds a frame per press and a burst while held, and stops the camera when the dataset leaves custom or the element goes', async function () {
    this.timeout(60000);
    const el = await customTrainer();
    let changes = 0;
    el.addEventListener('dataset-change', () => changes++);
    button(el, 'Use camera')!.click();
    // The browser's fake device (web-test-runner.config.mjs) films a test pattern.
    await until(
      () => (el.shadowRoot!.querySelector('video')?.videoWidth ?? 0) > 0,
      'the camera to show frames',
      15000,
    );
    const video = el.shadowRoot!.querySelector('video')!;
    const stream = video.srcObject as MediaStream;

    // Enter on the focused button: one frame (its click is part of the press, not a second frame).
    button(el, 'Add frame to bar')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => el.examples.bar === 1, 'one frame');
    // A click alone (a screen reader's activation): one frame.
    button(el, 'Add frame to dash')!.click();
    await until(() => el.examples.dash === 1, 'one frame');
    await wait(100);
    // The real mouse held down on a button: a burst, which ends when the button is let go.
    const ring = button(el, 'Add frame to ring')!;
    ring.scrollIntoView({ block: 'center' });
    const box = ring.getBoundingClientRect();
    await sendMouse({
      type: 'move',
      position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)],
    });
    await sendMouse({ type: 'down' });
    await until(() => el.examples.ring >= 3, 'a burst', 10000);
    await sendMouse({ type: 'up' });
    await wait(400);
    const held = el.examples.ring;
    await wait(300);
    expect(el.examples).to.deep.equal({ bar: 1, dash: 1, ring: held });
    expect(held).to.be.within(3, 30);
    expect(changes).to.equal(2 + held);
    // A frame keeps the camera's picture (RGB, at most 224 px a side) for a base that takes pictures.
    const kept = el as unknown as {
      exampleSet: {
        examplesOf(l: string): Uint8Array[];
        sourceOf(e: Uint8Array): { width: number; height: number; channels: number };
      };
    };
    const source = kept.exampleSet.sourceOf(kept.exampleSet.examplesOf('ring')[0]);
    expect(source).to.deep.include({
      width: 224,
      height: Math.round((224 * video.videoHeight) / video.videoWidth),
      channels: 3,
    });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.sr-only[aria-live]')!.textContent).to.contain(
      `Added ${held} frames to ring: ${held} examples.`,
    );
    // Its thumbnail is the photo itself (a drawing's is the digit the network sees).
    expect(el.shadowRoot!.querySelector<HTMLCanvasElement>('canvas[data-class="ring"]')!.width).to.equal(224);
    await expect(el).to.be.accessible();

    el.trainingSet = 'mnist';
    await el.updateComplete;
    expect(stream.getTracks().every((t) => t.readyState === 'ended')).to.equal(true);
    expect(el.shadowRoot!.querySelector('video')).to.equal(null);

    el.trainingSet = 'custom';
    await el.updateComplete;
    button(el, 'Use camera')!.click();
    await until(
      () => el.shadowRoot!.querySelector('video')?.srcObject instanceof MediaStream,
      'the camera again',
      15000,
    );
    const again = el.shadowRoot!.querySelector('video')!.srcObject as MediaStream;
    el.remove();
    await until(() => again.getTracks().every((t) => t.readyState === 'ended'), 'the tracks to end');
  });

  it('explains a camera the page may not use, with cnn-error, keeping the dataset', async function () {
    this.timeout(60000);
    await inCameraDeniedFrame<CnnTrainer>(
      '/src/elements/cnn-trainer/define.ts',
      `<cnn-trainer backend="cpu" dataset="custom" classes='["a","b"]' preset="dense-only"></cnn-trainer>`,
      async (el, win) => {
        // An image of the frame's own realm (instanceof checks are per window).
        const drawing = drawShape('bar', seededRandom(2));
        const pixels = drawing.getContext('2d')!.getImageData(0, 0, drawing.width, drawing.height);
        await el.addExample('a', new win.ImageData(pixels.data, pixels.width, pixels.height));
        const failed = oneEvent(el, 'cnn-error');
        button(el, 'Use camera')!.click();
        const { detail } = (await failed) as CustomEvent<CnnErrorDetail>;
        expect(detail.message).to.match(
          /^The camera could not start: .+\. Allow camera access for this page, or use a file instead\.$/,
        );
        await el.updateComplete;
        expect(errorText(el)).to.match(/camera could not start/);
        expect(el.shadowRoot!.querySelector('video')).to.equal(null);
        expect(button(el, 'Use camera')).to.exist;
        expect(el.examples).to.deep.equal({ a: 1, b: 0 });
      },
    );
  });
});
