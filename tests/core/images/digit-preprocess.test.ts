import { expect } from '@open-wc/testing';
import { preprocessDigit, resampleArea } from '../../../src/core/images/digit-preprocess.js';
import { loadMnist } from '../../../src/core/training/mnist.tf.js';

/** An RGBA image of one colour with a rectangle of another (x0..x1, y0..y1 exclusive). */
function rectImage(w: number, h: number, bg: number, ink: number, [x0, y0, x1, y1]: number[]) {
  const data = new Uint8ClampedArray(w * h * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = x >= x0 && x < x1 && y >= y0 && y < y1 ? ink : bg;
      data.set([v, v, v, 255], (y * w + x) * 4);
    }
  }
  return { data, width: w, height: h };
}

/** 28×28 with ones in rows r0..r1 and columns c0..c1 (exclusive), by hand. */
function expectedBlock(r0: number, r1: number, c0: number, c1: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < 28; r++)
    for (let c = 0; c < 28; c++) out.push(r >= r0 && r < r1 && c >= c0 && c < c1 ? 1 : 0);
  return out;
}

const close = (a: ArrayLike<number>, b: number[]) => {
  expect(a.length).to.equal(b.length);
  for (let i = 0; i < b.length; i++) expect(a[i], `pixel ${i}`).to.be.closeTo(b[i], 1e-5);
};

describe('digit preprocessing (MNIST-style)', () => {
  it('area-averages when shrinking', () => {
    close(resampleArea(Float32Array.from([1, 0, 1, 0]), 4, 1, 2, 1), [0.5, 0.5]);
    // Output 0 covers input [0, 1.5): 1 whole pixel of 1 and half a pixel of 0.
    close(resampleArea(Float32Array.from([1, 0, 0]), 3, 1, 2, 1), [2 / 3, 0]);
    close(resampleArea(Float32Array.from([1, 2, 3, 4]), 2, 2, 1, 1), [2.5]);
  });

  it('crops a dark digit on white, scales its long side to 20 and centres it by mass', () => {
    // A 20×40 ink rectangle → 10×20 after scaling; its centre of mass (4.5, 9.5) moves to 14 (MNIST's).
    const digit = preprocessDigit(rectImage(100, 60, 255, 0, [30, 10, 50, 50]));
    expect(digit.empty).to.equal(false);
    expect(digit.inverted).to.equal(true);
    expect(digit.box).to.deep.equal({ left: 30, top: 10, width: 20, height: 40 });
    close(digit.pixels, expectedBlock(5, 25, 10, 20));
  });

  it('gives the same result for white ink on black, without inverting', () => {
    const digit = preprocessDigit(rectImage(100, 60, 0, 255, [30, 10, 50, 50]));
    expect(digit.inverted).to.equal(false);
    close(digit.pixels, expectedBlock(5, 25, 10, 20));
  });

  it('places an off-centre blob in the middle, whatever its position', () => {
    // A 4×4 blob in a corner becomes 20×20, centre of mass 9.5 → offset round(4.5) = 5.
    const a = preprocessDigit(rectImage(50, 50, 0, 200, [0, 0, 4, 4]));
    const b = preprocessDigit(rectImage(50, 50, 0, 200, [40, 30, 44, 34]));
    close(a.pixels, expectedBlock(5, 25, 5, 25));
    close(b.pixels, Array.from(a.pixels));
  });

  it('only re-centres a picture that is already 28×28', () => {
    // A 6-wide, 10-high block at columns 2..7, rows 0..9: centre of mass (2.5, 4.5) in the crop → 14.
    const digit = preprocessDigit(rectImage(28, 28, 0, 255, [2, 0, 8, 10]));
    close(digit.pixels, expectedBlock(10, 20, 12, 18));
  });

  it('gives back an MNIST digit that was enlarged 10× and inverted, as a drawing on paper would be', async () => {
    const data = await loadMnist();
    const S = 10;
    const W = 28 * S;
    for (let i = 0; i < 20; i++) {
      const px = data.images.subarray(i * 784, (i + 1) * 784);
      const rgba = new Uint8ClampedArray(W * W * 4);
      for (let y = 0; y < W; y++) {
        for (let x = 0; x < W; x++) {
          const v = 255 - px[Math.floor(y / S) * 28 + Math.floor(x / S)];
          rgba.set([v, v, v, 255], (y * W + x) * 4);
        }
      }
      const out = preprocessDigit({ data: rgba, width: W, height: W }).pixels;
      let diff = 0;
      for (let j = 0; j < 784; j++) diff += Math.abs(out[j] - px[j] / 255);
      expect(diff / 784, `digit ${i}`).to.be.below(0.01);
    }
  });

  it('reports an empty picture as empty, all zeros', () => {
    const digit = preprocessDigit(rectImage(30, 30, 255, 255, [0, 0, 0, 0]));
    expect(digit.empty).to.equal(true);
    expect(Array.from(digit.pixels).every((v) => v === 0)).to.equal(true);
  });
});
