/**
 * The bench's confidence interval for a row's median ratio: the ranks against published
 * tables of the sign test (and the binomial sums worked by hand below), and its coverage
 * against draws from a distribution whose median is known, made in the test.
 */
import { expect } from '@open-wc/testing';
import { medianInterval, pairedRatios } from '../../bench/median-interval.js';

/** 1, 2, …, n shuffled: the interval's ends are then its ranks. */
function ranks(n: number): number[] {
  return Array.from({ length: n }, (_, i) => ((i * 7) % n) + 1);
}

/** A seeded uniform draw in (0, 1) (an LCG): the same draws every run. */
function uniforms(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s + 0.5) / 2 ** 32;
  };
}

describe('bench: medianInterval', () => {
  it('takes the ranks of the sign test at 95%', () => {
    // n = 10: P(X ≤ 1) = 11/1024 ≈ 0.011 ≤ 0.025 < P(X ≤ 2) = 56/1024 ≈ 0.055, so ranks 2 and 9.
    expect(medianInterval(ranks(10))).to.deep.equal([2, 9]);
    // The published table of the sign test: n = 20 → 6 and 15, n = 31 → 10 and 22, n = 6 → 1 and 6.
    expect(medianInterval(ranks(20))).to.deep.equal([6, 15]);
    expect(medianInterval(ranks(31))).to.deep.equal([10, 22]);
    expect(medianInterval(ranks(6))).to.deep.equal([1, 6]);
  });

  it('gives none where no interval reaches the confidence', () => {
    // n = 5: even min to max misses the median with probability 2/32 > 0.05.
    expect(medianInterval(ranks(5))).to.equal(undefined);
    expect(medianInterval([])).to.equal(undefined);
    // At 90%, 5 values suffice: 2/32 ≤ 0.1.
    expect(medianInterval(ranks(5), 0.9)).to.deep.equal([1, 5]);
  });

  it('holds a known median about as often as it claims', () => {
    // Exponential draws, median ln 2. For n = 31 the ranks 10 and 22 cover it with
    // probability 1 − 2 · P(X ≤ 9) ≈ 0.9706 whatever the distribution.
    const draw = uniforms(7);
    const trials = 4000;
    let held = 0;
    for (let t = 0; t < trials; t++) {
      const xs = Array.from({ length: 31 }, () => -Math.log(draw()));
      const [lo, hi] = medianInterval(xs)!;
      if (lo <= Math.LN2 && Math.LN2 <= hi) held++;
    }
    expect(held / trials).to.be.within(0.955, 0.985);
  });
});

describe('bench: pairedRatios', () => {
  it('divides each library run by the bare run beside it, dropping what is no number', () => {
    expect(pairedRatios([2, 3, 4], [1, 2, 0])).to.deep.equal([2, 1.5]);
  });
});
