import { CnnTrainer } from './cnn-trainer.js';

export { CnnTrainer };

// Guarded so that loading the library twice (say, the full bundle and one element) does not throw.
if (globalThis.customElements && !customElements.get('cnn-trainer')) {
  customElements.define('cnn-trainer', CnnTrainer);
}

declare global {
  interface HTMLElementTagNameMap {
    'cnn-trainer': CnnTrainer;
  }
}
