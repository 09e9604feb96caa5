import { html } from 'lit';
import * as tfl from '@tensorflow/tfjs-layers';
import '../../src/elements/filter-grid/define.js';
import type { FilterGrid } from '../../src/elements/filter-grid/filter-grid.js';
import { removeAndReAdd, runHostileTable, type HostileCase } from './harness.js';
import {
  attr,
  linkCases,
  modelUrlCase,
  modelUrlCases,
  removalCases,
  srcCases,
  type Removal,
} from './shared-cases.js';

type G = FilterGrid;

/**
 * A page's own model source (any element with `model` is one): a small digit-shaped
 * network, freed a moment after the element leaves the page (the grid may still be reading it).
 */
class PageSource extends HTMLElement {
  model: tfl.LayersModel | undefined = tfl.sequential({
    layers: [
      tfl.layers.conv2d({ inputShape: [28, 28, 1], filters: 2, kernelSize: 3, activation: 'relu' }),
      tfl.layers.flatten(),
      tfl.layers.dense({ units: 3, activation: 'softmax' }),
    ],
  });
  classNames: unknown = ['bar', 'dash', 'ring'];
  samples: unknown;
  disconnectedCallback() {
    const model = this.model;
    this.model = undefined;
    setTimeout(() => model?.dispose(), 200);
  }
}
customElements.define('page-model-source', PageSource);
const MODELS = '/tests/fixtures/models';
const DIGITS = `${MODELS}/digits-tiny/model.json`;
/** A working element: the table's markup, and the link cases' after a neighbour. */
const markup = () => html`<filter-grid backend="cpu" model-url=${DIGITS}></filter-grid>`;

const removals: Removal<G>[] = [
  ['view', 'activations', (el) => el.view === 'filters'],
  ['normalize', 'layer', (el) => el.normalize === 'filter'],
  ['layer', '0', (el) => el.layer === undefined],
];

const cases: HostileCase<G>[] = [
  ...modelUrlCases<G>(),
  modelUrlCase('a graph model', `${MODELS}/graph-tiny/model.json`, /is a graph model/),
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
  ...srcCases<G>(),
  // links
  ...linkCases<G>('filter-grid', markup),
  {
    name: 'a page’s source offering class names and samples that are not lists of names and pictures',
    markup: html`<div>
      <page-model-source id="hostile-source"></page-model-source>
      <filter-grid backend="cpu" view="network" for="hostile-source"></filter-grid>
    </div>`,
    attack: (_el, root) => {
      const source = root.querySelector('page-model-source') as PageSource;
      Object.assign(source, {
        classNames: 3,
        samples: [null, 'tick', { label: 1, image: 'x' }, { label: 'a', image: { width: 1e9, height: 1e9 } }],
      });
      source.dispatchEvent(new CustomEvent('dataset-change'));
      source.dispatchEvent(new CustomEvent('model-change'));
    },
    says: 'quiet',
    // The digit pad and the held-out digits, as for a source that offers neither.
    defaultOk: (el) =>
      el.shadowRoot!.querySelector('cnn-draw-pad')?.getAttribute('label') === 'Draw a digit' &&
      el.shadowRoot!.querySelectorAll('[part="samples"] button[aria-label^="Sample digit"]').length === 10,
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
  ...removalCases(removals),
];

runHostileTable<G>({
  tag: 'filter-grid',
  markup,
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
