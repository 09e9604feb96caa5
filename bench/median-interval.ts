/**
 * How sure one run of a row is of its ratio. The table's ratio is one number; on a small
 * shared machine the same row has read 0.7 one run and 1.7 the next, and a reader cannot
 * tell from that number alone whether it is over an aim or only noisy. Plain arithmetic.
 */

/**
 * The interval that holds the median of the population `xs` was drawn from with at least
 * `confidence`, from the sorted values themselves (order statistics): the k-th smallest and
 * the k-th largest value, k the largest count for which fewer than k of n draws fall below
 * the median with probability at most (1 − confidence) / 2 (a binomial of n trials at ½).
 * It assumes nothing of the distribution's shape, only that the values are independent
 * draws. Undefined when there are too few values for any interval to reach `confidence`
 * (five or fewer at 95%).
 */
export function medianInterval(xs: readonly number[], confidence = 0.95): [number, number] | undefined {
  const n = xs.length;
  const tail = (1 - confidence) / 2;
  // P(X ≤ j) for X ~ Binomial(n, ½), summed term by term: C(n, j) / 2^n.
  let term = 0.5 ** n;
  let below = 0;
  let k = 0;
  for (let j = 0; j < n; j++) {
    below += term;
    if (below > tail) break;
    k = j + 1;
    term = (term * (n - j)) / (j + 1);
  }
  if (k === 0) return undefined;
  const sorted = [...xs].sort((a, b) => a - b);
  return [sorted[k - 1], sorted[n - k]];
}

/** Each timed run of the library over the bare run timed next to it (the two alternate). */
export function pairedRatios(lib: readonly number[], base: readonly number[]): number[] {
  return lib.map((ms, i) => ms / base[i]).filter((r) => Number.isFinite(r));
}
