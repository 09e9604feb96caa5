/** Where the tfjs WASM backend finds its .wasm files. No tfjs here (see config-state.ts). */
import { config } from './config-state.js';
import { shippedWasmPaths } from './shipped-files.js';

/**
 * Where the WASM backend finds its .wasm files: a folder URL, or each file's URL by name
 * (`{ 'tfjs-backend-wasm-simd.wasm': url, … }`, as a bundler's `?url` imports give them).
 * Only needed where the shipped binaries are not found on their own.
 */
export function setWasmPaths(prefix: string | Record<string, string>): void {
  config().wasmPaths = prefix;
}

/** The page's choice, else the binaries shipped with the library. */
export function wasmPaths(): string | Record<string, string> | undefined {
  return config().wasmPaths ?? shippedWasmPaths();
}
