import { html } from 'lit';
import { CnnElement } from '../cnn-element.js';

/**
 * Classify an image or a drawn digit with a pretrained model and show the top-k classes.
 *
 * Not built yet: this release shows the element's frame and backend badge only.
 *
 * @summary Classify an image or a drawn digit with a pretrained model and show the top-k classes.
 * @tag pretrained-classifier
 */
export class PretrainedClassifier extends CnnElement {
  protected override renderContent(): unknown {
    return html`<p><code>&lt;pretrained-classifier&gt;</code>: Classify an image or a drawn digit with a pretrained model and show the top-k classes. Coming in a later release.</p>`;
  }
}
