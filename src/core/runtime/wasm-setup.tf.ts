/**
 * Makes the tfjs WASM backend ready to register, on the page or in the training worker:
 * imports its module, tells it where its `.wasm` binaries are served, and adds the
 * gradient kernels it lacks (`wasm-training-kernels.ts`) so that it can train.
 *
 * The binaries are found like the library's other shipped files, from this module's own
 * URL: served from the sources (the test runner, a dev server) they are tfjs' own files in
 * `node_modules`; from `dist/` they are the copies the build puts in `dist/wasm/`; rebundled
 * elsewhere, the bundler build names each binary (`shipped-files.bundler.ts`). `setWasmPaths()` overrides all of that.
 */
import { serverProblem, wasmPolicyProblem } from './hosting-problems.js';
import { wasmPaths } from './wasm-paths.js';
import { registerWasmTrainingKernels } from '../training/wasm-training-kernels.tf.js';

/** Where the `.wasm` binaries are fetched from, for messages. */
function wasmBinariesBase(): string {
  const paths = wasmPaths();
  return typeof paths === 'string'
    ? paths
    : (Object.values(paths ?? {})[0] ?? "tfjs-backend-wasm's own folder");
}

/**
 * Imports and configures the WASM backend (once); resolves with a reason when it cannot
 * exist here (no WebAssembly, or a page whose CSP forbids compiling it), else undefined.
 */
export async function prepareWasm(): Promise<string | undefined> {
  if (typeof WebAssembly !== 'object') return 'this browser has no WebAssembly';
  const policy = await wasmPolicyProblem();
  if (policy) return policy;
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  const paths = wasmPaths();
  if (paths) wasm.setWasmPaths(paths);
  registerWasmTrainingKernels();
  return undefined;
}

/** True where the page may run the multi-threaded WASM build (SharedArrayBuffer needs isolation). */
export function wasmThreadsPossible(): boolean {
  return (
    Boolean((globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated) &&
    typeof SharedArrayBuffer === 'function'
  );
}

/** The binary most browsers load (SIMD, one thread): where it is looked for. */
function simdBinaryUrl(): string | undefined {
  const paths = wasmPaths();
  const name = 'tfjs-backend-wasm-simd.wasm';
  if (typeof paths === 'string')
    return new URL(`${paths}${paths.endsWith('/') ? '' : '/'}${name}`, location.href).href;
  return paths?.[name];
}

/** Why the WASM backend failed to start after its module loaded: the binary's URL and what its server answered. */
export async function wasmStartProblem(): Promise<string> {
  const url = simdBinaryUrl();
  const problem = url ? await serverProblem(url) : undefined;
  if (problem)
    return `its binary could not be loaded: ${problem}. Serve the library's dist/wasm/ files there, or call setWasmPaths() with where they are`;
  return `its binary could not be loaded or compiled from ${wasmBinariesBase()}`;
}
