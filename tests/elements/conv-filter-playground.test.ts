import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import * as tf from '@tensorflow/tfjs-core';
import '../../src/elements/conv-filter-playground/define.js';
import '../../src/elements/pooling-stepper/define.js';
import type {
  ConvFilterPlayground,
  ConvOutputDetail,
} from '../../src/elements/conv-filter-playground/conv-filter-playground.js';
import type { PoolingStepper } from '../../src/elements/pooling-stepper/pooling-stepper.js';
import { expectTensorsBackTo, idle, until } from '../helpers.js';
import { maxAbsDiff, randomPixels, referenceConv } from '../reference/conv-reference.js';

// The tests run on the CPU backend: the element's maths on WebGPU is covered by tests/core/math/conv.test.ts.
const EDGE = [
  [0, -1, 0],
  [-1, 4, -1],
  [0, -1, 0],
];

/** A small seeded RGB image the test knows pixel by pixel. */
function testImage(width = 20, height = 14): ImageData {
  const p = randomPixels(width, height, 11);
  return new ImageData(new Uint8ClampedArray(p.data), width, height);
}

/** Grayscale as the course's tools compute it (ITU-R BT.601 luma), written here on its own. */
function luma(img: ImageData) {
  const values = new Float32Array(img.width * img.height);
  for (let i = 0; i < values.length; i++)
    values[i] = 0.299 * img.data[4 * i] + 0.587 * img.data[4 * i + 1] + 0.114 * img.data[4 * i + 2];
  return { values, height: img.height, width: img.width, channels: 1 };
}

function rgb(img: ImageData) {
  const values = new Float32Array(img.width * img.height * 3);
  for (let i = 0; i < img.width * img.height; i++)
    for (let c = 0; c < 3; c++) values[3 * i + c] = img.data[4 * i + c];
  return { values, height: img.height, width: img.width, channels: 3 };
}

async function playground(
  markup = html`<conv-filter-playground backend="cpu" kernel="edge"></conv-filter-playground>`,
  image: ImageData | null = testImage(),
) {
  const el = await fixture<ConvFilterPlayground>(markup);
  if (image) el.image = image;
  await el.ready;
  await idle(el);
  if (image)
    await until(
      () => (el.shadowRoot!.querySelector('canvas.in') as HTMLCanvasElement).width === image.width,
      'the test image to be shown',
    );
  await idle(el);
  return el;
}

const part = (el: HTMLElement, name: string) =>
  el.shadowRoot!.querySelector(`[part~="${name}"]`) as HTMLElement;
const errors = (el: HTMLElement) => {
  const seen: string[] = [];
  el.addEventListener('cnn-error', (e) => seen.push(e.detail.message));
  return seen;
};

describe('<conv-filter-playground>', () => {
  it('convolves the image exactly as a plain loop does (gray, rgb, sum; stride, padding, dilation, bias, relu)', async () => {
    const img = testImage();
    const el = await playground();
    const cases = [
      { channels: 'gray', stride: 1, padding: 'valid', dilation: 1, bias: 0, activation: 'none' },
      { channels: 'rgb', stride: 2, padding: 'same', dilation: 1, bias: 0, activation: 'none' },
      { channels: 'sum', stride: 2, padding: 'same', dilation: 2, bias: -30, activation: 'relu' },
      { channels: 'gray', stride: 3, padding: 'valid', dilation: 3, bias: 5, activation: 'none' },
    ] as const;
    for (const c of cases) {
      Object.assign(el, c);
      const out = await el.getOutput();
      const image = c.channels === 'gray' ? luma(img) : rgb(img);
      const want = referenceConv(image, EDGE, {
        ...c,
        perChannel: c.channels === 'rgb',
        relu: c.activation === 'relu',
      });
      expect(out.shape, JSON.stringify(c)).to.deep.equal(want.shape);
      expect(maxAbsDiff(out.values, want.values), JSON.stringify(c)).to.be.below(1e-3);
    }
  });

  it('divides the kernel by its sum when normalize is on, and not when it is off', async () => {
    const img = testImage();
    const el = await playground(
      html`<conv-filter-playground backend="cpu" kernel="box-blur-5"></conv-filter-playground>`,
    );
    const ones = Array.from({ length: 5 }, () => Array(5).fill(1));
    let out = await el.getOutput();
    const mean = referenceConv(
      luma(img),
      ones.map((r) => r.map((v) => v / 25)),
      { stride: 1, dilation: 1, padding: 'valid', perChannel: false },
    );
    expect(maxAbsDiff(out.values, mean.values)).to.be.below(1e-3);
    el.setAttribute('normalize', 'false');
    out = await el.getOutput();
    const sum = referenceConv(luma(img), ones, {
      stride: 1,
      dilation: 1,
      padding: 'valid',
      perChannel: false,
    });
    expect(maxAbsDiff(out.values, sum.values)).to.be.below(1e-2);
  });

  it('takes presets and JSON matrices, and shows the output size with the formula', async () => {
    const el = await playground();
    el.setAttribute('kernel', 'sobel-x');
    await el.updateComplete;
    expect(el.kernel).to.deep.equal([
      [-1, 0, 1],
      [-2, 0, 2],
      [-1, 0, 1],
    ]);
    el.setAttribute('kernel', '[[1, 2, 3], [4, 5, 6]]');
    el.stride = 2;
    el.padding = 'same';
    const out = await el.getOutput();
    expect(out.shape).to.deep.equal([7, 10, 1]);
    await el.updateComplete;
    // by hand: height 14, padding total max((7−1)·2 + 2 − 14, 0) = 0; width 20, max((10−1)·2 + 3 − 20, 0) = 1
    expect(part(el, 'formula').textContent).to.contain('floor((14 + 0 − 1·(2−1) − 1) / 2) + 1 = 7');
    expect(part(el, 'formula').textContent).to.contain('floor((20 + 1 − 1·(3−1) − 1) / 2) + 1 = 10');
  });

  it('fires output with the shape, range, backend and time', async () => {
    const el = await playground();
    const event = oneEvent(el, 'output');
    el.kernel = 'sharpen';
    const { detail } = (await event) as CustomEvent<ConvOutputDetail>;
    const out = await el.getOutput();
    expect(detail.shape).to.deep.equal(out.shape);
    expect(detail.min).to.equal(Math.min(...out.values));
    expect(detail.max).to.equal(Math.max(...out.values));
    expect(detail.backend).to.equal('cpu');
    expect(detail.ms).to.be.a('number').and.at.least(0);
  });

  it('inspects the strongest response away from the edges at first, with its receptive field and arithmetic', async () => {
    const el = await playground();
    const out = await el.getOutput();
    const [rows, cols] = out.shape;
    // Reference: the largest |value| with a margin of an eighth of each side (no corner, where padding decides).
    const [mr, mc] = [Math.floor(rows / 8), Math.floor(cols / 8)];
    let best = [-1, -1];
    let top = -1;
    for (let r = mr; r < rows - mr; r++)
      for (let c = mc; c < cols - mc; c++) {
        const v = Math.abs(out.values[r * cols + c]);
        if (v > top) [top, best] = [v, [r, c]];
      }
    const narration = part(el, 'arithmetic').querySelector('[aria-live]')!.textContent;
    expect(narration).to.contain(`Output row ${best[0] + 1}, column ${best[1] + 1}`);
    expect(best[0]).to.be.within(1, rows - 2);
    expect(best[1]).to.be.within(1, cols - 2);
    // The receptive field on the input, lit against a dimmed picture.
    const field = part(el, 'input').querySelector<HTMLElement>('.box')!;
    expect(getComputedStyle(field).boxShadow).to.match(/rgba\(0, 0, 0, 0\.3\)/);
    // A new kernel moves the first look to its own strongest pixel; once the reader picks one, it stays.
    part(el, 'output').focus();
    await sendKeys({ press: 'Home' });
    el.kernel = 'sharpen';
    await until(() => el.getAttribute('state') === 'ready', 'the new map');
    await idle(el);
    expect(part(el, 'arithmetic').querySelector('[aria-live]')!.textContent).to.contain(
      'Output row 1, column 1',
    );
  });

  it('shows the arithmetic of the pointed pixel, and arrow keys move it', async () => {
    const img = testImage();
    const el = await playground();
    const out = await el.getOutput();
    const map = part(el, 'output');
    map.focus();
    await sendKeys({ press: 'Home' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    const narration = part(el, 'arithmetic').querySelector('[aria-live]')!.textContent;
    expect(narration).to.contain('Output row 2, column 2');
    expect(narration).to.contain('input rows 2–4, columns 2–4');
    // Output (1, 1) by hand from the luma of the 3×3 patch at rows 1–3, columns 1–3.
    const g = luma(img);
    const at = (r: number, c: number) => g.values[r * g.width + c];
    const expected = 4 * at(2, 2) - at(1, 2) - at(3, 2) - at(2, 1) - at(2, 3);
    expect(out.values[1 * out.shape[1] + 1]).to.be.closeTo(expected, 1e-3);
    expect(narration).to.contain(
      expected
        .toFixed(3)
        .replace(/\.?0+$/, '')
        .slice(0, 5),
    );
    // The receptive field is outlined on the input, the pixel on the map.
    expect(part(el, 'input').querySelector('.box')).to.exist;
    expect(map.querySelector('.box')).to.exist;
    // A pointer on the map moves the inspected pixel too.
    const canvas = map.querySelector('canvas')!;
    const box = canvas.getBoundingClientRect();
    canvas.dispatchEvent(
      new PointerEvent('pointermove', { clientX: box.right - 1, clientY: box.bottom - 1, bubbles: true }),
    );
    await el.updateComplete;
    expect(part(el, 'arithmetic').textContent).to.contain(
      `Output row ${out.shape[0]}, column ${out.shape[1]}`,
    );
  });

  it('fires kernel-change for edits in the grid, and not when the page sets the kernel', async () => {
    const el = await playground();
    const changes: number[][][] = [];
    el.addEventListener('kernel-change', (e) => changes.push(e.detail.kernel));
    el.kernel = 'outline';
    el.setAttribute('kernel', 'emboss');
    await el.updateComplete;
    expect(changes).to.have.length(0);
    const cell = part(el, 'kernel').querySelector('input')!;
    cell.value = '7';
    cell.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(changes).to.have.length(1);
    expect(changes[0][0][0]).to.equal(7);
    expect(el.kernel[0][0]).to.equal(7);
    // A phone's full keyboard (iOS's decimal keypad has no minus sign), and its decimal comma read.
    expect(cell.inputMode).to.not.equal('decimal');
    cell.value = '\u22120,5';
    cell.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(el.kernel[0][0]).to.equal(-0.5);
    const preset = part(el, 'controls').querySelector('select')!;
    preset.value = 'identity';
    preset.dispatchEvent(new Event('change'));
    expect(changes).to.have.length(3);
    expect(el.kernel).to.deep.equal([
      [0, 0, 0],
      [0, 1, 0],
      [0, 0, 0],
    ]);
  });

  it('reports a bad kernel clearly and keeps the previous one', async () => {
    const el = await playground();
    const seen = errors(el);
    const before = await el.getOutput();
    for (const [bad, message] of [
      ['[[1, 2], [3]]', /ragged/],
      ['[[1, "x"], [3, 4]]', /not a number/],
      ['[]', /2-D array/],
      ['blurry', /not a preset/],
      ['[[1,2,3,4,5,6,7,8]]', /1×1 to 7×7/],
    ] as const) {
      el.setAttribute('kernel', bad);
      await el.updateComplete;
      expect(seen.at(-1), bad).to.match(message);
      expect(part(el, 'error').textContent).to.match(message);
      expect(el.kernel).to.deep.equal(EDGE);
    }
    // A cell typed as text is flagged, reported when committed, and not applied.
    const cell = part(el, 'kernel').querySelector('input')!;
    cell.value = 'abc';
    cell.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(seen.at(-1)).to.contain('row 1, column 1 is "abc"');
    expect(cell.getAttribute('aria-invalid')).to.equal('true');
    expect(el.kernel).to.deep.equal(EDGE);
    expect(Array.from((await el.getOutput()).values)).to.deep.equal(Array.from(before.values));
    expect(el.state).to.equal('ready');
  });

  it('says so when a valid kernel is larger than the image, and recovers with same padding', async () => {
    const el = await playground(undefined, testImage(6, 5));
    const seen = errors(el);
    el.kernel = Array.from({ length: 7 }, () => Array(7).fill(1));
    await el.updateComplete;
    await idle(el);
    expect(seen.at(-1)).to.contain('larger than the image (6 wide, 5 high)');
    expect((await el.getOutput()).shape).to.deep.equal([3, 4, 1]);
    el.padding = 'same';
    expect((await el.getOutput()).shape).to.deep.equal([5, 6, 1]);
    expect(part(el, 'error')).to.not.exist;
  });

  it('reports an unreachable or non-image src and a dropped text file, keeping the previous image', async () => {
    const el = await playground();
    const seen = errors(el);
    const before = await el.getOutput();
    el.src = '/does-not-exist.png';
    await until(() => seen.length === 1, 'the 404 error');
    expect(seen[0]).to.contain('404');
    el.src = '/package.json';
    await until(() => seen.length === 2, 'the not-an-image error');
    expect(seen[1]).to.match(/not an image|could not be decoded/);
    const drop = new DataTransfer();
    drop.items.add(new File(['hello'], 'notes.txt', { type: 'text/plain' }));
    el.dispatchEvent(new DragEvent('drop', { dataTransfer: drop, bubbles: true, cancelable: true }));
    await until(() => seen.length === 3, 'the dropped-file error');
    expect(seen[2]).to.contain('notes.txt is not an image');
    await idle(el);
    expect(Array.from((await el.getOutput()).values)).to.deep.equal(Array.from(before.values));
    expect(el.state).to.equal('ready');
  });

  it('loads a shipped sample, scaled to max-size', async () => {
    const el = await playground(
      html`<conv-filter-playground backend="cpu" sample="camera" max-size="64"></conv-filter-playground>`,
      null,
    );
    const out = await el.getOutput();
    // camera.jpg is 512×512: scaled to 64×64, a valid 3×3 leaves 62×62.
    expect(out.shape).to.deep.equal([62, 62, 1]);
    el.sample = 'coffee';
    await until(
      () =>
        part(el, 'input').querySelector('canvas')!.width === 64 &&
        part(el, 'input').querySelector('canvas')!.height === 43,
      'coffee (512×341 → 64×43)',
    );
  });

  it('collapses rapid edits: the newest settings win and nothing queues up', async () => {
    const el = await playground();
    let outputs = 0;
    el.addEventListener('output', () => outputs++);
    for (let i = 0; i < 10; i++) {
      el.bias = i;
      await el.updateComplete;
    }
    const out = await el.getOutput();
    expect(outputs).to.be.below(10);
    const want = referenceConv(luma(testImage()), EDGE, {
      stride: 1,
      dilation: 1,
      padding: 'valid',
      perChannel: false,
      bias: 9,
    });
    expect(maxAbsDiff(out.values, want.values)).to.be.below(1e-3);
  });

  it('feeds a linked <pooling-stepper for=…>', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <conv-filter-playground id="pg1" backend="cpu" kernel="identity" max-size="8"></conv-filter-playground>
      <pooling-stepper for="pg1"></pooling-stepper>
    </div>`);
    const el = wrapper.querySelector('conv-filter-playground') as ConvFilterPlayground;
    const stepper = wrapper.querySelector('pooling-stepper') as PoolingStepper;
    el.image = testImage(6, 6);
    await el.ready;
    await stepper.ready;
    // identity with valid padding: the inner 4×4 of the luma; the stepper pools it 2×2 into 2×2.
    await until(() => stepper.steps === 4, 'the stepper to take the 4×4 map');
    const pooled = await stepper.getOutput();
    const g = luma(testImage(6, 6));
    const at = (r: number, c: number) => g.values[(r + 1) * 6 + (c + 1)];
    expect(pooled.values[0]).to.be.closeTo(Math.max(at(0, 0), at(0, 1), at(1, 0), at(1, 1)), 0.01);
  });

  it('is accessible', async () => {
    const el = await playground();
    await expect(el).to.be.accessible();
  });

  it('keeps its tensor count over 200 edits and returns it when removed', async () => {
    const baseline = tf.memory().numTensors;
    const el = await playground();
    const afterFirst = tf.memory().numTensors;
    for (let i = 0; i < 200; i++) {
      el.kernel = [
        [i, -i],
        [1, 2],
      ];
      el.channels = (['gray', 'rgb', 'sum'] as const)[i % 3];
      await el.getOutput();
    }
    expect(tf.memory().numTensors).to.equal(afterFirst);
    el.remove();
    await expectTensorsBackTo(baseline);
  });
});
