import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/vis/draw-pad.js';
import type { CnnDrawPad, DrawPadDetail } from '../../src/vis/draw-pad.js';
import { preprocessDigit } from '../../src/core/images/digit-preprocess.js';

/** Count of pixels brighter than half in the pad's image. */
function inked(pad: CnnDrawPad): number {
  const { data } = pad.getImageData();
  let n = 0;
  for (let i = 0; i < data.length; i += 4) if (data[i] > 128) n++;
  return n;
}

describe('<cnn-draw-pad>', () => {
  it('draws strokes white on black and fires draw-change; undo and clear remove them', async () => {
    const pad = await fixture<CnnDrawPad>(html`<cnn-draw-pad size="100" line-width="0.1"></cnn-draw-pad>`);
    expect(pad.empty).to.equal(true);
    expect(inked(pad)).to.equal(0);
    const heard = oneEvent(pad, 'draw-change') as Promise<CustomEvent<DrawPadDetail>>;
    pad.drawStrokes([
      [
        { x: 0.2, y: 0.5 },
        { x: 0.8, y: 0.5 },
      ],
    ]);
    expect((await heard).detail.empty).to.equal(false);
    // A 60 px line, 10 px wide with round caps: about 60×10 + π·5² ≈ 680 pixels.
    expect(inked(pad)).to.be.within(600, 760);
    pad.drawStrokes([[{ x: 0.5, y: 0.1 }]]);
    expect(pad.strokes).to.have.length(2);
    pad.undo();
    expect(pad.strokes).to.have.length(1);
    pad.clear();
    expect(pad.empty).to.equal(true);
    expect(inked(pad)).to.equal(0);
  });

  it('reads the ink’s region, which the digit preprocessing takes exactly as the whole pad', async () => {
    const pad = await fixture<CnnDrawPad>(html`<cnn-draw-pad size="120" line-width="0.07"></cnn-draw-pad>`);
    const drawings = [
      [
        [
          { x: 0.5, y: 0.15 },
          { x: 0.5, y: 0.85 },
        ],
      ],
      [
        [
          { x: 0.3, y: 0.2 },
          { x: 0.7, y: 0.2 },
          { x: 0.4, y: 0.8 },
        ],
      ],
      [
        [{ x: 0.45, y: 0.5 }],
        [
          { x: 0.2, y: 0.3 },
          { x: 0.6, y: 0.35 },
        ],
      ],
      // Ink at the edge: the whole pad is read, so the border is measured as before.
      [
        [
          { x: 0, y: 0.5 },
          { x: 0.6, y: 0.5 },
        ],
      ],
    ];
    const sizes: number[] = [];
    for (const strokes of drawings) {
      pad.clear();
      pad.drawStrokes(strokes);
      const whole = pad.getImageData();
      const { pixels, left, top } = pad.getInk();
      sizes.push(pixels.width * pixels.height);
      // The region is the pad's own pixels there, and holds all of its ink.
      let inkOutside = 0;
      for (let y = 0; y < 120; y++) {
        for (let x = 0; x < 120; x++) {
          const inside = x >= left && x < left + pixels.width && y >= top && y < top + pixels.height;
          const v = whole.data[(y * 120 + x) * 4];
          if (!inside) inkOutside += v;
          else expect(pixels.data[((y - top) * pixels.width + (x - left)) * 4]).to.equal(v);
        }
      }
      expect(inkOutside).to.equal(0);
      const fromRegion = preprocessDigit(pixels);
      const fromPad = preprocessDigit(whole);
      expect(Array.from(fromRegion.pixels)).to.deep.equal(Array.from(fromPad.pixels));
    }
    expect(sizes[0]).to.be.below((120 * 120) / 8);
    expect(sizes[3]).to.equal(120 * 120);
  });

  it('draws with the keyboard: arrows move, Space lowers and lifts the pen, Delete clears', async () => {
    const pad = await fixture<CnnDrawPad>(html`<cnn-draw-pad size="100"></cnn-draw-pad>`);
    (pad.shadowRoot!.querySelector('.pad') as HTMLElement).focus();
    await sendKeys({ press: 'Space' });
    for (let i = 0; i < 5; i++) await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'ArrowRight' });
    expect(pad.strokes).to.have.length(1);
    expect(pad.strokes[0]).to.have.length(6);
    expect(pad.strokes[0][5].y).to.be.closeTo(0.7, 1e-9);
    expect(inked(pad)).to.be.greaterThan(100);
    await sendKeys({ press: 'Delete' });
    expect(pad.empty).to.equal(true);
  });

  it('is accessible', async () => {
    const pad = await fixture<CnnDrawPad>(html`<cnn-draw-pad></cnn-draw-pad>`);
    await expect(pad).to.be.accessible();
  });
});
