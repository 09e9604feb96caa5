import { html } from 'lit';
import { CnnElement } from '../cnn-element.js';

/**
 * Build a small CNN and train it on MNIST in the page, with live charts and a confusion matrix.
 *
 * Not built yet: this release shows the element's frame and backend badge only.
 *
 * @summary Build a small CNN and train it on MNIST in the page, with live charts and a confusion matrix.
 * @tag cnn-trainer
 */
export class CnnTrainer extends CnnElement {
  protected override renderContent(): unknown {
    return html`<p><code>&lt;cnn-trainer&gt;</code>: Build a small CNN and train it on MNIST in the page, with live charts and a confusion matrix. Coming in a later release.</p>`;
  }
}
