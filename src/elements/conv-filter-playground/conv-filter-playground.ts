import { html } from 'lit';
import { CnnElement } from '../cnn-element.js';

/**
 * Apply and edit a kernel on an image and see the feature map and the arithmetic behind each pixel.
 *
 * Not built yet: this release shows the element's frame and backend badge only.
 *
 * @summary Apply and edit a kernel on an image and see the feature map and the arithmetic behind each pixel.
 * @tag conv-filter-playground
 */
export class ConvFilterPlayground extends CnnElement {
  protected override renderContent(): unknown {
    return html`<p><code>&lt;conv-filter-playground&gt;</code>: Apply and edit a kernel on an image and see the feature map and the arithmetic behind each pixel. Coming in a later release.</p>`;
  }
}
