/**
 * Where the package's own files are, for the sources (the test runner, a dev server) and
 * for the self-contained CDN build in `dist/`. The unbundled build for bundlers replaces this
 * module with `shipped-files.bundler.ts`, whose literal `new URL('…', import.meta.url)`
 * references Vite, Rollup, webpack and esbuild copy into a site's build.
 *
 * Here the files are found from this module's own URL: `…/dist/…` (the bundle, the split
 * element modules in `dist/chunks/`) or `…/src/…` (the sources) sits beside `…/assets/`.
 * Nothing is read at import time.
 */
import { spawnWorkerFrom } from './spawn-worker.js';

/** The package root (ending in '/'), and whether the code runs from the sources. */
function packageRoot(): { root: string; fromSources: boolean } | undefined {
  const match = /^(.*\/)(dist|src)\/[^?#]*$/.exec(import.meta.url);
  return match ? { root: match[1], fromSources: match[2] === 'src' } : undefined;
}

/** The URL of a file of `assets/`, e.g. `images/cat.jpg`. */
export function shippedAssetUrl(path: string): string {
  const found = packageRoot();
  // Rebundled by a tool that kept no trace of the package: assume `assets/` beside the page.
  if (found) return new URL(path, `${found.root}assets/`).href;
  return typeof document === 'undefined'
    ? `assets/${path}`
    : new URL(`assets/${path}`, document.baseURI).href;
}

/** The training worker's script URL. */
export function shippedWorkerUrl(): string {
  const found = packageRoot();
  // From the sources the server compiles TypeScript (the test runner, a Vite dev server).
  if (found?.fromSources) return `${found.root}src/core/training/worker-script.tf.ts`;
  if (found) return `${found.root}dist/train-worker.js`;
  return new URL('../dist/train-worker.js', shippedAssetUrl('x')).href;
}

/** Starts the shipped training worker. */
export function startShippedWorker(): Worker {
  return spawnWorkerFrom(shippedWorkerUrl());
}

/**
 * The tfjs WASM binaries, as `setWasmPaths` takes them: `dist/wasm/` (copied there by the
 * build), or from the sources tfjs-backend-wasm's own folder (served by the dev server).
 */
export function shippedWasmPaths(): string | Record<string, string> | undefined {
  const found = packageRoot();
  if (!found) return undefined;
  return found.fromSources
    ? `${found.root}node_modules/@tensorflow/tfjs-backend-wasm/dist/`
    : `${found.root}dist/wasm/`;
}
