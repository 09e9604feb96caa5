/**
 * `cnn-elements/config.js`: the page-wide settings, with no side effects. It imports no
 * TensorFlow.js and defines no element, so a page (or a course site's theme, even while it
 * renders in Node) can set these before any element loads. The settings are shared by every
 * copy of the library on the page: the CDN bundle, the per-element modules and a site's
 * rebundled copy read the same values.
 *
 * ```js
 * import { setAssetBase } from 'cnn-elements/config.js';
 * setAssetBase('https://example.org/cnn-assets/');
 * ```
 */
import type { BackendName } from './core/runtime/backend-name.js';
import { config } from './core/runtime/config-state.js';

export { setAssetBase, assetBase, assetUrl } from './core/runtime/assets.js';
export { setTrainingWorkerUrl } from './core/runtime/worker-url.js';
export { setWasmPaths } from './core/runtime/wasm-paths.js';
export type { BackendName } from './core/runtime/backend-name.js';

/**
 * The backend for elements that do not set `backend` themselves ('auto' by default: WebGPU,
 * then WebGL, then CPU). Takes effect if called before the first element starts computing:
 * tfjs has one backend per page.
 */
export function setBackendPreference(name: BackendName | 'auto'): void {
  config().backend = name;
}
