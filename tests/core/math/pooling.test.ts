import { expect } from '@open-wc/testing';
import * as tf from '@tensorflow/tfjs-core';
import { ensureBackend } from '../../../src/core/runtime/backend.tf.js';
import { poolMap } from '../../../src/core/math/pooling.tf.js';
import {
  planPooling,
  poolByWindows,
  windowAt,
  describeWindow,
  type PoolMode,
  type Padding,
} from '../../../src/core/math/pooling-plan.js';

/** Independent reference: pad explicitly with NaN, then scan every window. */
function referencePool(
  x: number[][],
  mode: PoolMode,
  [kh, kw]: number[],
  [sh, sw]: number[],
  padding: Padding,
) {
  const h = x.length,
    w = x[0].length;
  let oh: number,
    ow: number,
    pt = 0,
    pl = 0;
  if (padding === 'valid') {
    oh = Math.floor((h - kh) / sh) + 1;
    ow = Math.floor((w - kw) / sw) + 1;
  } else {
    oh = Math.ceil(h / sh);
    ow = Math.ceil(w / sw);
    pt = Math.floor(Math.max(0, (oh - 1) * sh + kh - h) / 2);
    pl = Math.floor(Math.max(0, (ow - 1) * sw + kw - w) / 2);
  }
  const at = (r: number, c: number) => (r >= 0 && r < h && c >= 0 && c < w ? x[r][c] : NaN);
  const out: number[] = [];
  for (let i = 0; i < oh; i++) {
    for (let j = 0; j < ow; j++) {
      const cells: number[] = [];
      for (let a = 0; a < kh; a++)
        for (let b = 0; b < kw; b++) cells.push(at(i * sh - pt + a, j * sw - pl + b));
      const real = cells.filter((v) => !Number.isNaN(v));
      out.push(
        mode === 'max'
          ? Math.max(...real)
          : mode === 'min'
            ? Math.min(...real)
            : real.reduce((s, v) => s + v, 0) / real.length,
      );
    }
  }
  return { values: out, shape: [oh, ow] };
}

const MAP = [
  [3, 1, 0, 7, 2, 5],
  [4, -2, 9, 1, 6, 0],
  [8, 5, -1, 3, 2, 2],
  [0, 6, 4, -7, 1, 9],
  [2, 3, 5, 8, -4, 1],
  [7, 0, 1, 2, 3, 6],
  [1, 9, -3, 4, 0, 2],
];

describe('core pooling: tfjs output, step-by-step windows and a plain-loop reference agree', () => {
  before(async () => {
    await ensureBackend();
  });

  const sizes: Array<[number, number]> = [
    [1, 1],
    [2, 2],
    [3, 3],
    [2, 3],
    [5, 5],
  ];
  const strides: Array<[number, number]> = [
    [1, 1],
    [2, 2],
    [3, 3],
    [1, 2],
  ];
  for (const mode of ['max', 'avg', 'min'] as PoolMode[]) {
    for (const padding of ['valid', 'same'] as Padding[]) {
      it(`${mode}, padding ${padding}, every size × stride`, async () => {
        const before = tf.memory().numTensors;
        for (const size of sizes) {
          for (const stride of strides) {
            const label = `${mode} ${size.join('×')} stride ${stride.join('×')} ${padding}`;
            const plan = planPooling([7, 6], { mode, size, stride, padding });
            const ref = referencePool(MAP, mode, size, stride, padding);
            expect(plan.outShape, label).to.deep.equal(ref.shape);
            const stepwise = Array.from(poolByWindows(MAP, plan));
            const byTf = await poolMap(MAP, plan);
            expect(byTf.shape, label).to.deep.equal(ref.shape);
            ref.values.forEach((v, i) => {
              expect(stepwise[i], `${label} windows[${i}]`).to.be.closeTo(v, 1e-5);
              expect(byTf.values[i], `${label} tfjs[${i}]`).to.be.closeTo(v, 1e-4);
            });
          }
        }
        expect(tf.memory().numTensors).to.equal(before);
      });
    }
  }

  it('matches hand-computed 2×2 max and average pooling', async () => {
    const x = [
      [1, 3, 2, 4],
      [5, 6, 1, 2],
      [7, 2, 9, 0],
      [1, 8, 3, 4],
    ];
    const max = planPooling([4, 4], { mode: 'max', size: [2, 2], stride: [2, 2], padding: 'valid' });
    expect(Array.from((await poolMap(x, max)).values)).to.deep.equal([6, 4, 8, 9]);
    const avg = planPooling([4, 4], { mode: 'avg', size: [2, 2], stride: [2, 2], padding: 'valid' });
    expect(Array.from((await poolMap(x, avg)).values)).to.deep.equal([3.75, 2.25, 4.5, 4]);
    const w = windowAt(x, max, 0);
    expect(describeWindow(w, 'max')).to.equal('max(1, 3, 5, 6) = 6');
    expect(w.chosen).to.deep.equal([1, 1]);
  });

  it('pools partial edge windows with "same" padding over the real cells only (hand-computed)', async () => {
    // 3×3 map, 2×2 pool, stride 2, same: out 2×2, one row and column of padding at the bottom/right.
    const x = [
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ];
    const plan = planPooling([3, 3], { mode: 'avg', size: [2, 2], stride: [2, 2], padding: 'same' });
    expect(plan.outShape).to.deep.equal([2, 2]);
    expect(plan.padBefore).to.deep.equal([0, 0]);
    const expected = [(1 + 2 + 4 + 5) / 4, (3 + 6) / 2, (7 + 8) / 2, 9];
    expect(Array.from((await poolMap(x, plan)).values)).to.deep.equal(expected);
    expect(Array.from(poolByWindows(x, plan))).to.deep.equal(expected);
    expect(windowAt(x, plan, 1).window).to.deep.equal([[3], [6]]);
    const negatives = [
      [-1, -2, -3],
      [-4, -5, -6],
      [-7, -8, -9],
    ];
    const max = planPooling([3, 3], { mode: 'max', size: [2, 2], stride: [2, 2], padding: 'same' });
    // Padding never wins a max, even over negative values.
    expect(Array.from((await poolMap(negatives, max)).values)).to.deep.equal([-1, -3, -7, -9]);
  });

  it('says why a pool larger than the map cannot work with "valid" padding', () => {
    expect(() =>
      planPooling([3, 4], { mode: 'max', size: [5, 5], stride: [5, 5], padding: 'valid' }),
    ).to.throw(/5×5 pool does not fit a 3×4 map.*0×0.*at most 3×4.*padding="same"/);
  });
});
