import { FilterGrid } from './filter-grid.js';

export { FilterGrid };

// Guarded so that loading the library twice (say, the full bundle and one element) does not throw.
if (globalThis.customElements && !customElements.get('filter-grid')) {
  customElements.define('filter-grid', FilterGrid);
}

declare global {
  interface HTMLElementTagNameMap {
    'filter-grid': FilterGrid;
  }
}
