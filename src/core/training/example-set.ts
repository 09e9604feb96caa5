/**
 * The reader's own dataset: 2 to 10 named classes, each a list of 28×28 grey examples
 * (0..255, white ink on black, the MNIST layout), with the checks that keep it
 * trainable and the held-out split. Each example may keep its source picture too (at
 * most 224 px a side), so that a base taking bigger or colour images (`base-url`) gets
 * the picture resized to its own input instead of the 28×28 digit. Plain arrays: no
 * tfjs, no DOM, so the examples cost no tensor memory until a run makes its batches.
 */
import type { RgbaPixels } from '../images/digit-preprocess.js';
import type { MnistData } from './mnist.tf.js';
import { seededRandom, shuffle } from '../math/random.js';

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
/** Longest side of the source picture an example keeps (MobileNet's and VGG16's 224). */
export const SOURCE_SIDE = 224;
/**
 * Bytes the examples, their pictures and a base's cached features may take in all. A 224 px
 * colour picture is 150 kB and a cut MobileNet's features about 200 kB, so photos reach
 * this long before `MAX_EXAMPLES`; past it the set refuses more instead of crashing the tab.
 */
export const MAX_BYTES = 256 * 1024 * 1024;

/** An example's source picture: grey (1 channel) or RGB (3), row-major, at most `SOURCE_SIDE` a side. */
export interface ExampleSource {
  data: Uint8Array;
  width: number;
  height: number;
  channels: 1 | 3;
}

/** The picture as RGBA (grey repeated into R, G and B); an example without one gives its 28×28 digit. */
export function sourcePixels(
  example: Uint8Array,
  source?: ExampleSource,
): RgbaPixels & { data: Uint8ClampedArray } {
  const { data, width, height, channels } = source ?? { data: example, width: 28, height: 28, channels: 1 };
  const out = new Uint8ClampedArray(width * height * 4);
  for (let i = 0, n = width * height; i < n; i++) {
    const o = i * channels;
    out[i * 4] = data[o];
    out[i * 4 + 1] = data[channels === 3 ? o + 1 : o];
    out[i * 4 + 2] = data[channels === 3 ? o + 2 : o];
    out[i * 4 + 3] = 255;
  }
  return { data: out, width, height };
}

const mb = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

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
      throw new DatasetError(
        `classes must be a JSON list of names, such as ["tick", "cross", "circle"]; got ${JSON.stringify(value)}.`,
      );
    }
  }
  if (!Array.isArray(raw))
    throw new DatasetError('classes must be a list of names, such as ["tick", "cross", "circle"].');
  const names = raw.map((name, i) => {
    if (typeof name !== 'string' || name.trim() === '') {
      throw new DatasetError(`Class ${i + 1} has no name: give every class a name that is not empty.`);
    }
    return name.trim();
  });
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name))
      throw new DatasetError(`The class name "${name}" is used twice: give each class its own name.`);
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
  /** The source picture of each example that has one. */
  private readonly sources = new WeakMap<Uint8Array, ExampleSource>();
  /**
   * Bytes a base's cached features take per example (set by the element while a frozen
   * base is in use; 0 otherwise), counted against `MAX_BYTES`.
   */
  featureBytesPerExample = 0;

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

  /** The bytes the examples and their source pictures take. */
  get bytes(): number {
    let n = 0;
    for (const list of this.byClass.values())
      for (const e of list) n += e.length + (this.sources.get(e)?.data.length ?? 0);
    return n;
  }

  /** The bytes a base's cached features take (or will, once computed) for every example. */
  get featureBytes(): number {
    return this.size * this.featureBytesPerExample;
  }

  /** The source picture an example keeps, if any. */
  sourceOf(example: Uint8Array): ExampleSource | undefined {
    return this.sources.get(example);
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

  /** Throws a DatasetError when `more` examples (of `moreBytes` bytes) would pass a limit. */
  checkRoom(more = 1, moreBytes = 0): void {
    if (this.size + more > MAX_EXAMPLES) {
      throw new DatasetError(
        `The dataset holds ${this.size} examples; the limit is ${MAX_EXAMPLES} so that the page does not run out of memory. ` +
          'Remove some examples (or clear a class) before adding more.',
      );
    }
    const used = this.bytes + this.featureBytes;
    if (used + moreBytes + more * this.featureBytesPerExample > MAX_BYTES) {
      throw new DatasetError(
        `The examples, their pictures and the base's features take ${mb(used)}; the limit is ${mb(MAX_BYTES)} so that the page does not run out of memory. ` +
          'Remove some examples (or clear a class) before adding more.',
      );
    }
  }

  add(label: string, pixels: Uint8Array, source?: ExampleSource): void {
    if (pixels.length !== EXAMPLE_BYTES)
      throw new RangeError(`An example is ${EXAMPLE_BYTES} pixels, not ${pixels.length}.`);
    if (source && source.data.length !== source.width * source.height * source.channels) {
      throw new RangeError(
        `A ${source.width}×${source.height}×${source.channels} picture is not ${source.data.length} bytes.`,
      );
    }
    const list = this.listOf(label);
    this.checkRoom(1, pixels.length + (source?.data.length ?? 0));
    list.push(pixels);
    if (source) this.sources.set(pixels, source);
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
    if (this.names.length < MIN_CLASSES)
      return `Name at least ${MIN_CLASSES} classes (the classes attribute) before training.`;
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
    const images = new Uint8Array(this.size * EXAMPLE_BYTES);
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
export function splitExamples(
  labels: ArrayLike<number>,
  classes: number,
  fraction: number,
  seed = 1,
): { train: number[]; test: number[] } {
  const next = seededRandom(seed);
  const byClass = Array.from({ length: classes }, () => [] as number[]);
  for (let i = 0; i < labels.length; i++) byClass[labels[i]].push(i);
  const train: number[] = [];
  const test: number[] = [];
  for (const indices of byClass) {
    shuffle(indices, next);
    const held =
      indices.length < 2
        ? 0
        : Math.min(indices.length - 1, Math.max(1, Math.round(indices.length * fraction)));
    test.push(...indices.slice(0, held));
    train.push(...indices.slice(held));
  }
  return { train: shuffle(train, next), test: test.sort((a, b) => a - b) };
}
