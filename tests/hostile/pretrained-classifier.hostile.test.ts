import { html } from 'lit';
import '../../src/elements/pretrained-classifier/define.js';
import type { PretrainedClassifier } from '../../src/elements/pretrained-classifier/pretrained-classifier.js';
import { pngHeaderUrl, removeAndReAdd, runHostileTable, type HostileCase } from './harness.js';
import {
  attr,
  linkCases,
  modelUrlCase,
  modelUrlCases,
  removalCases,
  srcCases,
  type Removal,
} from './shared-cases.js';

type C = PretrainedClassifier;
const MODELS = '/tests/fixtures/models';
const DIGITS = `${MODELS}/digits-tiny/model.json`;
/** A working element: the table's markup, and the link cases' after a neighbour. */
const markup = () => html`<pretrained-classifier backend="cpu" model-url=${DIGITS}></pretrained-classifier>`;

/** A 28×28 white "1" on black, as a drawn digit would be. */
function digit(): ImageData {
  const img = new ImageData(28, 28);
  for (let y = 5; y < 23; y++) {
    for (let x = 12; x < 16; x++) img.data.set([255, 255, 255, 255], (y * 28 + x) * 4);
  }
  for (let i = 3; i < img.data.length; i += 4) img.data[i] = 255;
  return img;
}

/** Classifies once first, so that a changed setting has something to classify again. */
const afterOne = (then: (el: C) => unknown) => async (el: C) => {
  await el.classify(digit());
  then(el);
};

const removals: Removal<C>[] = [
  ['labels', '["a","b","c","d","e","f","g","h","i","j"]', (el) => el.labels === undefined],
  ['input-size', '28', (el) => el.inputSize === undefined],
  ['preprocess', 'unit', (el) => el.preprocess === undefined],
  ['top-k', '5', (el) => el.topK === 3],
  ['explain', '', (el) => el.explain === false],
  ['src', '', (el) => el.src === undefined],
];

const cases: HostileCase<C>[] = [
  ...modelUrlCases<C>(),
  modelUrlCase('text data URL', 'data:text/plain,hello', /is not JSON/),
  modelUrlCase('an image', '/assets/images/cat.jpg', /Loading the model at/),
  {
    name: 'a model with NaN weights',
    attack: async (el) => {
      el.setAttribute('model-url', `${MODELS}/nan-weights/model.json`);
      await new Promise((r) => el.addEventListener('model-change', r, { once: true }));
      return el.classify(digit());
    },
    rejects: true,
    says: /not a number \(NaN or infinite\)/,
  },
  // labels
  { name: 'labels: invalid inline JSON', attack: attr('labels', '["a", "b"'), says: /label/i },
  {
    name: 'labels: too few',
    attack: attr('labels', '["a", "b"]'),
    says: /labels list 2 classes but the model has 10 outputs/,
  },
  {
    name: 'labels: objects without names (property)',
    attack: (el) => (el.labels = [{}] as unknown as string[]),
    says: /labels\[0\] is \{\}/,
  },
  {
    name: 'labels: null entries (property)',
    attack: (el) => (el.labels = [null] as unknown as string[]),
    says: /labels\[0\] is null/,
  },
  { name: 'labels: a URL not found', attack: attr('labels', '/no-such-labels.txt'), says: /label|404/i },
  // input size and preprocessing
  {
    name: 'input-size that does not fit the model',
    attack: attr('input-size', '8x8'),
    says: /input-size 8×8 does not fit this model, which takes 28×28/,
  },
  { name: 'input-size abc', attack: attr('input-size', 'abc'), says: /input-size "abc" is not allowed/ },
  { name: 'input-size 0', attack: attr('input-size', '0'), says: /input-size "0"/ },
  { name: 'input-size 100000', attack: attr('input-size', '100000'), says: /input-size "100000"/ },
  { name: 'input-size 1e400', attack: attr('input-size', '1e400'), says: /input-size "1e400"/ },
  {
    name: 'preprocess bogus',
    attack: attr('preprocess', 'bogus'),
    says: /preprocess "bogus" is unknown: use unit/,
  },
  {
    name: 'preprocess __proto__',
    attack: attr('preprocess', '__proto__'),
    says: /preprocess "__proto__" is unknown/,
  },
  // top-k
  {
    name: 'top-k 0',
    attack: afterOne(attr('top-k', '0')),
    says: /top-k must be a whole number of at least 1, not "0"/,
  },
  { name: 'top-k -1', attack: afterOne(attr('top-k', '-1')), says: /top-k must be/ },
  { name: 'top-k abc', attack: afterOne(attr('top-k', 'abc')), says: /top-k must be/ },
  { name: 'top-k 1.5', attack: afterOne(attr('top-k', '1.5')), says: /top-k must be/ },
  {
    name: 'top-k 5000 shows the 10 classes there are',
    attack: afterOne(attr('top-k', '5000')),
    says: 'quiet',
    defaultOk: (el) => el.shadowRoot!.querySelector('#top-heading')!.textContent === 'Top 10 predictions',
  },
  // images
  {
    name: 'src not found',
    attack: attr('src', '/no-such-photo.jpg'),
    says: /Reading the image failed: Could not load the image/,
  },
  ...srcCases<C>(),
  { name: 'src javascript:', attack: attr('src', 'javascript:alert(1)'), says: /Reading the image failed/ },
  {
    name: 'classify() of a URL not found',
    attack: (el) => el.classify('/no-such.png'),
    rejects: true,
    says: /Reading the image failed/,
  },
  {
    name: 'classify() of a 2×2 image',
    attack: (el) => el.classify(new ImageData(2, 2)),
    rejects: true,
    says: /too small/,
  },
  {
    name: 'classify() of an object',
    attack: (el) => el.classify({} as unknown as string),
    rejects: true,
    says: /Give an image URL/,
  },
  {
    name: 'classify() of an empty canvas',
    attack: (el) => el.classify(Object.assign(document.createElement('canvas'), { width: 0, height: 0 })),
    rejects: true,
    says: /no pixels|too small/,
  },
  {
    name: 'classify() of a 100000² PNG header',
    attack: (el) => el.classify(pngHeaderUrl(100000, 100000)),
    rejects: true,
    says: /100000×100000/,
  },
  // links
  ...linkCases<C>('pretrained-classifier', markup),
  // backend
  {
    name: 'backend bogus',
    markup: html`<pretrained-classifier backend="bogus" model-url=${DIGITS}></pretrained-classifier>`,
    attack: () => {},
    says: /backend "bogus" is unknown: use webgpu, webgl, wasm, cpu or auto/,
  },
  {
    name: 'backend changed after start',
    attack: attr('backend', 'webgl'),
    says: /backend "webgl" cannot apply now: this page already runs TensorFlow.js on cpu/,
  },
  // a model that failed at start is fixed without re-adding the element
  {
    name: 'a start with a page as model-url, then fixed',
    markup: html`<pretrained-classifier backend="cpu" model-url=${`${MODELS}/broken/not-json.json`}></pretrained-classifier>`,
    startsBroken: true,
    attack: () => {},
    says: /is not JSON/,
  },
  // lifetimes
  {
    name: 'removed mid-classification and added back',
    attack: (el) => (void el.classify(digit()).catch(() => {}), removeAndReAdd(el)),
    says: 'quiet',
  },
  {
    name: 'removed mid-load and added back',
    attack: (el) => (el.setAttribute('model-url', `${MODELS}/mobilenet-like/model.json`), removeAndReAdd(el)),
    says: 'quiet',
  },
  ...removalCases(removals),
];

runHostileTable<C>({
  tag: 'pretrained-classifier',
  markup,
  fix: (el) => {
    for (const name of ['for', 'labels', 'input-size', 'preprocess', 'src', 'backend'])
      el.removeAttribute(name);
    Object.assign(el, {
      for: undefined,
      labels: undefined,
      inputSize: undefined,
      preprocess: undefined,
      topK: 3,
    });
    el.setAttribute('model-url', `${DIGITS}?fixed`);
  },
  works: async (el) => {
    if (!el.model || !el.getAttribute('model-url')?.endsWith('?fixed')) return false;
    const top = await el.classify(digit()).catch(() => []);
    return top.length === 3 && top.every((p) => Number.isFinite(p.probability));
  },
  cases,
});
