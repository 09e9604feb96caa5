import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/vis/draw-pad.js';
import type { CnnDrawPad, DrawPadDetail } from '../../src/vis/draw-pad.js';

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
