/**
 * The sample strip's pure parts: what a linked source's samples become (a page's own source
 * may offer anything), the pad's prompt, and the digit shown first.
 */
import { expect } from '@open-wc/testing';
import {
  classNamesOf,
  drawPrompt,
  firstDigit,
  sourceSamples,
  type Sample,
} from '../../src/elements/sample-strip.js';
import type { ModelSource } from '../../src/elements/contracts.js';

const source = (samples: unknown) => Object.assign(document.createElement('div'), { samples }) as ModelSource;
const picture = (width: number, height: number, fill = 9) => ({
  data: new Uint8ClampedArray(width * height * 4).fill(fill),
  width,
  height,
});

describe('sourceSamples', () => {
  it('makes a sample of each named picture, copying its pixels', () => {
    const tick = picture(28, 28, 200);
    const made = sourceSamples(
      source([
        { label: 'tick', image: tick },
        { label: 'mug', image: picture(96, 64) },
      ]),
    )!;
    expect(made.map((s) => [s.label, s.image.width, s.image.height])).to.deep.equal([
      ['tick', 28, 28],
      ['mug', 96, 64],
    ]);
    expect(Array.from(made[0].image.data)).to.deep.equal(Array.from(tick.data));
    // A copy: the source may reuse its arrays.
    tick.data.fill(0);
    expect(made[0].image.data[0]).to.equal(200);
  });

  it('offers none where the source has none, or nothing usable', () => {
    expect(sourceSamples(undefined)).to.equal(undefined);
    expect(sourceSamples(source(undefined))).to.equal(undefined);
    expect(sourceSamples(source([]))).to.equal(undefined);
    expect(sourceSamples(source('tick'))).to.equal(undefined);
    expect(sourceSamples(source({ length: 1, 0: { label: 'a', image: picture(2, 2) } }))).to.equal(undefined);
  });

  it('leaves out entries that are not a named picture a canvas can take', () => {
    const bad = [
      null,
      'tick',
      { label: 'no image' },
      { label: 7, image: picture(2, 2) },
      { label: 'short', image: { data: new Uint8ClampedArray(15), width: 2, height: 2 } },
      { label: 'zero', image: { data: new Uint8ClampedArray(0), width: 0, height: 0 } },
      { label: 'fraction', image: { data: new Uint8ClampedArray(16), width: 2.5, height: 1.6 } },
      { label: 'NaN', image: { data: new Uint8ClampedArray(16), width: NaN, height: 2 } },
      { label: 'no data', image: { width: 2, height: 2 } },
    ];
    expect(sourceSamples(source(bad))).to.equal(undefined);
    expect(
      sourceSamples(source([...bad, { label: 'good', image: picture(2, 2) }]))!.map((s) => s.label),
    ).to.deep.equal(['good']);
  });

  it('gives back what the strip shows when nothing changed, and keeps each sample that did not', () => {
    const offered = [
      { label: 'tick', image: picture(2, 2, 1) },
      { label: 'cross', image: picture(2, 2, 2) },
    ];
    const shown = sourceSamples(source(offered))!;
    // The same classes and pictures, in new arrays (a trainer copies them every time).
    const again = offered.map(({ label, image }) => ({
      label,
      image: { ...image, data: image.data.slice() },
    }));
    expect(sourceSamples(source(again), shown)).to.equal(shown);
    // A new first example of one class: only its sample is made anew.
    again[1].image.data[5] = 77;
    const next = sourceSamples(source(again), shown)!;
    expect(next).to.not.equal(shown);
    expect(next[0]).to.equal(shown[0]);
    expect(next[1]).to.not.equal(shown[1]);
    expect(next[1].image.data[5]).to.equal(77);
    // A renamed class is a new sample.
    expect(sourceSamples(source([{ ...offered[0], label: 'check' }, offered[1]]), shown)![0]).to.not.equal(
      shown[0],
    );
  });

  it('shows at most ten, as many as a trainer has classes', () => {
    const many = Array.from({ length: 500 }, (_, i) => ({ label: `c${i}`, image: picture(1, 1) }));
    expect(sourceSamples(source(many))!.map((s) => s.label)).to.deep.equal(
      many.slice(0, 10).map((s) => s.label),
    );
  });
});

describe('classNamesOf', () => {
  it('takes a list of strings, as a copy, and nothing else', () => {
    const names = ['tick', 'cross'];
    const taken = classNamesOf(
      Object.assign(document.createElement('div'), { classNames: names }) as ModelSource,
    )!;
    expect(taken).to.deep.equal(names);
    expect(taken).to.not.equal(names);
    for (const hostile of [undefined, null, 'tick', 3, {}, { length: 2 }, ['tick', 4], [null], [['a']]])
      expect(
        classNamesOf(Object.assign(document.createElement('div'), { classNames: hostile }) as ModelSource),
        String(hostile),
      ).to.equal(undefined);
    expect(classNamesOf(undefined)).to.equal(undefined);
  });
});

describe('drawPrompt', () => {
  it('invites a digit, a few short classes by name, or any of many', () => {
    expect(drawPrompt(undefined)).to.equal('Draw a digit');
    expect(drawPrompt(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'])).to.equal('Draw a digit');
    expect(drawPrompt(['tick', 'cross'])).to.equal('Draw tick or cross');
    expect(drawPrompt(['tick', 'cross', 'circle'])).to.equal('Draw tick, cross or circle');
    expect(drawPrompt(['a', 'b', 'c', 'd', 'e'])).to.equal('Draw one of the classes');
    expect(drawPrompt(['golden retriever', 'tabby cat'])).to.equal('Draw one of the classes');
  });
});

describe('firstDigit', () => {
  it('is the 7 where there is one, else the first', () => {
    const digit = (label: string) => ({ label }) as Sample;
    expect(firstDigit(['0', '7', '9'].map(digit))!.label).to.equal('7');
    expect(firstDigit(['3', '4'].map(digit))!.label).to.equal('3');
    expect(firstDigit([])).to.equal(undefined);
  });
});
