import { html } from 'lit';
import '../../src/elements/filter-grid/define.js';
import type { FilterGrid } from '../../src/elements/filter-grid/filter-grid.js';
import {
  defineStranger,
  pngHeaderUrl,
  removeAndReAdd,
  runHostileTable,
  type HostileCase,
} from './harness.js';

defineStranger();
type G = FilterGrid;
const MODELS = '/tests/fixtures/models';
const DIGITS = `${MODELS}/digits-tiny/model.json`;
const attr = (name: string, value: string) => (el: G) => el.setAttribute(name, value);
const modelUrlCase = (name: string, url: string, says: RegExp): HostileCase<G> => ({
  name: `model-url: ${name}`,
  attack: attr('model-url', url),
  says,
});

const removals: Array<[string, string, (el: G) => boolean]> = [
  ['view', 'activations', (el) => el.view === 'filters'],
  ['normalize', 'layer', (el) => el.normalize === 'filter'],
  ['layer', '0', (el) => el.layer === undefined],
];

const cases: HostileCase<G>[] = [
  modelUrlCase('not found', `${MODELS}/nope/model.json`, /Could not load the model .*404/),
  modelUrlCase('a web page', `${MODELS}/broken/not-json.json`, /is not JSON/),
  modelUrlCase('JSON that is no model', `${MODELS}/broken/not-a-model.json`, /not a TensorFlow.js model/),
  modelUrlCase('weights missing', `${MODELS}/broken/missing-weights.json`, /Could not load the weights file/),
  modelUrlCase(
    'weights of another model (no leak)',
    `${MODELS}/mismatched/model.json`,
    /do not fit the layers its model.json describes/,
  ),
  modelUrlCase('a graph model', `${MODELS}/graph-tiny/model.json`, /is a graph model/),
  modelUrlCase('javascript:', 'javascript:alert(1)', /Could not load the model/),
  {
    name: 'model-url first set after creation is not ignored',
    markup: html`<filter-grid backend="cpu"></filter-grid>`,
    attack: (el) => (el.modelUrl = `${MODELS}/broken/not-json.json`),
    says: /is not JSON/,
  },
  // layer, view, normalize
  { name: 'layer with no such name', attack: attr('layer', 'nope'), says: /no layer named "nope"/ },
  { name: 'layer index out of range', attack: attr('layer', '5'), says: /layer 5 is out of range/ },
  {
    name: 'layer that is not a convolution',
    attack: attr('layer', 'pool'),
    says: /layer "pool" is a MaxPooling2D layer/,
  },
  { name: 'layer __proto__', attack: attr('layer', '__proto__'), says: /no layer named "__proto__"/ },
  {
    name: 'view bogus',
    attack: attr('view', 'bogus'),
    says: /view "bogus" is unknown: use filters, activations, network\./,
  },
  {
    name: 'normalize bogus',
    attack: attr('normalize', 'bogus'),
    says: /normalize "bogus" is unknown: use filter, layer/,
  },
  // images for the activations
  { name: 'src not found', attack: attr('src', '/no-such-input.png'), says: /Could not load the image/ },
  { name: 'src that is text', attack: attr('src', 'data:text/plain,hello'), says: /not an image/ },
  {
    name: 'src with a 100000² PNG header',
    attack: attr('src', pngHeaderUrl(100000, 100000)),
    says: /100000×100000/,
  },
  // links
  {
    name: 'for naming the grid itself',
    attack: (el) => ((el.id = 'self-g'), el.setAttribute('for', 'self-g')),
    says: /names this <filter-grid> itself/,
  },
  {
    name: 'for naming a missing id after ready',
    attack: attr('for', 'nobody'),
    says: /No element with id "nobody"/,
  },
  {
    name: 'for naming a <div>',
    markup: html`<div><div id="plain-g"></div><filter-grid backend="cpu" model-url=${DIGITS}></filter-grid></div>`,
    attack: attr('for', 'plain-g'),
    says: /#plain-g is a <div>, which has no model/,
  },
  {
    name: 'for naming an element of the wrong kind',
    markup: html`<div><hostile-stranger id="odd-g"></hostile-stranger><filter-grid backend="cpu" model-url=${DIGITS}></filter-grid></div>`,
    attack: attr('for', 'odd-g'),
    says: /#odd-g is a <hostile-stranger>/,
  },
  {
    name: 'backend bogus',
    markup: html`<filter-grid backend="bogus" model-url=${DIGITS}></filter-grid>`,
    attack: () => {},
    says: /backend "bogus" is unknown/,
  },
  // lifetimes
  {
    name: 'removed mid-read and added back',
    attack: (el) => (el.setAttribute('view', 'activations'), removeAndReAdd(el)),
    says: 'quiet',
  },
  ...removals.map(
    ([name, value, ok]): HostileCase<G> => ({
      name: `${name} removed after it was set`,
      attack: async (el) => {
        el.setAttribute(name, value);
        await el.updateComplete;
        el.removeAttribute(name);
      },
      says: 'default',
      defaultOk: ok,
    }),
  ),
];

runHostileTable<G>({
  tag: 'filter-grid',
  markup: () => html`<filter-grid backend="cpu" model-url=${DIGITS}></filter-grid>`,
  fix: (el) => {
    for (const name of ['for', 'layer', 'src', 'backend']) el.removeAttribute(name);
    Object.assign(el, {
      for: undefined,
      layer: undefined,
      src: undefined,
      view: 'filters',
      normalize: 'filter',
    });
    el.setAttribute('model-url', `${DIGITS}?fixed`);
  },
  works: async (el) => {
    const filters = await el.getFilters().catch(() => undefined);
    return filters !== undefined && filters.layer === 'conv' && filters.shape.join() === '3,3,1,4';
  },
  cases,
});
