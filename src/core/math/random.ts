/** A small seeded generator (mulberry32): the same seed gives the same sequence on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A rows×cols map of integers 0..9 from a seed: small numbers a reader can add up. */
export function randomIntegerMap(rows: number, cols: number, seed: number): number[][] {
  const next = seededRandom(seed);
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => Math.floor(next() * 10)));
}

/** Fisher–Yates shuffle in place with a seeded generator. */
export function shuffle<T>(items: T[], next: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
