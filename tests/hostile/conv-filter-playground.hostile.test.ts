import { html } from 'lit';
import '../../src/elements/conv-filter-playground/define.js';
import type { ConvFilterPlayground } from '../../src/elements/conv-filter-playground/conv-filter-playground.js';
import { removeAndReAdd, runHostileTable, type HostileCase } from './harness.js';
import { attr, linkCases, removalCases, srcCases, type Removal } from './shared-cases.js';

type P = ConvFilterPlayground;
/** A working element: the table's markup, and the link cases' after a neighbour. */
const markup = () => html`<conv-filter-playground backend="cpu" max-size="12"></conv-filter-playground>`;

/** A 12×12 gray ramp: the good image a reader gives after a bad one. */
function ramp(): ImageData {
  const img = new ImageData(12, 12);
  for (let i = 0; i < 144; i++) img.data.set([i, i, i, 255], i * 4);
  return img;
}

const removals: Removal<P>[] = [
  ['kernel', '[[1]]', (el) => el.kernel.length === 3],
  ['stride', '2', (el) => el.stride === 1],
  ['dilation', '2', (el) => el.dilation === 1],
  ['bias', '5', (el) => el.bias === 0],
  ['padding', 'same', (el) => el.padding === 'valid'],
  ['activation', 'relu', (el) => el.activation === 'none'],
  ['channels', 'rgb', (el) => el.channels === 'gray'],
  ['colormap', 'gray', (el) => el.colormap === 'auto'],
  ['normalize', 'false', (el) => el.normalize === true],
  ['max-size', '8', (el) => el.maxSize === 512],
];

/** The good input after a bad one: settings back to plain ones, and a small image. */
const fix = (el: P): void => {
  el.removeAttribute('for');
  Object.assign(el, {
    for: undefined,
    kernel: 'identity',
    stride: 1,
    dilation: 1,
    bias: 0,
    padding: 'valid',
    activation: 'none',
  });
  Object.assign(el, { channels: 'gray', colormap: 'auto', maxSize: 12, image: ramp() });
};

const cases: HostileCase<P>[] = [
  // kernels
  { name: 'kernel abc', attack: attr('kernel', 'abc'), says: /kernel "abc" is not a preset/ },
  {
    name: 'kernel __proto__',
    attack: attr('kernel', '__proto__'),
    says: /kernel "__proto__" is not a preset/,
  },
  {
    name: 'kernel constructor',
    attack: attr('kernel', 'constructor'),
    says: /kernel "constructor" is not a preset/,
  },
  { name: 'kernel toString', attack: attr('kernel', 'toString'), says: /kernel "toString" is not a preset/ },
  { name: 'kernel not JSON', attack: attr('kernel', '[[1, 2'), says: /kernel is not valid JSON/ },
  { name: 'kernel ragged', attack: attr('kernel', '[[1, 2], [3]]'), says: /ragged/ },
  { name: 'kernel with a string', attack: attr('kernel', '[[1, "x"]]'), says: /kernel\[0\]\[1\] is "x"/ },
  { name: 'kernel empty', attack: attr('kernel', '[]'), says: /2-D array/ },
  {
    name: 'kernel 8×8',
    attack: attr('kernel', JSON.stringify(Array.from({ length: 8 }, () => Array(8).fill(1)))),
    says: /8×8/,
  },
  {
    name: 'kernel with NaN (property)',
    attack: (el) => (el.kernel = [[NaN]]),
    says: /kernel\[0\]\[0\] is NaN/,
  },
  {
    name: 'kernel with Infinity (property)',
    attack: (el) => (el.kernel = [[1, -Infinity]]),
    says: /is -Infinity/,
  },
  { name: 'kernel with 1e400', attack: attr('kernel', '[[1e400]]'), says: /is Infinity/ },
  {
    name: 'kernel that overflows float32',
    markup: html`<conv-filter-playground backend="cpu" max-size="12" normalize="false"></conv-filter-playground>`,
    attack: attr('kernel', '[[1e308, -1e308], [1e39, 0]]'),
    says: /the feature map overflowed/,
  },
  { name: 'bias 1e308', attack: attr('bias', '1e308'), says: /the feature map overflowed/ },
  { name: 'bias abc', attack: attr('bias', 'abc'), says: /bias "NaN" is not a number/ },
  { name: 'bias Infinity (property)', attack: (el) => (el.bias = Infinity), says: /bias "Infinity"/ },
  // settings
  {
    name: 'stride 0',
    attack: attr('stride', '0'),
    says: /stride must be a whole number from 1 to 4, not "0"/,
  },
  { name: 'stride 9', attack: attr('stride', '9'), says: /stride must be/ },
  { name: 'stride abc', attack: attr('stride', 'abc'), says: /stride must be/ },
  { name: 'stride 1.5', attack: attr('stride', '1.5'), says: /stride must be/ },
  { name: 'dilation 0', attack: attr('dilation', '0'), says: /dilation must be a whole number from 1 to 3/ },
  { name: 'dilation 99', attack: attr('dilation', '99'), says: /dilation must be/ },
  {
    name: 'padding full',
    attack: attr('padding', 'full'),
    says: /padding "full" is unknown: use valid \(no padding\), same \(zeros\), reflect/,
  },
  {
    name: 'activation bogus',
    attack: attr('activation', 'bogus'),
    says: /activation "bogus" is unknown: use none, relu/,
  },
  {
    name: 'channels bogus',
    attack: attr('channels', 'bogus'),
    says: /channels "bogus" is unknown: use gray, rgb or sum/,
  },
  {
    name: 'colormap rainbow',
    attack: attr('colormap', 'rainbow'),
    says: /colormap "rainbow" is unknown: use auto, diverging, gray/,
  },
  // images: the message must survive the redraw of the previous image
  {
    name: 'sample unknown',
    attack: attr('sample', 'unicorn'),
    says: /sample "unicorn" is unknown: use one of/,
  },
  { name: 'src not found', attack: attr('src', '/no-such-picture.png'), says: /Could not load the image/ },
  ...srcCases<P>(),
  { name: 'src javascript:', attack: attr('src', 'javascript:alert(1)'), says: /image/i },
  { name: 'src of an empty file', attack: attr('src', 'data:image/png;base64,'), says: /image/i },
  { name: 'max-size abc', attack: attr('max-size', 'abc'), says: /max-size "NaN" is not a size in pixels/ },
  { name: 'max-size 0', attack: attr('max-size', '0'), says: /max-size "0"/ },
  { name: 'max-size 1e9', attack: attr('max-size', '1e9'), says: /max-size "1000000000"/ },
  // the inspected pixel: its message stays until a good pixel comes
  {
    name: 'pixel abc',
    attack: attr('pixel', 'abc'),
    says: /pixel must be two whole numbers from 0/,
    fix: (el) => ((el.pixel = [1, 1]), fix(el)),
  },
  {
    name: 'pixel off the map',
    attack: attr('pixel', '500,500'),
    says: /pixel 500,500 is outside the \d+×\d+ feature map/,
    fix: (el) => ((el.pixel = [1, 1]), fix(el)),
  },
  {
    name: 'pixel an object (property)',
    attack: (el) => (el.pixel = {} as never),
    says: /pixel must be two whole numbers from 0/,
    fix: (el) => ((el.pixel = [1, 1]), fix(el)),
  },
  // links
  ...linkCases<P>('conv-filter-playground', markup),
  // lifetimes
  {
    name: 'removed mid-convolution and added back',
    attack: (el) => ((el.kernel = 'sharpen'), removeAndReAdd(el)),
    says: 'quiet',
  },
  {
    name: 'removed mid-image-load and added back',
    attack: (el) => (el.setAttribute('sample', 'coins'), removeAndReAdd(el)),
    says: 'quiet',
  },
  ...removalCases(removals),
];

runHostileTable<P>({
  tag: 'conv-filter-playground',
  markup,
  fix,
  works: async (el) => {
    const out = await el.getOutput().catch(() => undefined);
    // The 3×3 identity kernel with valid padding: the ramp's inner 10×10.
    return (
      out !== undefined && out.shape[0] === 10 && out.shape[1] === 10 && out.values.every(Number.isFinite)
    );
  },
  cases,
});
