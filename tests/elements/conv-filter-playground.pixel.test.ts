/**
 * The inspected pixel as a page drives it: `pixel="row,col"` points the reader at a place
 * (an article scrolling), `pixel-change` says where the inspection is and what the map
 * holds there, and bad or out-of-map pixels are refused with the reason.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { nothing } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/conv-filter-playground/define.js';
import type {
  ConvFilterPlayground,
  PixelChangeDetail,
} from '../../src/elements/conv-filter-playground/conv-filter-playground.js';
import { parsePixel, pixelOutside } from '../../src/elements/conv-filter-playground/inspected-pixel.js';
import { idle, until } from '../helpers.js';

/** A grey picture whose value at (row, col) is known: R = G = B, so its grey is that value. */
const W = 12;
const H = 9;
const grey = (r: number, c: number) => (r * 29 + c * 13) % 256;
function picture(): ImageData {
  const data = new Uint8ClampedArray(W * H * 4);
  for (let r = 0; r < H; r++)
    for (let c = 0; c < W; c++) {
      data.set([grey(r, c), grey(r, c), grey(r, c), 255], (r * W + c) * 4);
    }
  return new ImageData(data, W, H);
}

/** The identity kernel without padding: output (r, c) is the input at (r + 1, c + 1). */
async function playground(pixel?: string) {
  const el = await fixture<ConvFilterPlayground>(
    html`<conv-filter-playground backend="cpu" kernel="identity" pixel=${pixel ?? nothing}></conv-filter-playground>`,
  );
  el.image = picture();
  await el.ready;
  await until(
    () => (el.shadowRoot!.querySelector('canvas.out') as HTMLCanvasElement | null)?.width === W - 2,
    'the map',
  );
  await idle(el);
  return el;
}

const narration = (el: HTMLElement) =>
  el.shadowRoot!.querySelector('[part~="arithmetic"] p')!.textContent!.replace(/\s+/g, ' ');
const errorText = (el: HTMLElement) => el.shadowRoot!.querySelector('[part~="error"]')?.textContent ?? '';

describe('<conv-filter-playground> pixel', () => {
  it('reads "row,col", a space, a JSON pair or an array, and refuses anything else', () => {
    expect(parsePixel('3,4')).to.deep.equal([3, 4]);
    expect(parsePixel(' 3  4 ')).to.deep.equal([3, 4]);
    expect(parsePixel('[3, 4]')).to.deep.equal([3, 4]);
    expect(parsePixel([0, 7])).to.deep.equal([0, 7]);
    for (const bad of [
      '3',
      '3,4,5',
      'a,b',
      '-1,2',
      '1.5,2',
      '',
      ',4',
      [true, 1],
      [1],
      {},
      7,
      [NaN, Infinity],
    ])
      expect(() => parsePixel(bad as string), String(bad)).to.throw(/pixel must be two whole numbers/);
    expect(pixelOutside([2, 9], [3, 10])).to.equal(undefined);
    expect(pixelOutside([3, 0], [3, 10])).to.contain('rows 0 to 2, columns 0 to 9');
  });

  it('inspects the pixel an author sets in the attribute, with the map’s value there', async () => {
    const el = await playground('4,7');
    expect(el.pixel).to.deep.equal([4, 7]);
    // 1-based in the words a reader hears.
    expect(narration(el)).to.contain('Output row 5, column 8');
    const { values } = await el.getOutput();
    expect(values[4 * (W - 2) + 7]).to.be.closeTo(grey(5, 8), 1e-3);
  });

  it('moves when the page sets it, stops the motion, and says so with pixel-change', async () => {
    const el = await playground();
    el.speed = 'slow';
    el.play();
    const heard = oneEvent(el, 'pixel-change');
    el.pixel = [6, 2];
    const { detail } = (await heard) as CustomEvent<PixelChangeDetail>;
    expect(detail.row).to.equal(6);
    expect(detail.col).to.equal(2);
    expect(detail.values).to.have.length(1);
    expect(detail.values[0]).to.be.closeTo(grey(7, 3), 1e-3);
    await el.updateComplete;
    expect(narration(el)).to.contain('Output row 7, column 3');
    const motion = el.shadowRoot!.querySelector('[part~="motion"]')!;
    expect(motion.textContent, 'not playing').to.not.contain('Playing');
    // The same pixel again is no move: no second event.
    let more = 0;
    el.addEventListener('pixel-change', () => more++);
    el.setAttribute('pixel', '6 2');
    await el.updateComplete;
    expect(more).to.equal(0);
  });

  it('follows the reader: the arrow keys move it, and reading pixel gives where they left it', async () => {
    const el = await playground('1,1');
    const map = el.shadowRoot!.querySelector<HTMLElement>('[part~="output"]')!;
    map.focus();
    const heard = oneEvent(el, 'pixel-change');
    await sendKeys({ press: 'ArrowRight' });
    const { detail } = (await heard) as CustomEvent<PixelChangeDetail>;
    expect([detail.row, detail.col]).to.deep.equal([1, 2]);
    expect(el.pixel).to.deep.equal([1, 2]);
  });

  it('refuses a malformed pixel or one off the map with the reason, and keeps the one inspected', async () => {
    const el = await playground('2,3');
    for (const bad of ['two,three', '1', '-1,0', '7,10', '9,0']) {
      const failed = oneEvent(el, 'cnn-error');
      el.setAttribute('pixel', bad);
      const { detail } = (await failed) as CustomEvent<{ message: string }>;
      await el.updateComplete;
      expect(detail.message, bad).to.match(/pixel must be two whole numbers|outside the 7×10 feature map/);
      expect(errorText(el)).to.contain(detail.message);
      expect(el.pixel, bad).to.deep.equal([2, 3]);
      expect(el.state).to.equal('ready');
    }
    // Fixed: the message goes.
    el.setAttribute('pixel', '6,9');
    await el.updateComplete;
    expect(el.pixel).to.deep.equal([6, 9]);
    expect(errorText(el)).to.equal('');
  });

  it('an author’s pixel off the first map is refused once the map is known; removing it goes back to the first look', async () => {
    const el = await playground('50,50');
    expect(errorText(el)).to.contain('outside the 7×10 feature map');
    const first = await playground();
    el.removeAttribute('pixel');
    await el.updateComplete;
    // The first look's pixel: the strongest response away from the edges, as without the attribute.
    expect(el.pixel).to.deep.equal(first.pixel);
    expect(errorText(el)).to.equal('');
  });
});
