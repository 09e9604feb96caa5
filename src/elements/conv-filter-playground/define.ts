import { ConvFilterPlayground } from './conv-filter-playground.js';

export { ConvFilterPlayground };

// Guarded so that loading the library twice (say, the full bundle and one element) does not throw.
if (globalThis.customElements && !customElements.get('conv-filter-playground')) {
  customElements.define('conv-filter-playground', ConvFilterPlayground);
}

declare global {
  interface HTMLElementTagNameMap {
    'conv-filter-playground': ConvFilterPlayground;
  }
}
