/**
 * The course's two cv2.filter2D exercises, reproduced by the element over the whole cat
 * photo: `padding="reflect"` (filter2D's default border), `channels="rgb"` (filter2D
 * filters each colour channel on its own), compared after filter2D's conversion back to
 * 8 bits (round, clamp to 0..255) with a plain-loop filter2D written in the test.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements/conv-filter-playground/define.js';
import type { ConvFilterPlayground } from '../../src/elements/conv-filter-playground/conv-filter-playground.js';
import { readImage } from '../../src/core/images/image-input.js';
import { sampleUrl } from '../../src/core/images/samples.js';
import { filter2DRef, saturateU8 } from '../reference/border-reference.js';
import { idle } from '../helpers.js';

async function catPixels() {
  const p = await readImage(sampleUrl('cat'), { maxSide: 512 });
  const values = new Float32Array(p.width * p.height * 3);
  for (let i = 0; i < p.width * p.height; i++)
    for (let c = 0; c < 3; c++) values[3 * i + c] = p.data[4 * i + c];
  return { values, height: p.height, width: p.width, channels: 3 };
}

/** Counts the 8-bit pixels where the element and filter2D differ. */
function mismatches(
  got: Float32Array,
  img: Awaited<ReturnType<typeof catPixels>>,
  kernel: number[][],
): number {
  let bad = 0;
  for (let ch = 0; ch < 3; ch++) {
    const want = filter2DRef(img, kernel, 'reflect', 1, ch);
    for (let i = 0; i < want.values.length; i++)
      if (saturateU8(got[i * 3 + ch]) !== saturateU8(want.values[i])) bad++;
  }
  return bad;
}

describe('<conv-filter-playground> reproduces the course’s cv2.filter2D', () => {
  it('the edge kernel (high-pass) over the whole cat photo, to the pixel', async () => {
    const img = await catPixels();
    const el = await fixture<ConvFilterPlayground>(
      html`<conv-filter-playground backend="cpu" sample="cat" kernel="edge" padding="reflect" channels="rgb"></conv-filter-playground>`,
    );
    await el.ready;
    await idle(el);
    const out = await el.getOutput();
    expect(out.shape).to.deep.equal([img.height, img.width, 3]);
    // kernel / sum(kernel) is skipped by the course when the sum is 0, as normalize does.
    const edge = [
      [0, -1, 0],
      [-1, 4, -1],
      [0, -1, 0],
    ];
    expect(mismatches(out.values, img, edge)).to.equal(0);
  });

  it('the 5×5 low-pass: ones / 25, and the course’s literal `kernel / sum(kernel)` (ones / 5)', async () => {
    const img = await catPixels();
    const el = await fixture<ConvFilterPlayground>(
      html`<conv-filter-playground backend="cpu" sample="cat" kernel="box-blur-5" padding="reflect" channels="rgb"></conv-filter-playground>`,
    );
    await el.ready;
    await idle(el);
    const box = Array.from({ length: 5 }, () => Array<number>(5).fill(1 / 25));
    expect(mismatches((await el.getOutput()).values, img, box), 'normalize: ones / 25').to.equal(0);
    // Python's built-in sum over a 2-D array adds its rows into [5 5 5 5 5], so the course's
    // kernel is ones / 5 (sum 5: a brightened blur); normalize off with that kernel gives it.
    const fifth = Array.from({ length: 5 }, () => Array<number>(5).fill(0.2));
    el.normalize = false;
    el.kernel = fifth;
    expect(mismatches((await el.getOutput()).values, img, fifth), 'literal: ones / 5').to.equal(0);
  });
});
