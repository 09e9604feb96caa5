/**
 * An anywidget model written from the anywidget interface (get, set, on, off), as Jupyter's
 * is, and a widget rendered with it the way a notebook renders one.
 */
import { createWidget, type WidgetModel } from '../../src/anywidget/widget.js';

/** The library as this test server serves it, for the module to import itself. */
export const LIBRARY = new URL('/src/index.ts', location.href).href;

export class Model implements WidgetModel {
  private readonly events = new EventTarget();
  listeners = 0;
  constructor(private readonly state: Record<string, unknown>) {}
  get(name: string): unknown {
    return this.state[name];
  }
  set(name: string, value: unknown): void {
    this.state[name] = value;
    this.events.dispatchEvent(new Event(`change:${name}`));
  }
  on(event: string, callback: () => void): void {
    this.listeners++;
    this.events.addEventListener(event, callback);
  }
  off(event: string, callback: () => void): void {
    this.listeners--;
    this.events.removeEventListener(event, callback);
  }
}

/** Renders a widget of `state` into `el` (added to the page), as the module `moduleUrl` would. */
export async function render(
  state: Record<string, unknown>,
  moduleUrl = 'https://cdn.test/x/1a2b3c.mjs',
  el = document.createElement('div'),
) {
  if (!el.isConnected) document.body.append(el);
  const model = new Model(state);
  const cleanup = await createWidget(moduleUrl, LIBRARY).render({ model, el });
  return { el, model, cleanup };
}
