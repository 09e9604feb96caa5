import { html } from 'lit';
import { CnnElement } from '../cnn-element.js';

/**
 * Step a max, average or min pooling window across a feature map, one cell at a time.
 *
 * Not built yet: this release shows the element's frame and backend badge only.
 *
 * @summary Step a max, average or min pooling window across a feature map, one cell at a time.
 * @tag pooling-stepper
 */
export class PoolingStepper extends CnnElement {
  protected override renderContent(): unknown {
    return html`<p><code>&lt;pooling-stepper&gt;</code>: Step a max, average or min pooling window across a feature map, one cell at a time. Coming in a later release.</p>`;
  }
}
