import { html } from 'lit';
import * as tfl from '@tensorflow/tfjs-layers';
import '../../src/elements/cnn-trainer/define.js';
import type { CnnTrainer } from '../../src/elements/cnn-trainer/cnn-trainer.js';
import { removeAndReAdd, runHostileTable, type HostileCase } from './harness.js';
import { attr, removalCases, type Removal } from './shared-cases.js';

type T = CnnTrainer;
const MODELS = '/tests/fixtures/models';
const layers = (...middle: object[]) =>
  JSON.stringify([...middle, { type: 'dense', units: 10, activation: 'softmax' }]);
/** A setting that is only checked when training starts. */
const atTrain = (name: string, value: string) => async (el: T) => {
  el.setAttribute(name, value);
  await el.updateComplete;
  await el.train();
};
const setModel = (value: unknown) => (el: T) => {
  el.model = value as tfl.LayersModel;
};

const removals: Removal<T>[] = [
  ['preset', 'dense-only', (el) => el.preset === 'basic'],
  ['layers', layers({ type: 'flatten' }), (el) => el.layers === undefined],
  ['epochs', '3', (el) => el.epochs === undefined],
  ['batch-size', '16', (el) => el.batchSize === undefined],
  ['learning-rate', '0.5', (el) => el.learningRate === undefined],
  ['optimizer', 'adam', (el) => el.optimizer === undefined],
  ['validation-split', '0.2', (el) => el.validationSplit === undefined],
  ['train-size', '100', (el) => el.trainSize === 2000],
  ['augment', '', (el) => el.augment === false],
  ['seed', '7', (el) => el.seed === 1],
];

const cases: HostileCase<T>[] = [
  // the network
  { name: 'layers that are not JSON', attack: attr('layers', '[{"type": "dense"'), says: /layers/ },
  { name: 'layers empty', attack: attr('layers', '[]'), says: /layers/ },
  { name: 'layers with an unknown type', attack: attr('layers', '[{"type": "bogus"}]'), says: /bogus/ },
  {
    name: 'layers ending without the 10-way softmax',
    attack: attr('layers', '[{"type": "flatten"}]'),
    says: /The last layer must give one probability per digit/,
  },
  {
    name: 'a dense layer of a million units',
    attack: attr('layers', layers({ type: 'flatten' }, { type: 'dense', units: 1000000 })),
    says: /This network would have 795,000,010 weights: about 3\.2 GB to build .* A page allows at most 3,000,000 weights/,
  },
  {
    name: 'a dense layer of ten million units',
    attack: attr('layers', layers({ type: 'flatten' }, { type: 'dense', units: 10000000 })),
    says: /would have 7,950,000,010 weights/,
  },
  {
    name: 'a convolution of 100000 filters',
    attack: attr('layers', layers({ type: 'conv2d', filters: 100000, kernelSize: 3 }, { type: 'flatten' })),
    says: /A page allows at most 3,000,000 weights/,
  },
  { name: 'preset bogus', attack: attr('preset', 'bogus'), says: /bogus/ },
  // models handed over by the page
  {
    name: 'model = {}',
    attack: setModel({}),
    says: /model must be a TensorFlow.js LayersModel .*not a Object/,
  },
  { name: 'model = "hello"', attack: setModel('hello'), says: /not the text "hello"/ },
  { name: 'model = 42', attack: setModel(42), says: /not a number/ },
  { name: 'model = null', attack: setModel(null), says: /not null/ },
  {
    name: 'model = a fake with a predict()',
    attack: setModel({ predict: () => 1, layers: [] }),
    says: /must be a TensorFlow.js LayersModel/,
  },
  // loading and saving
  {
    name: 'loadModel() of a page URL',
    attack: (el) => el.loadModel('/no-such-page.html'),
    rejects: true,
    says: /Loading the model failed/,
  },
  {
    name: 'loadModel() of weights that do not fit (no leak)',
    attack: (el) => el.loadModel(`${MODELS}/mismatched/model.json`),
    rejects: true,
    says: /do not fit the layers/,
  },
  {
    name: 'loadModel() of a name never saved',
    attack: (el) => el.loadModel('never-saved-here'),
    rejects: true,
    says: /Loading the model failed/,
  },
  {
    name: 'loadModel() of no files',
    attack: (el) => el.loadModel([]),
    rejects: true,
    says: /Loading the model failed/,
  },
  {
    name: 'loadModel() of a model that is not 28×28 → 10',
    attack: (el) => el.loadModel(`${MODELS}/mobilenet-like/model.json`),
    rejects: true,
    says: /Loading the model failed/,
  },
  {
    name: 'saveModel() to an unknown scheme',
    attack: (el) => el.saveModel('bogus://somewhere'),
    rejects: true,
    says: /Saving the model failed/,
  },
  // training settings, checked when training starts
  { name: 'epochs 0', attack: atTrain('epochs', '0'), says: /epochs must be a whole number from 1 to 1000/ },
  { name: 'epochs 1e9', attack: atTrain('epochs', '1e9'), says: /epochs must be/ },
  { name: 'batch-size 0', attack: atTrain('batch-size', '0'), says: /batch-size must be a whole number/ },
  {
    name: 'learning-rate -1',
    attack: atTrain('learning-rate', '-1'),
    says: /learning-rate must be a number above 0/,
  },
  { name: 'learning-rate abc', attack: atTrain('learning-rate', 'abc'), says: /learning-rate must be/ },
  {
    name: 'validation-split 0.95',
    attack: atTrain('validation-split', '0.95'),
    says: /validation-split must be a fraction/,
  },
  { name: 'train-size 0', attack: atTrain('train-size', '0'), says: /train-size must be a whole number/ },
  { name: 'train-size 1e9', attack: atTrain('train-size', '1e9'), says: /train-size must be/ },
  { name: 'optimizer bogus', attack: atTrain('optimizer', 'bogus'), says: /bogus/ },
  {
    name: 'backend bogus',
    markup: html`<cnn-trainer backend="bogus"></cnn-trainer>`,
    attack: () => {},
    says: /backend "bogus" is unknown/,
  },
  // lifetimes
  {
    name: 'removed mid-build and added back',
    attack: (el) => (el.setAttribute('preset', 'two-conv'), removeAndReAdd(el)),
    says: 'quiet',
  },
  ...removalCases(removals),
];

runHostileTable<T>({
  tag: 'cnn-trainer',
  markup: () => html`<cnn-trainer backend="cpu"></cnn-trainer>`,
  fix: (el) => {
    for (const name of [
      'layers',
      'epochs',
      'batch-size',
      'learning-rate',
      'optimizer',
      'validation-split',
      'train-size',
      'backend',
    ])
      el.removeAttribute(name);
    // A new preset rebuilds the network: the reader's good input.
    el.setAttribute('preset', 'dense-only');
  },
  works: (el) => el.model !== undefined && el.summary().length >= 2 && el.preset === 'dense-only',
  cases,
});
