import { expect } from '@open-wc/testing';
import { imagenetLabels, labelsFor, topK } from '../../../src/core/models/labels.js';

describe('shipped ImageNet-1k classes', () => {
  let raw: unknown;
  before(async () => {
    raw = await (await fetch('/assets/imagenet/classes.json')).json();
  });

  it('lists 1000 [WordNet id, name] pairs with distinct ids in ILSVRC order (ids sorted)', () => {
    expect(raw).to.be.an('array').with.length(1000);
    const pairs = raw as unknown[];
    for (const [i, pair] of pairs.entries()) {
      expect(pair, `entry ${i}`).to.be.an('array').with.length(2);
      const [id, name] = pair as [unknown, unknown];
      expect(id, `id ${i}`)
        .to.be.a('string')
        .that.matches(/^n\d{8}$/);
      expect(name, `name ${i}`).to.be.a('string').that.is.not.empty;
    }
    const ids = pairs.map((p) => (p as string[])[0]);
    expect(new Set(ids).size).to.equal(1000);
    // ILSVRC-2012 numbers its classes by their ids in string order.
    expect(ids.every((id, i) => i === 0 || ids[i - 1] < id)).to.equal(true);
  });

  it('pairs ids and names as in ILSVRC-2012 (spot checks from imagenet_class_index.json)', () => {
    const pairs = raw as Array<[string, string]>;
    // Each checked by hand against the Keras-format class index the ids came from.
    const expected: Array<[number, string, RegExp]> = [
      [0, 'n01440764', /^tench\b/],
      [134, 'n02012849', /^crane$/], // the bird …
      [285, 'n02124075', /^Egyptian cat$/],
      [355, 'n02437616', /^llama$/],
      [517, 'n03126707', /^crane$/], // … and the machine
      [999, 'n15075141', /^toilet tissue\b/],
    ];
    for (const [index, id, name] of expected) {
      expect(pairs[index][0], `id at ${index}`).to.equal(id);
      expect(pairs[index][1], `name at ${index}`).to.match(name);
    }
  });

  it('gives the labels of a 1000-class model their ids (1001: background first, without one)', async () => {
    const labels = await imagenetLabels();
    expect(labels[285]).to.deep.equal({ id: 'n02124075', name: 'Egyptian cat' });
    expect(await labelsFor(undefined, 1000)).to.equal(labels);
    const slim = await labelsFor(undefined, 1001);
    expect(slim[0]).to.deep.equal({ name: 'background' });
    expect(slim[356]).to.deep.equal({ id: 'n02437616', name: 'llama' });
  });
});

describe('topK with ids', () => {
  it('carries a label id into its prediction, and adds no id key where there is none', () => {
    const labels = [
      { name: 'tabby', id: 'n02123045' },
      { name: 'no id' },
      { name: 'Egyptian cat', id: 'n02124075' },
    ];
    expect(topK([0.2, 0.3, 0.5], labels, 3)).to.deep.equal([
      { index: 2, label: 'Egyptian cat', probability: 0.5, id: 'n02124075' },
      { index: 1, label: 'no id', probability: 0.3 },
      { index: 0, label: 'tabby', probability: 0.2, id: 'n02123045' },
    ]);
    expect(Object.keys(topK([1], [{ name: 'x' }], 1)[0])).to.deep.equal(['index', 'label', 'probability']);
  });
});
