import { PoolingStepper } from './pooling-stepper.js';

export { PoolingStepper };

// Guarded so that loading the library twice (say, the full bundle and one element) does not throw.
if (globalThis.customElements && !customElements.get('pooling-stepper')) {
  customElements.define('pooling-stepper', PoolingStepper);
}

declare global {
  interface HTMLElementTagNameMap {
    'pooling-stepper': PoolingStepper;
  }
}
