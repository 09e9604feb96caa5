/** Where the tfjs WASM backend finds its .wasm files. No tfjs here (see config-state.ts). */
import { config, resolveAgainstPage } from './config-state.js';
import { shippedWasmPaths } from './shipped-files.js';

/** A folder URL, or each binary's URL by file name. */
export type WasmPaths = string | Record<string, string>;

/**
 * Where the WASM backend finds its .wasm files: a folder URL, or each file's URL by name
 * (`{ 'tfjs-backend-wasm-simd.wasm': url, … }`, as a bundler's `?url` imports give them).
 * Only needed where the shipped binaries are not found on their own.
 */
export function setWasmPaths(prefix: WasmPaths): void {
  config().wasmPaths = prefix;
}

/** The page's choice, else the binaries shipped with the library. */
export function wasmPaths(): WasmPaths | undefined {
  return config().wasmPaths ?? shippedWasmPaths();
}

/**
 * The same paths as absolute URLs, for the training worker: a relative folder an author gave
 * means the page's folder, not the worker script's.
 */
export function absoluteWasmPaths(): WasmPaths | undefined {
  const paths = wasmPaths();
  if (typeof paths === 'string') return resolveAgainstPage(paths);
  return (
    paths && Object.fromEntries(Object.entries(paths).map(([name, url]) => [name, resolveAgainstPage(url)]))
  );
}
