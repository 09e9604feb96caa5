import { PretrainedClassifier } from './pretrained-classifier.js';

export { PretrainedClassifier };

// Guarded so that loading the library twice (say, the full bundle and one element) does not throw.
if (globalThis.customElements && !customElements.get('pretrained-classifier')) {
  customElements.define('pretrained-classifier', PretrainedClassifier);
}

declare global {
  interface HTMLElementTagNameMap {
    'pretrained-classifier': PretrainedClassifier;
  }
}
