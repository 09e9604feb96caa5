/**
 * The convolution in motion: play() / pause() / step() and the scrub control move the
 * inspected pixel in reading order, the window and the products follow, the output
 * fills in behind it; wide maps and reduced motion go a row per step.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../../src/elements/conv-filter-playground/define.js';
import type { ConvFilterPlayground } from '../../src/elements/conv-filter-playground/conv-filter-playground.js';
import { idle, until } from '../helpers.js';
import { randomPixels } from '../reference/conv-reference.js';

async function playground(width: number, height: number, speed = 'fast') {
  const el = await fixture<ConvFilterPlayground>(
    html`<conv-filter-playground backend="cpu" kernel="edge" padding="reflect" speed=${speed}></conv-filter-playground>`,
  );
  const p = randomPixels(width, height, 3);
  el.image = new ImageData(new Uint8ClampedArray(p.data), width, height);
  await el.ready;
  await until(
    () => (el.shadowRoot!.querySelector('canvas.out') as HTMLCanvasElement | null)?.width === width,
    'the map',
  );
  await idle(el);
  return el;
}

const root = (el: HTMLElement) => el.shadowRoot!;
const scrub = (el: HTMLElement) =>
  root(el).querySelector('[part~="motion"] input[type="range"]') as HTMLInputElement;
const narration = (el: HTMLElement) =>
  root(el).querySelector('[part~="arithmetic"] p')!.textContent!.replace(/\s+/g, ' ');
const veils = (el: HTMLElement) => [...root(el).querySelectorAll<HTMLElement>('.unfilled')];

describe('<conv-filter-playground> in motion', () => {
  afterEach(() => emulateMedia({ reducedMotion: 'no-preference' }));

  it('plays pixel by pixel in reading order, pauses, steps and scrubs; the output fills in', async () => {
    const el = await playground(6, 5);
    el.play();
    await until(() => Number(scrub(el).value) >= 8, 'the scan to pass the first row', 5000);
    el.pause();
    const at = Number(scrub(el).value);
    await new Promise((r) => setTimeout(r, 300));
    expect(Number(scrub(el).value), 'paused').to.equal(at);
    // Reading order on a 6-wide map: index 8 is row 2, column 3 (1-based).
    el.step(8 - at);
    await el.updateComplete;
    expect(scrub(el).value).to.equal('8');
    expect(narration(el)).to.contain('Output row 2, column 3');
    // The rest of row 2 and the rows below are veiled: not computed yet.
    const [rest, below] = veils(el);
    expect(rest.style.top).to.equal('20%');
    expect(below.style.top).to.equal('40%');
    // The window on the input follows: the 3×3 kernel around input (1, 2) (0-based), drawn on the 1-pixel padded input (8×7).
    const box = root(el).querySelector('[part~="input"] .box') as HTMLElement;
    expect(parseFloat(box.style.top)).to.be.closeTo((1 / 7) * 100, 1e-3);
    expect(parseFloat(box.style.left)).to.be.closeTo((2 / 8) * 100, 1e-3);
    el.step(-1);
    await el.updateComplete;
    expect(scrub(el).value).to.equal('7');
    const input = scrub(el);
    input.value = '29';
    input.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(narration(el)).to.contain('Output row 5, column 6');
    expect(veils(el)[1].style.top).to.equal('100%');
    // Play from the last pixel starts over and runs to the end, then the whole map shows.
    el.play();
    await until(() => veils(el).length === 0, 'the scan to finish', 15000);
    expect(scrub(el).value).to.equal('29');
    await expect(el).to.be.accessible();
  });

  it('goes a row per step on wide maps and when the reader prefers reduced motion', async () => {
    const wide = await playground(40, 6, 'medium');
    wide.play();
    await until(() => Number(scrub(wide).value) >= 40, 'a row', 5000);
    wide.pause();
    expect(Number(scrub(wide).value) % 40, 'column stays').to.equal(0);
    wide.remove();

    await emulateMedia({ reducedMotion: 'reduce' });
    const small = await playground(6, 5, 'medium');
    small.play();
    await until(() => Number(scrub(small).value) >= 6, 'a row', 5000);
    small.pause();
    expect(Number(scrub(small).value) % 6).to.equal(0);
  });

  it('stops its timer when removed, and the reader’s pointer or keys leave the motion', async () => {
    const el = await playground(6, 5, 'slow');
    el.play();
    el.step(3);
    const map = root(el).querySelector('[part~="output"]') as HTMLElement;
    map.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    await el.updateComplete;
    expect(veils(el).length).to.equal(0);
    expect(narration(el)).to.contain('Output row 2, column 4');
    el.play();
    el.remove();
    await new Promise((r) => setTimeout(r, 700));
    expect(root(el).querySelector('.status')?.textContent ?? '').to.not.contain('Playing');
  });
});
