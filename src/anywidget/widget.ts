/**
 * The anywidget front end (the interface of https://anywidget.dev): what Jupyter Book 2's
 * `{anywidget}` directive (MyST) and Jupyter's `anywidget` package load to put elements in a
 * page or a notebook, where a `<script>` tag in the text does not run.
 *
 * The widget's model names the elements and their attributes, as JSON:
 *   { "element": "conv-filter-playground", "kernel": "edge" }
 *   { "elements": [{ "element": "cnn-trainer", "id": "t" }, { "element": "filter-grid", "for": "t" }] }
 *
 * The built module imports nothing (what it uses is bundled in): MyST copies the module file
 * alone into the built site (under a hashed name), so a sibling file it imported would not be there. It loads the library itself,
 * from `library` in the model, else beside itself, else from the CDN at its own version.
 */

import { isOffline, whenOnline } from '../core/runtime/connection.js';

/** The part of an anywidget model this module uses. MyST's model has no working `off`. */
export interface WidgetModel {
  get(name: string): unknown;
  on(event: string, callback: () => void): void;
  off?(event: string, callback: () => void): void;
}

export interface Widget {
  render(props: { model: WidgetModel; el: HTMLElement }): Promise<() => void>;
}

const TAGS = [
  'conv-filter-playground',
  'pooling-stepper',
  'cnn-trainer',
  'pretrained-classifier',
  'filter-grid',
];

/** Attributes every element takes besides its own. */
const GLOBAL_ATTRIBUTES = ['id', 'class', 'style', 'lang', 'dir', 'aria-label'];

type Attributes = Record<string, unknown>;
interface ElementSpec {
  tag: string;
  attributes: Attributes;
}

/** What lit keeps about each reactive property: its attribute's name, or false for none. */
type ElementClass = CustomElementConstructor & {
  observedAttributes?: string[];
  elementProperties?: Map<PropertyKey, { attribute?: string | boolean }>;
};

/**
 * Where to load the library from: the model's `library` (resolved against the page), else
 * `cnn-elements.js` beside this module when it still has its own name (served from the
 * package's dist/), else `fallback` (the CDN, at this module's version).
 */
export function libraryUrl(moduleUrl: string, given: unknown, fallback: string): string {
  if (typeof given === 'string' && given.trim()) return new URL(given.trim(), document.baseURI).href;
  if (/\/anywidget\.js$/.test(new URL(moduleUrl).pathname))
    return new URL('./cnn-elements.js', moduleUrl).href;
  return fallback;
}

/** The elements a model asks for, or a message saying what is wrong with it. */
export function specsOf(model: WidgetModel): ElementSpec[] | string {
  const list = model.get('elements');
  const items: unknown[] =
    list === undefined || list === null
      ? [{ element: model.get('element') }]
      : Array.isArray(list)
        ? list
        : [];
  if (!items.length) return '"elements" must be a list of objects such as { "element": "filter-grid" }.';
  const specs: ElementSpec[] = [];
  for (const item of items) {
    const tag = item && typeof item === 'object' ? (item as Attributes).element : undefined;
    if (typeof tag !== 'string' || !TAGS.includes(tag.trim().toLowerCase()))
      return `${tag === undefined ? 'No "element" is given' : `"${String(tag)}" is not an element of cnn-elements`}: set "element" to one of ${TAGS.join(', ')}.`;
    const { element: _, ...attributes } = item as Attributes;
    specs.push({ tag: tag.trim().toLowerCase(), attributes });
  }
  return specs;
}

/**
 * Gives `element` an attribute's value as a page would: a string as the attribute (read by the
 * element as if written in the tag), a number, boolean, list or object as the property, and
 * null or undefined by removing the attribute. `name` may be written as in HTML (`max-size`),
 * in Python (`max_size`) or as the property (`maxSize`).
 */
export function applyAttribute(element: HTMLElement, name: string, value: unknown): void {
  const attribute = name.replace(/_/g, '-');
  const property = propertyFor(customElements.get(element.localName) as ElementClass | undefined, name);
  if (value === undefined || value === null) element.removeAttribute(property?.attribute ?? attribute);
  else if (typeof value === 'string') element.setAttribute(property?.attribute ?? attribute, value);
  else if (property) (element as unknown as Attributes)[property.name] = value;
  else element.setAttribute(attribute, String(value));
}

/** The lit property that `name` (attribute, Python or property spelling) names, with its attribute. */
function propertyFor(
  ctor: ElementClass | undefined,
  name: string,
): { name: string; attribute?: string } | undefined {
  const wanted = name.replace(/_/g, '-').toLowerCase();
  for (const [key, options] of ctor?.elementProperties ?? []) {
    if (typeof key !== 'string') continue;
    const attribute =
      options.attribute === false
        ? undefined
        : typeof options.attribute === 'string'
          ? options.attribute
          : key.toLowerCase();
    if (key === name || attribute === wanted) return { name: key, attribute };
  }
  return undefined;
}

/** The anywidget module, as `export default createWidget(import.meta.url, cdnLibraryUrl)`. */
export function createWidget(moduleUrl: string, fallbackLibrary: string): Widget {
  return {
    async render({ model, el }) {
      const box = document.createElement('div');
      styled(box, { display: 'grid', gap: '1rem' });
      el.append(box);
      // Listeners for the whole widget, and those for the elements shown now (replaced with them).
      const always: Array<() => void> = [];
      let current: Array<() => void> = [];
      const listen = (list: Array<() => void>, event: string, callback: () => void) => {
        model.on(event, callback);
        list.push(() => {
          // MyST's model throws from off(); its widget goes away with the page anyway.
          try {
            model.off?.(event, callback);
          } catch {
            /* nothing to remove */
          }
        });
      };
      let shown = 0;
      const show = async () => {
        const turn = ++shown;
        current.forEach((off) => off());
        current = [];
        box.replaceChildren();
        const specs = specsOf(model);
        if (typeof specs === 'string') return void box.append(message(specs, 'alert'));
        if (!specs.every(({ tag }) => customElements.get(tag))) {
          const url = libraryUrl(moduleUrl, model.get('library'), fallbackLibrary);
          box.append(message('Loading…', 'status'));
          try {
            await import(/* @vite-ignore */ url);
          } catch (e) {
            if (turn !== shown) return;
            box.replaceChildren(message(loadFailure(url, e), 'alert'));
            // As the elements do: offline, it loads by itself once the connection is back.
            if (isOffline()) current.push(whenOnline(() => void show()));
            return;
          }
          if (turn !== shown) return;
        }
        // Each element gets all its attributes before it joins the page, as if written in the tag:
        // it starts once, from them, instead of from its defaults and again.
        const elements = specs.map(({ tag, attributes }) => {
          const element = document.createElement(tag);
          // JupyterLab takes a notebook's command-mode keys (the arrows, A, D D…) before any
          // element sees them, wherever a part that is not a field has the focus: the network
          // view's maps, the stepper's stage and the draw pad lost their arrows to the cell
          // selection. JupyterLab leaves the keys to an element that carries this attribute.
          element.setAttribute('data-lm-suppress-shortcuts', 'true');
          for (const [name, value] of Object.entries(attributes)) applyAttribute(element, name, value);
          return element;
        });
        // One element: its attributes may also be the model's own keys, which a notebook can change.
        if (specs.length === 1 && model.get('elements') == null) followKeys(elements[0]);
        box.replaceChildren(...elements);
      };
      const followKeys = (element: HTMLElement) => {
        const ctor = customElements.get(element.localName) as ElementClass | undefined;
        for (const attribute of [...GLOBAL_ATTRIBUTES, ...(ctor?.observedAttributes ?? [])]) {
          for (const key of new Set([attribute, attribute.replace(/-/g, '_')])) {
            const apply = () => applyAttribute(element, attribute, model.get(key));
            if (model.get(key) !== undefined) apply();
            listen(current, `change:${key}`, apply);
          }
        }
      };
      listen(always, 'change:elements', () => void show());
      listen(always, 'change:element', () => void show());
      await show();
      return () => {
        shown++;
        [...current, ...always].forEach((off) => off());
        box.remove();
      };
    },
  };
}

/** Why the library did not load, and what to do. */
function loadFailure(url: string, error: unknown): string {
  const why = error instanceof Error ? error.message : String(error);
  return isOffline()
    ? `the library could not be loaded from ${url}: this device is offline. It loads by itself once the connection is back.`
    : `the library could not be loaded from ${url} (${why}). Set "library" in the widget to the address of cnn-elements.js where it is served.`;
}

/**
 * Inline styles through the CSSOM, which a Content-Security-Policy without 'unsafe-inline' in
 * `style-src` allows (as `styleProps` does for the elements, which this module does not bundle).
 */
function styled(element: HTMLElement, props: Record<string, string>): void {
  for (const [name, value] of Object.entries(props)) element.style.setProperty(name, value);
}

/** A line in place of the elements: the library loading (`status`), or what is wrong (`alert`). */
function message(text: string, role: 'status' | 'alert'): HTMLElement {
  const p = document.createElement('p');
  p.setAttribute('role', role);
  styled(p, { margin: '0', font: '14px/1.4 system-ui, sans-serif' });
  if (role === 'alert')
    styled(p, { padding: '0.75rem 1rem', border: '2px solid #b3261e', 'border-radius': '6px' });
  p.textContent = `cnn-elements: ${text}`;
  return p;
}
