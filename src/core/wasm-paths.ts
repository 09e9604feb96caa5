/** Where the tfjs WASM backend finds its .wasm files. No tfjs here (see config-state.ts). */
import { config } from './config-state.js';
import { shippedWasmPaths } from './shipped-files.js';

/** Where the WASM backend finds its .wasm files: a folder URL (only needed when `wasm` is used and the binaries are hosted elsewhere). */
export function setWasmPaths(prefix: string): void {
  config().wasmPaths = prefix;
}

/** The page's choice, else the binaries shipped with the library. */
export function wasmPaths(): string | Record<string, string> | undefined {
  return config().wasmPaths ?? shippedWasmPaths();
}
