import { expect } from '@open-wc/testing';
import {
  DatasetError,
  EXAMPLE_BYTES,
  ExampleSet,
  MAX_BYTES,
  MAX_EXAMPLES,
  parseClasses,
  sourcePixels,
  splitExamples,
} from '../../../src/core/training/example-set.js';
import { projectFromJson, projectToJson } from '../../../src/core/training/project-file.js';
import { PRESETS, checkStack, withClasses } from '../../../src/core/models/model-spec.js';

const example = (v: number) => new Uint8Array(EXAMPLE_BYTES).fill(v);

describe('the reader’s own dataset', () => {
  it('checks class names: 2 to 10, none empty, none repeated', () => {
    expect(parseClasses('["tick", " cross "]')).to.deep.equal(['tick', 'cross']);
    expect(() => parseClasses('["tick"]')).to.throw(DatasetError, /at least 2 classes/);
    expect(() => parseClasses('["a","b","a"]')).to.throw(DatasetError, /"a" is used twice/);
    expect(() => parseClasses(['a', '  '])).to.throw(DatasetError, /Class 2 has no name/);
    expect(() => parseClasses(Array.from({ length: 11 }, (_, i) => `c${i}`))).to.throw(
      DatasetError,
      /at most 10/,
    );
    expect(() => parseClasses('{"a":1}')).to.throw(DatasetError, /list of names/);
  });

  it('keeps examples per class, by name across renames, and refuses more than the limit', () => {
    const set = new ExampleSet(['a', 'b']);
    set.add('a', example(1));
    set.add('b', example(2));
    set.add('b', example(3));
    expect(set.counts()).to.deep.equal({ a: 1, b: 2 });
    expect(set.bytes).to.equal(3 * 784);
    set.setClasses(['b', 'c']);
    expect(set.counts()).to.deep.equal({ b: 2, c: 0 });
    expect(set.problem()).to.match(/Add examples to "c"/);
    set.remove('b', 0);
    expect(set.examplesOf('b')[0][0]).to.equal(3);
    expect(() => set.remove('b', 5)).to.throw(DatasetError, /no example 5/);
    expect(() => set.add('z', example(0))).to.throw(DatasetError, /no class "z"/);
    const data = new ExampleSet(['x', 'y']);
    for (let i = 0; i < MAX_EXAMPLES; i++) data.add(i % 2 ? 'x' : 'y', example(i % 255));
    expect(() => data.add('x', example(0))).to.throw(DatasetError, /limit is 3000/);
    expect(data.size).to.equal(MAX_EXAMPLES);
    const { images, labels, count } = data.toData();
    expect(count).to.equal(MAX_EXAMPLES);
    expect(images.length).to.equal(MAX_EXAMPLES * 784);
    expect(labels.filter((l) => l === 0).length).to.equal(MAX_EXAMPLES / 2);
  });

  it('counts the pictures and a base’s features against the memory limit, and gives each picture as RGBA', () => {
    const set = new ExampleSet(['x', 'y']);
    const rgb = {
      data: Uint8Array.from([10, 20, 30, 40, 50, 60]),
      width: 2,
      height: 1,
      channels: 3 as const,
    };
    const grey = { data: Uint8Array.from([7, 9]), width: 1, height: 2, channels: 1 as const };
    set.add('x', example(1), rgb);
    set.add('y', example(2), grey);
    set.add('y', example(3));
    expect(set.bytes).to.equal(3 * EXAMPLE_BYTES + 6 + 2);
    expect(
      Array.from(sourcePixels(set.examplesOf('x')[0], set.sourceOf(set.examplesOf('x')[0])).data),
    ).to.deep.equal([10, 20, 30, 255, 40, 50, 60, 255]);
    expect(Array.from(sourcePixels(set.examplesOf('y')[0], grey).data)).to.deep.equal([
      7, 7, 7, 255, 9, 9, 9, 255,
    ]);
    // No picture: the 28×28 digit stands in.
    expect(sourcePixels(set.examplesOf('y')[1]).width).to.equal(28);
    set.featureBytesPerExample = Math.floor(MAX_BYTES / 4);
    expect(set.featureBytes).to.equal(3 * Math.floor(MAX_BYTES / 4));
    expect(() => set.add('x', example(4))).to.throw(DatasetError, /limit is 256 MB/);
    expect(set.size).to.equal(3);
    set.featureBytesPerExample = 0;
    expect(() => set.add('x', example(4), { ...grey, data: new Uint8Array(1) })).to.throw(RangeError);
  });

  it('holds out a share of every class, at least one each', () => {
    const labels = Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 2]);
    const { train, test } = splitExamples(labels, 3, 0.2, 1);
    expect([...train, ...test].sort((a, b) => a - b)).to.deep.equal(Array.from({ length: 15 }, (_, i) => i));
    const held = (c: number) => test.filter((i) => labels[i] === c).length;
    expect([held(0), held(1), held(2)]).to.deep.equal([2, 1, 1]);
  });

  it('sizes a preset’s output for the reader’s classes', () => {
    const layers = withClasses(PRESETS.basic.layers, 3);
    expect(layers[layers.length - 1]).to.deep.include({ units: 3, activation: 'softmax' });
    expect(checkStack(layers, 3).at(-1)).to.deep.equal([3]);
    expect(() => checkStack(PRESETS.basic.layers, 3)).to.throw(/one probability per class.*"units": 3/);
  });

  it('writes a project to one JSON file and reads it back; other files are refused', () => {
    const project = {
      classes: ['a', 'b'],
      examples: { a: example(7), b: new Uint8Array(0) },
      settings: { preset: 'basic', fineTune: 0, seed: 3 },
      weights: { shapes: [[2]], data: new Uint8Array(new Float32Array([1.5, -2]).buffer) },
    };
    const back = projectFromJson(projectToJson(project));
    expect(back.classes).to.deep.equal(['a', 'b']);
    expect([...back.examples.a]).to.deep.equal([...example(7)]);
    expect(back.examples.b.length).to.equal(0);
    expect([...new Float32Array(back.weights!.data.buffer)]).to.deep.equal([1.5, -2]);
    expect(() => projectFromJson('nope')).to.throw(DatasetError, /not JSON/);
    expect(() => projectFromJson('{"format":"x"}')).to.throw(DatasetError, /not a cnn-trainer project/);
    expect(() =>
      projectFromJson('{"format":"cnn-trainer-project","classes":["a","b"],"examples":{"a":"AAA="}}'),
    ).to.throw(DatasetError, /cut short/);
  });
});
