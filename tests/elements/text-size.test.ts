/**
 * The reader's text size: the elements' text is 14 px at the browser's default (16 px), and
 * grows with a reader's larger default font setting (which grows the root's `rem`), never
 * shrinking below 14 px on a site that sets a small root (`html { font-size: 62.5% }`).
 * With very large text on a phone, what is too wide scrolls in its own box instead of
 * spilling out of the element (scripts/check-widths.mjs looks at the demo so too).
 */
import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { CnnElement } from '../../src/elements/cnn-element.js';
import { TAGS } from '../../scripts/tags.mjs';

/** A 16×16 map: pooled 2×2 with stride 1, its output is 15 cells wide, wider than a phone. */
const WIDE_MAP = JSON.stringify(
  Array.from({ length: 16 }, (_, r) => Array.from({ length: 16 }, (_, c) => (r * 7 + c * 3) % 10)),
);

describe('text size', () => {
  let page: HTMLElement;

  before(async () => {
    page = document.createElement('div');
    page.style.width = '288px';
    page.append(...TAGS.map((tag) => document.createElement(tag)));
    const stepper = document.createElement('pooling-stepper');
    stepper.setAttribute('values', WIDE_MAP);
    stepper.setAttribute('stride', '1');
    stepper.id = 'wide';
    page.append(stepper);
    document.body.append(page);
    await Promise.all([...page.children].map((el) => (el as CnnElement).ready));
  });

  after(() => {
    page.remove();
    document.documentElement.style.fontSize = '';
  });

  const sizes = () => TAGS.map((tag) => getComputedStyle(page.querySelector(tag)!).fontSize);

  it('is 14 px at the browser’s default text size', () => {
    document.documentElement.style.fontSize = '';
    expect(getComputedStyle(document.documentElement).fontSize).to.equal('16px');
    expect(sizes()).to.deep.equal(TAGS.map(() => '14px'));
  });

  it('grows with a reader’s larger default (the root’s rem) and never shrinks below 14 px', () => {
    document.documentElement.style.fontSize = '20px';
    expect(sizes()).to.deep.equal(TAGS.map(() => '17.5px'));
    document.documentElement.style.fontSize = '62.5%';
    expect(sizes()).to.deep.equal(TAGS.map(() => '14px'));
  });

  it('takes --cnn-font-size over both', () => {
    document.documentElement.style.fontSize = '24px';
    page.style.setProperty('--cnn-font-size', '13px');
    try {
      expect(sizes()).to.deep.equal(TAGS.map(() => '13px'));
    } finally {
      page.style.removeProperty('--cnn-font-size');
    }
  });

  it('keeps everything inside each element with very large text in a phone’s width', async () => {
    document.documentElement.style.fontSize = '24px';
    await new Promise((r) => requestAnimationFrame(r));
    const spills = [...page.children].flatMap((el) => {
      const frame = el.shadowRoot!.querySelector<HTMLElement>('[part~="frame"]')!;
      return frame.scrollWidth > frame.clientWidth + 1
        ? [`<${el.localName}${el.id ? `#${el.id}` : ''}>: ${frame.scrollWidth} px in ${frame.clientWidth}`]
        : [];
    });
    expect(spills).to.deep.equal([]);
    // The wide stepper's pooled map scrolls in its own box.
    const output = page.querySelector('#wide')!.shadowRoot!.querySelector<HTMLElement>('[part="output"]')!;
    expect(output.scrollWidth).to.be.above(output.clientWidth);
  });
});
