/**
 * The training worker bundle's version of `shipped-files.ts` (scripts/build.mjs swaps it in for
 * `dist/train-worker.js`). The worker never looks for the package's files itself: the page
 * sends it the data and the WASM binaries' URLs. And `import.meta.url` must not appear in the
 * worker at all: a site's bundler (webpack, in Docusaurus) that rebundles the worker would
 * replace it with the build machine's file:// path.
 */

export function shippedAssetUrl(path: string): string {
  return `assets/${path}`;
}

export function shippedWorkerUrl(): string {
  return 'train-worker.js';
}

export function startShippedWorker(): Worker {
  throw new Error('the training worker does not start workers');
}

export function shippedWasmPaths(): undefined {
  return undefined;
}
