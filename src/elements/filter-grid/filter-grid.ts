import { html } from 'lit';
import { CnnElement } from '../cnn-element.js';

/**
 * Show a model's learned filters and the activation maps they produce.
 *
 * Not built yet: this release shows the element's frame and backend badge only.
 *
 * @summary Show a model's learned filters and the activation maps they produce.
 * @tag filter-grid
 */
export class FilterGrid extends CnnElement {
  protected override renderContent(): unknown {
    return html`<p><code>&lt;filter-grid&gt;</code>: Show a model's learned filters and the activation maps they produce. Coming in a later release.</p>`;
  }
}
