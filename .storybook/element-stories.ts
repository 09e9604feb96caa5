/**
 * What every element story shares, driven by custom-elements.json so that an
 * attribute, property or event added to an element shows up in its stories and
 * controls without touching them.
 */
import type { ArgTypes, Args, Meta } from '@storybook/web-components-vite';
import { declarationOf } from './manifest.js';

/** The five tags `src/index.ts` defines. */
export const ELEMENT_TAGS = [
  'conv-filter-playground',
  'pooling-stepper',
  'cnn-trainer',
  'pretrained-classifier',
  'filter-grid',
] as const;

export type ElementTag = (typeof ELEMENT_TAGS)[number];

/** The name Storybook gives an event's action arg (`cnn-error` → `onCnnError`), as its argtypes extractor does. */
function eventArgName(event: string): string {
  const camel = event.replace(/[-_:.\s]+(.)?/g, (_m, chr: string | undefined) =>
    chr ? chr.toUpperCase() : '',
  );
  return `on${camel.charAt(0).toUpperCase()}${camel.slice(1)}`;
}

/**
 * Renders `<tag>` the way an author writes it: args naming an attribute (by its
 * attribute or field name) become attributes, other public writable fields are
 * set as properties (rich values), and event args (`onCnnError`) become
 * listeners, so events show in the Actions panel.
 */
export function renderElement(tag: ElementTag): (args: Args) => HTMLElement {
  const decl = declarationOf(tag);
  const attributeOf = new Map<string, string>();
  for (const attr of decl.attributes ?? []) {
    attributeOf.set(attr.name, attr.name);
    if (attr.fieldName) attributeOf.set(attr.fieldName, attr.name);
  }
  const fields = new Set(
    (decl.members ?? []).filter((m) => m.kind === 'field' && !m.readonly).map((m) => m.name),
  );
  const events = new Map((decl.events ?? []).map((e) => [eventArgName(e.name), e.name]));

  return (args) => {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(args)) {
      if (value === undefined || value === null) continue;
      const attribute = attributeOf.get(key);
      const event = events.get(key);
      if (attribute !== undefined) {
        if (value !== false) el.setAttribute(attribute, value === true ? '' : String(value));
      } else if (event !== undefined) {
        if (typeof value === 'function') el.addEventListener(event, value as EventListener);
      } else if (fields.has(key)) {
        (el as unknown as Record<string, unknown>)[key] = value;
      }
    }
    return el;
  };
}

/**
 * Controls for what a reader can set: none for what the element sets itself
 * (`state`, read-only properties) and none for events, parts, CSS properties and
 * slots, which the docs table lists but an arg cannot change.
 */
function elementArgTypes(tag: ElementTag): Partial<ArgTypes> {
  const decl = declarationOf(tag);
  const argTypes: Partial<ArgTypes> = {};
  const noControl = (name: string) => (argTypes[name] = { control: false });
  (decl.members ?? []).filter((m) => m.kind === 'field' && m.readonly).forEach((m) => noControl(m.name));
  [...(decl.events ?? []), ...(decl.cssParts ?? []), ...(decl.cssProperties ?? []), ...(decl.slots ?? [])]
    .filter((item) => item.name)
    .forEach((item) => noControl(item.name));
  // Set by the element (loading → ready → busy); a reader cannot force it.
  noControl('state');
  argTypes.backend = { control: 'select', options: ['webgpu', 'webgl', 'wasm', 'cpu'] };
  return argTypes;
}

/** Meta defaults for an element's stories: its render and its controls. */
export function elementDefaults(tag: ElementTag): Pick<Meta, 'render' | 'argTypes'> {
  return { render: renderElement(tag), argTypes: elementArgTypes(tag) };
}

/**
 * Parameters for a story that forces a backend. The backend is chosen once per
 * page, and a docs page shows all of a component's stories in one page, so such a
 * story gets its own iframe there.
 */
export const OWN_PAGE_IN_DOCS = { docs: { story: { inline: false, height: '12rem' } } };
