/**
 * The hostile cases several elements meet alike: a `for=` that names the wrong thing, an
 * attribute removed after it was set, a `src` that is no image, a `model-url` that is no
 * model. Each table spreads the ones that apply to it, beside its own.
 */
import { html, type TemplateResult } from 'lit';
import type { CnnElement } from '../../src/elements/cnn-element.js';
import { pngHeaderUrl, type HostileCase } from './harness.js';

const MODELS = '/tests/fixtures/models';

/** Sets an attribute: the attack most cases make. */
export const attr = (name: string, value: string) => (el: HTMLElement) => el.setAttribute(name, value);

/** An attribute, a value to set first, the documented default's test, and markup when the table's will not do. */
export type Removal<E> = [
  name: string,
  value: string,
  isDefault: (el: E) => boolean,
  markup?: TemplateResult,
];

/** Each attribute removed after it was set: its documented default is back, with no error. */
export function removalCases<E extends CnnElement>(removals: Removal<E>[]): HostileCase<E>[] {
  return removals.map(([name, value, isDefault, markup]) => ({
    name: `${name} removed after it was set`,
    markup,
    attack: async (el) => {
      el.setAttribute(name, value);
      await el.updateComplete;
      el.removeAttribute(name);
    },
    says: 'default',
    defaultOk: isDefault,
  }));
}

/** A custom element that is none of the library's, for wrong-kind links. */
function defineStranger(): void {
  if (!customElements.get('hostile-stranger'))
    customElements.define('hostile-stranger', class extends HTMLElement {});
}

/**
 * `for=` naming the element itself, an id that is not there, a plain `<div>`, and a custom
 * element of another kind. `markup` is the table's working element, put after the neighbour.
 */
export function linkCases<E extends CnnElement>(tag: string, markup: () => TemplateResult): HostileCase<E>[] {
  defineStranger();
  const after = (neighbour: TemplateResult) => html`<div>${neighbour}${markup()}</div>`;
  return [
    {
      name: 'for naming the element itself',
      attack: (el) => ((el.id = 'me'), el.setAttribute('for', 'me')),
      says: new RegExp(`names this <${tag}> itself`),
    },
    {
      name: 'for naming a missing id after ready',
      attack: attr('for', 'nobody'),
      says: /No element with id "nobody"/,
    },
    {
      name: 'for naming a <div>',
      markup: after(html`<div id="plain"></div>`),
      attack: attr('for', 'plain'),
      says: /#plain is a <div>/,
    },
    {
      name: 'for naming an element of the wrong kind',
      markup: after(html`<hostile-stranger id="odd"></hostile-stranger>`),
      attack: attr('for', 'odd'),
      says: /#odd is a <hostile-stranger>/,
    },
  ];
}

/** A `src` that is text, and one whose PNG header declares 100000×100000 pixels (a decompression bomb). */
export function srcCases<E extends CnnElement>(): HostileCase<E>[] {
  return [
    { name: 'src that is text', attack: attr('src', 'data:text/plain,hello'), says: /not an image/ },
    {
      name: 'src with a 100000² PNG header',
      attack: attr('src', pngHeaderUrl(100000, 100000)),
      says: /100000×100000/,
    },
  ];
}

/** One `model-url` case: the URL and the message it must give. */
export const modelUrlCase = <E extends CnnElement>(
  name: string,
  url: string,
  says: RegExp,
): HostileCase<E> => ({
  name: `model-url: ${name}`,
  attack: attr('model-url', url),
  says,
});

/** What every element that loads a model from `model-url` must explain (fixtures in tests/fixtures/models). */
export function modelUrlCases<E extends CnnElement>(): HostileCase<E>[] {
  return [
    modelUrlCase('not found', `${MODELS}/nope/model.json`, /Could not load the model .*404/),
    modelUrlCase('a web page', `${MODELS}/broken/not-json.json`, /is not JSON/),
    modelUrlCase('JSON that is no model', `${MODELS}/broken/not-a-model.json`, /not a TensorFlow.js model/),
    modelUrlCase(
      'weights missing',
      `${MODELS}/broken/missing-weights.json`,
      /Could not load the weights file/,
    ),
    modelUrlCase(
      'weights of another model (no leak)',
      `${MODELS}/mismatched/model.json`,
      /do not fit the layers its model.json describes/,
    ),
    modelUrlCase('javascript:', 'javascript:alert(1)', /Could not load the model/),
  ];
}
