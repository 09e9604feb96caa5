/**
 * Makes the tfjs WASM backend ready to register, on the page or in the training worker:
 * imports its module, tells it where its `.wasm` binaries are served, and adds the
 * gradient kernels it lacks (`wasm-training-kernels.ts`) so that it can train.
 *
 * The binaries are found like the library's other shipped files, from this module's own
 * URL: served from the sources (the test runner, a dev server) they are tfjs' own files in
 * `node_modules`; from `dist/` they are the copies the build puts in `dist/wasm/`; rebundled
 * elsewhere, `dist/wasm/` beside the assets folder. `setWasmPaths()` overrides all of that.
 */
import { assetBase } from './assets.js';
import { registerWasmTrainingKernels } from './wasm-training-kernels.js';

let configured: string | undefined;

/** Where the WASM backend finds its `.wasm` files (a folder URL); overrides the default. */
export function setWasmPaths(prefix: string | URL): void {
  const text = String(prefix);
  configured = text.endsWith('/') ? text : `${text}/`;
}

/** The folder the `.wasm` binaries are fetched from. */
export function wasmBinariesBase(): string {
  if (configured) return new URL(configured, globalThis.location?.href).href;
  const match = /^(.*)\/(dist|src)\/[^?#]*$/.exec(import.meta.url);
  if (match?.[2] === 'src') return `${match[1]}/node_modules/@tensorflow/tfjs-backend-wasm/dist/`;
  if (match) return `${match[1]}/dist/wasm/`;
  // Rebundled: beside the assets folder on a page; a worker has no document to ask.
  if (typeof document === 'undefined') return new URL('./wasm/', import.meta.url).href;
  return new URL('../dist/wasm/', assetBase()).href;
}

/**
 * Imports and configures the WASM backend (once); resolves with a reason when it cannot
 * exist here (no WebAssembly, or a page whose CSP forbids compiling it), else undefined.
 */
export async function prepareWasm(): Promise<string | undefined> {
  if (typeof WebAssembly !== 'object') return 'this browser has no WebAssembly';
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  wasm.setWasmPaths(wasmBinariesBase());
  registerWasmTrainingKernels();
  return undefined;
}

/** True where the page may run the multi-threaded WASM build (SharedArrayBuffer needs isolation). */
export function wasmThreadsPossible(): boolean {
  return Boolean((globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated) && typeof SharedArrayBuffer === 'function';
}
