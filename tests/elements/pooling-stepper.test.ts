import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import * as tf from '@tensorflow/tfjs-core';
import '../../src/elements/pooling-stepper/define.js';
import type { PoolingStepper, PoolStepDetail } from '../../src/elements/pooling-stepper/pooling-stepper.js';
import type { CnnErrorDetail } from '../../src/elements/events.js';
import { ensureBackend } from '../../src/core/runtime/backend.tf.js';
import { expectTensorsBackTo, idle } from '../helpers.js';

const MAP = [
  [3, 1, 0, 7],
  [4, -2, 9, 1],
  [8, 5, -1, 3],
  [0, 6, 4, -7],
];

/** Plain 2×2 stride-2 valid pooling, written here independently of the library. */
function pool2x2(x: number[][], pick: (cells: number[]) => number): number[] {
  const out: number[] = [];
  for (let r = 0; r + 2 <= x.length; r += 2) {
    for (let c = 0; c + 2 <= x[0].length; c += 2)
      out.push(pick([x[r][c], x[r][c + 1], x[r + 1][c], x[r + 1][c + 1]]));
  }
  return out;
}

async function stepper(markup = html`<pooling-stepper values=${JSON.stringify(MAP)}></pooling-stepper>`) {
  const el = await fixture<PoolingStepper>(markup);
  await el.ready;
  await idle(el);
  return el;
}

const part = (el: PoolingStepper, name: string) => el.shadowRoot!.querySelector(`[part~="${name}"]`)!;
const settle = () => new Promise((r) => setTimeout(r, 30));

describe('<pooling-stepper>', () => {
  it('pools the given map with tfjs as a plain loop does, for max, avg and min', async () => {
    const el = await stepper();
    expect(el.steps).to.equal(4);
    for (const [mode, pick] of [
      ['max', (c: number[]) => Math.max(...c)],
      ['avg', (c: number[]) => c.reduce((s, v) => s + v, 0) / c.length],
      ['min', (c: number[]) => Math.min(...c)],
    ] as const) {
      el.mode = mode;
      await el.updateComplete;
      const out = await el.getOutput();
      expect(out.shape).to.deep.equal([2, 2]);
      expect(Array.from(out.values)).to.deep.equal(pool2x2(MAP, pick));
    }
  });

  it('shows the shapes, the formula and the arithmetic of the current window', async () => {
    const el = await stepper();
    expect(part(el, 'formula').textContent).to.contain('floor((4 − 2) / 2) + 1 = 2');
    expect(part(el, 'narration').textContent).to.contain('max(3, 1, 4, -2) = 4');
    expect(part(el, 'narration').getAttribute('aria-live')).to.equal('polite');
    el.next();
    await el.updateComplete;
    expect(part(el, 'narration').textContent).to.contain('max(0, 7, 9, 1) = 9');
    const written = [...part(el, 'output').querySelectorAll('.cell')].map((c) => c.textContent!.trim());
    expect(written).to.deep.equal(['4', '9', '', '']);
  });

  it('fits every value in its cell, with the full value for screen readers and in the tooltip', async () => {
    const values = [
      [-0.13, 0.05, 12.345, -7.25],
      [1234.5, -0.004, 0.999, 3],
    ];
    const el = await stepper(html`<pooling-stepper values=${JSON.stringify(values)}></pooling-stepper>`);
    el.step = el.steps - 1;
    await el.updateComplete;
    const cells = [...el.shadowRoot!.querySelectorAll<HTMLElement>('.cell:not(.pad)')];
    expect(cells.length).to.equal(8 + 2);
    for (const cell of cells) {
      const shown = cell.querySelector('[aria-hidden]') ?? cell;
      expect(shown.scrollWidth, `"${shown.textContent}" fits`).to.be.at.most(cell.clientWidth);
    }
    const input = cells.slice(0, 8);
    expect(input.map((c) => c.querySelector('[aria-hidden]')?.textContent ?? c.textContent)).to.deep.equal([
      '-.13',
      '.05',
      '12',
      '-7.3',
      '1.2k',
      '0',
      '1',
      '3',
    ]);
    expect(input.map((c) => c.querySelector('.sr-only')?.textContent ?? c.textContent)).to.deep.equal([
      '-0.13',
      '0.05',
      '12.345',
      '-7.25',
      '1234.5',
      '-0.004',
      '0.999',
      '3',
    ]);
    expect(input.map((c) => c.title)).to.deep.equal([
      '-0.13',
      '0.05',
      '12.345',
      '-7.25',
      '1234.5',
      '-0.004',
      '0.999',
      '3',
    ]);
    await expect(el).to.be.accessible();
  });

  it('steps with the keyboard and fires `step` and `complete`', async () => {
    const el = await stepper();
    (part(el, 'input') as HTMLElement).focus();
    const heard = oneEvent(el, 'step') as Promise<CustomEvent<PoolStepDetail>>;
    await sendKeys({ press: 'ArrowRight' });
    const step = (await heard).detail;
    expect(step).to.deep.equal({
      index: 1,
      row: 0,
      col: 1,
      window: [
        [0, 7],
        [9, 1],
      ],
      result: 9,
    });
    expect(el.step).to.equal(1);
    const complete = oneEvent(el, 'complete');
    await sendKeys({ press: 'End' });
    await complete;
    expect(el.step).to.equal(3);
    await sendKeys({ press: 'Home' });
    expect(el.step).to.equal(0);
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(part(el, 'controls').querySelector('.play')!.getAttribute('aria-pressed')).to.equal('true');
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(part(el, 'controls').querySelector('.play')!.getAttribute('aria-pressed')).to.equal('false');
  });

  it('plays to the end and completes; reset goes back to the first window', async () => {
    const el = await stepper(
      html`<pooling-stepper values=${JSON.stringify(MAP)} speed="50"></pooling-stepper>`,
    );
    const steps: number[] = [];
    el.addEventListener('step', (e) => steps.push((e as CustomEvent<PoolStepDetail>).detail.index));
    el.play();
    await oneEvent(el, 'complete');
    expect(steps).to.deep.equal([1, 2, 3]);
    el.reset();
    expect(el.step).to.equal(0);
  });

  it('does not fire `step` when the page sets `step`', async () => {
    const el = await stepper();
    let fired = 0;
    el.addEventListener('step', () => fired++);
    el.step = 2;
    await el.updateComplete;
    expect(part(el, 'narration').textContent).to.contain('Step 3 of 4');
    expect(fired).to.equal(0);
  });

  it('pads with "same" and pools partial windows over the real cells', async () => {
    const el = await stepper(
      html`<pooling-stepper values="[[1,2,3],[4,5,6],[7,8,9]]" mode="avg" padding="same"></pooling-stepper>`,
    );
    const out = await el.getOutput();
    expect(out.shape).to.deep.equal([2, 2]);
    expect(Array.from(out.values)).to.deep.equal([3, 4.5, 7.5, 9]);
    expect(part(el, 'input').querySelectorAll('.cell.pad').length).to.equal(7);
  });

  it('uses a seeded random map when no values are given, the same for the same seed', async () => {
    const a = await stepper(html`<pooling-stepper rows="5" cols="7" seed="42"></pooling-stepper>`);
    const b = await stepper(html`<pooling-stepper rows="5" cols="7" seed="42"></pooling-stepper>`);
    expect(part(a, 'formula').textContent).to.contain('floor((5 − 2) / 2) + 1 = 2');
    expect(Array.from((await a.getOutput()).values)).to.deep.equal(Array.from((await b.getOutput()).values));
  });

  for (const [what, change, expected] of [
    ['ragged values', (el: PoolingStepper) => (el.values = '[[1,2],[3]]'), /ragged: row 2 has 1 numbers/],
    [
      'non-numeric values',
      (el: PoolingStepper) =>
        (el.values = [
          [1, 2],
          [3, 'x' as unknown as number],
        ]),
      /values\[1\]\[1\] is "x"/,
    ],
    [
      'a pool larger than the map',
      (el: PoolingStepper) => (el.poolSize = 5),
      /5×5 pool does not fit a 4×4 map.*padding="same"/,
    ],
    ['stride 0', (el: PoolingStepper) => (el.stride = 0), /stride "0" is not allowed/],
  ] as const) {
    it(`explains ${what}, fires cnn-error and keeps the previous map`, async () => {
      const el = await stepper();
      const before = Array.from((await el.getOutput()).values);
      const heard = oneEvent(el, 'cnn-error') as Promise<CustomEvent<CnnErrorDetail>>;
      change(el);
      expect((await heard).detail.message).to.match(expected);
      await el.updateComplete;
      expect(part(el, 'error').textContent).to.match(expected);
      expect(el.getAttribute('state')).to.equal('ready');
      expect(el.steps).to.equal(4);
      expect(Array.from((await el.getOutput()).values)).to.deep.equal(before);
    });
  }

  it('explains an unknown `for` id', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const el = document.createElement('pooling-stepper');
    el.setAttribute('for', 'nowhere');
    const heard = oneEvent(host, 'cnn-error') as Promise<CustomEvent<CnnErrorDetail>>;
    host.append(el);
    expect((await heard).detail.message).to.contain('No element with id "nowhere"');
    await el.updateComplete;
    expect(el.getAttribute('state'), 'a missing link is not fatal').to.not.equal('error');
    expect(part(el, 'error').textContent).to.contain('nowhere');
  });

  it('pools the feature map of a linked element and follows its `output` events', async () => {
    // The contract a linked source offers: getOutput() with an HWC map, and `output` events.
    class MapSource extends HTMLElement {
      map = {
        values: new Float32Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]),
        shape: [4, 4, 1],
      };
      async getOutput() {
        return this.map;
      }
    }
    customElements.define('map-source', MapSource);
    const root = await fixture<HTMLDivElement>(
      html`<div><pooling-stepper for="src1"></pooling-stepper><map-source id="src1"></map-source></div>`,
    );
    const el = root.querySelector('pooling-stepper') as PoolingStepper;
    await el.ready;
    await settle();
    expect(Array.from((await el.getOutput()).values)).to.deep.equal([6, 8, 14, 16]);
    const source = root.querySelector('map-source') as MapSource;
    source.map = { values: new Float32Array(36).map((_, i) => i), shape: [6, 6, 1] };
    source.dispatchEvent(new CustomEvent('output'));
    await settle();
    expect(el.steps).to.equal(9);
  });

  it('reduces an image from `src` to a grayscale grid, and explains a file that is not an image', async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 4;
    canvas.height = 2;
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, 4, 2);
    ctx.fillStyle = '#fff';
    ctx.fillRect(2, 0, 2, 2);
    const el = await stepper(
      html`<pooling-stepper src=${canvas.toDataURL('image/png')} pool-size="2"></pooling-stepper>`,
    );
    await settle();
    await el.updateComplete;
    const out = await el.getOutput();
    expect(out.shape).to.deep.equal([1, 2]);
    expect(Array.from(out.values)).to.deep.equal([0, 255]);
    const heard = oneEvent(el, 'cnn-error') as Promise<CustomEvent<CnnErrorDetail>>;
    el.src = 'data:text/plain,not-an-image';
    expect((await heard).detail.message).to.contain('is not an image');
    expect(Array.from((await el.getOutput()).values)).to.deep.equal([0, 255]);
  });

  it('refuses a 1000×1000 map before drawing it, and keeps the previous map everywhere (issue 20, item 2)', async () => {
    const el = await stepper();
    const uncaught: string[] = [];
    const onError = (e: ErrorEvent) => uncaught.push(e.message);
    window.addEventListener('error', onError);
    const heard = oneEvent(el, 'cnn-error') as Promise<CustomEvent<CnnErrorDetail>>;
    el.values = Array.from({ length: 1000 }, () => Array.from({ length: 1000 }, () => 1));
    expect((await heard).detail.message).to.contain('1000×1000 map; the stepper shows at most 32×32');
    await el.updateComplete;
    window.removeEventListener('error', onError);
    expect(uncaught).to.deep.equal([]);
    expect((await el.getOutput()).shape).to.deep.equal([2, 2]);
    expect(part(el, 'input').querySelectorAll('.cell').length).to.equal(16);
  });

  it('explains a linked map that is not finite and stays usable (item 3)', async () => {
    class NanSource extends HTMLElement {
      async getOutput() {
        return { values: new Float32Array([NaN, 1, 2, 3]), shape: [2, 2, 1] };
      }
    }
    customElements.define('nan-source', NanSource);
    const root = await fixture<HTMLDivElement>(
      html`<div><nan-source id="nan1"></nan-source><pooling-stepper values=${JSON.stringify(MAP)}></pooling-stepper></div>`,
    );
    const el = root.querySelector('pooling-stepper') as PoolingStepper;
    await el.ready;
    await idle(el);
    const heard = oneEvent(el, 'cnn-error') as Promise<CustomEvent<CnnErrorDetail>>;
    el.for = 'nan1';
    expect((await heard).detail.message).to.contain('The feature map of #nan1 holds NaN at row 1, column 1');
    await idle(el);
    expect((await el.getOutput()).shape).to.deep.equal([2, 2]);
  });

  it('refuses to follow itself, and pools `values` again once unlinked (item 4)', async () => {
    const el = await stepper(
      html`<pooling-stepper id="selfish" values=${JSON.stringify(MAP)}></pooling-stepper>`,
    );
    const heard = oneEvent(el, 'cnn-error') as Promise<CustomEvent<CnnErrorDetail>>;
    el.for = 'selfish';
    expect((await heard).detail.message).to.contain('names this <pooling-stepper> itself');
    await settle();
    expect(Array.from((await el.getOutput()).values)).to.deep.equal([4, 9, 8, 4]);
    el.removeAttribute('for');
    el.for = undefined;
    el.values = [
      [1, 2],
      [3, 5],
    ];
    await idle(el);
    expect(Array.from((await el.getOutput()).values)).to.deep.equal([5]);
    expect(part(el, 'error')).to.equal(null);
  });

  it('pools `values` again after unlinking from a real source (item 4)', async () => {
    if (!customElements.get('map-source-b')) {
      customElements.define(
        'map-source-b',
        class extends HTMLElement {
          async getOutput() {
            return { values: new Float32Array(16).fill(1), shape: [4, 4, 1] };
          }
        },
      );
    }
    const root = await fixture<HTMLDivElement>(
      html`<div><map-source-b id="src9"></map-source-b><pooling-stepper for="src9" values="[[1, 2], [3, 7]]"></pooling-stepper></div>`,
    );
    const el = root.querySelector('pooling-stepper') as PoolingStepper;
    await el.ready;
    await settle();
    expect(el.steps).to.equal(4);
    el.removeAttribute('for');
    await settle();
    expect(Array.from((await el.getOutput()).values)).to.deep.equal([7]);
    // Let the last pooling land before the next test counts tensors.
    await idle(el);
    root.remove();
    await settle();
  });

  it('is accessible and leaves no tensors behind', async () => {
    await ensureBackend();
    const baseline = tf.memory().numTensors;
    const el = await stepper();
    await el.getOutput();
    await expect(el).to.be.accessible();
    el.remove();
    await expectTensorsBackTo(baseline);
  });
});
