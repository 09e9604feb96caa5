/**
 * The reader's own dataset: 2 to 10 named classes, each a list of 28×28 grey examples
 * (0..255, white ink on black, the MNIST layout), with the checks that keep it
 * trainable and the held-out split. Plain arrays: no tfjs, no DOM, so the examples
 * cost no tensor memory until a run makes its batches.
 */
import type { MnistData } from './mnist.js';
import { seededRandom, shuffle } from './random.js';

export const MIN_CLASSES = 2;
export const MAX_CLASSES = 10;
/** Bytes of one example (28×28 grey). */
export const EXAMPLE_BYTES = 28 * 28;
/**
 * Examples kept in all. Teachable Machine crashes a tab at about 1,000–1,500 webcam images;
 * at 28×28 an example is 784 bytes, so the limit is about what a run's batches, the cached
 * features of a base and the thumbnails cost, not the examples themselves.
 */
export const MAX_EXAMPLES = 3000;

/** Input the reader can fix; the message says what to do. */
export class DatasetError extends Error {
  override name = 'DatasetError';
}

/** Parses and checks class names (a JSON list or an array): 2–10 names, none empty, none repeated. */
export function parseClasses(value: string | readonly unknown[]): string[] {
  let raw: unknown = value;
  if (typeof value === 'string') {
    try {
      raw = JSON.parse(value);
    } catch {
      throw new DatasetError(`classes must be a JSON list of names, such as ["tick", "cross", "circle"]; got ${JSON.stringify(value)}.`);
    }
  }
  if (!Array.isArray(raw)) throw new DatasetError('classes must be a list of names, such as ["tick", "cross", "circle"].');
  const names = raw.map((name, i) => {
    if (typeof name !== 'string' || name.trim() === '') {
      throw new DatasetError(`Class ${i + 1} has no name: give every class a name that is not empty.`);
    }
    return name.trim();
  });
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) throw new DatasetError(`The class name "${name}" is used twice: give each class its own name.`);
    seen.add(name);
  }
  if (names.length < MIN_CLASSES || names.length > MAX_CLASSES) {
    throw new DatasetError(
      names.length < MIN_CLASSES
        ? `A network needs at least ${MIN_CLASSES} classes to tell apart; there ${names.length === 1 ? 'is one' : 'are none'}. Add another class.`
        : `Use at most ${MAX_CLASSES} classes (there are ${names.length}).`,
    );
  }
  return names;
}

export class ExampleSet {
  private names: string[] = [];
  private readonly byClass = new Map<string, Uint8Array[]>();

  constructor(classes: readonly string[] = []) {
    this.setClasses(classes);
  }

  get classes(): readonly string[] {
    return this.names;
  }

  /** Renames/reorders the classes; a class that stays (by name) keeps its examples. */
  setClasses(classes: readonly string[]): void {
    this.names = [...classes];
    for (const name of [...this.byClass.keys()]) if (!classes.includes(name)) this.byClass.delete(name);
    for (const name of classes) if (!this.byClass.has(name)) this.byClass.set(name, []);
  }

  /** Examples per class, in class order. */
  counts(): Record<string, number> {
    return Object.fromEntries(this.names.map((n) => [n, this.byClass.get(n)!.length]));
  }

  get size(): number {
    let n = 0;
    for (const list of this.byClass.values()) n += list.length;
    return n;
  }

  /** The bytes the examples take. */
  get bytes(): number {
    return this.size * EXAMPLE_BYTES;
  }

  examplesOf(label: string): readonly Uint8Array[] {
    return this.listOf(label);
  }

  private listOf(label: string): Uint8Array[] {
    const list = this.byClass.get(label);
    if (!list) {
      throw new DatasetError(
        this.names.length
          ? `There is no class "${label}". The classes are ${this.names.map((n) => `"${n}"`).join(', ')}.`
          : 'There are no classes yet: set the classes attribute, such as ["tick", "cross"].',
      );
    }
    return list;
  }

  /** Throws a DatasetError when one more example would pass the limit. */
  checkRoom(more = 1): void {
    if (this.size + more > MAX_EXAMPLES) {
      throw new DatasetError(
        `The dataset holds ${this.size} examples; the limit is ${MAX_EXAMPLES} so that the page does not run out of memory. ` +
          'Remove some examples (or clear a class) before adding more.',
      );
    }
  }

  add(label: string, pixels: Uint8Array): void {
    if (pixels.length !== EXAMPLE_BYTES) throw new RangeError(`An example is ${EXAMPLE_BYTES} pixels, not ${pixels.length}.`);
    const list = this.listOf(label);
    this.checkRoom();
    list.push(pixels);
  }

  remove(label: string, index: number): void {
    const list = this.listOf(label);
    if (!Number.isInteger(index) || index < 0 || index >= list.length) {
      throw new DatasetError(`Class "${label}" has ${list.length} examples; there is no example ${index}.`);
    }
    list.splice(index, 1);
  }

  clear(label?: string): void {
    if (label === undefined) for (const list of this.byClass.values()) list.length = 0;
    else this.listOf(label).length = 0;
  }

  /**
   * Says why the set cannot train yet (too few classes, a class without enough
   * examples), or undefined when it can. Each class needs two examples: one to
   * train on and one held out.
   */
  problem(): string | undefined {
    if (this.names.length < MIN_CLASSES) return `Name at least ${MIN_CLASSES} classes (the classes attribute) before training.`;
    const thin = this.names.filter((n) => this.byClass.get(n)!.length < 2);
    if (thin.length) {
      return `Every class needs at least 2 examples (one to train on, one held out). Add examples to ${thin.map((n) => `"${n}"`).join(', ')}.`;
    }
    return undefined;
  }

  /** Every example, in the order of `toData()`. */
  list(): Uint8Array[] {
    return this.names.flatMap((n) => this.byClass.get(n)!);
  }

  /** The examples as one MNIST-shaped dataset (labels are class positions). */
  toData(): MnistData & { classes: number } {
    const images = new Uint8Array(this.bytes);
    const labels = new Uint8Array(this.size);
    let i = 0;
    this.names.forEach((name, label) => {
      for (const pixels of this.byClass.get(name)!) {
        images.set(pixels, i * EXAMPLE_BYTES);
        labels[i++] = label;
      }
    });
    return { images, labels, count: i, classes: this.names.length };
  }
}

/**
 * A stratified split of a dataset's indices: `fraction` of each class held out (at least
 * one where the class has two or more), the rest shuffled for training.
 */
export function splitExamples(labels: ArrayLike<number>, classes: number, fraction: number, seed = 1): { train: number[]; test: number[] } {
  const next = seededRandom(seed);
  const byClass = Array.from({ length: classes }, () => [] as number[]);
  for (let i = 0; i < labels.length; i++) byClass[labels[i]].push(i);
  const train: number[] = [];
  const test: number[] = [];
  for (const indices of byClass) {
    shuffle(indices, next);
    const held = indices.length < 2 ? 0 : Math.min(indices.length - 1, Math.max(1, Math.round(indices.length * fraction)));
    test.push(...indices.slice(0, held));
    train.push(...indices.slice(held));
  }
  return { train: shuffle(train, next), test: test.sort((a, b) => a - b) };
}
