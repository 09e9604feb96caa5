/**
 * The unbundled build's version of `shipped-files.ts` (scripts/build.mjs compiles it to
 * `dist/esm/core/runtime/shipped-files.js`). Every shipped file is named in a literal
 * `new URL('…', import.meta.url)`, and the worker in the literal
 * `new Worker(new URL('…', import.meta.url), { type: 'module' })`: the patterns Vite,
 * Rollup, webpack 5 and esbuild recognise, so that a course site that rebundles the library
 * copies the files into its own build with hashed names. `import.meta.url` never appears
 * alone, because webpack replaces it with the build machine's file:// path.
 *
 * The relative paths are written for `dist/esm/core/runtime/`: four folders up is the package root.
 *
 * Every URL is handed out absolute, resolved against the page: Turbopack (Next.js) makes
 * these `new URL`s objects whose `href` is a path (`/_next/static/media/model.…json`), and
 * the library compares URLs (the digit model's weights are found by its model.json's URL)
 * and hands them to a worker, where a path would mean the worker's folder.
 */
import { resolveAgainstPage } from './config-state.js';

/** The URL of a file of `assets/`, e.g. `images/cat.jpg`. */
export function shippedAssetUrl(path: string): string {
  const url = bundled(path);
  if (url) return resolveAgainstPage(url.href);
  // A file the library does not reference itself: only `setAssetBase` can say where it is.
  return typeof document === 'undefined'
    ? `assets/${path}`
    : new URL(`assets/${path}`, document.baseURI).href;
}

function bundled(path: string): URL | undefined {
  switch (path) {
    case 'images/cat.jpg':
      return new URL('../../../../assets/images/cat.jpg', import.meta.url);
    case 'images/coffee.jpg':
      return new URL('../../../../assets/images/coffee.jpg', import.meta.url);
    case 'images/astronaut.jpg':
      return new URL('../../../../assets/images/astronaut.jpg', import.meta.url);
    case 'images/rocket.jpg':
      return new URL('../../../../assets/images/rocket.jpg', import.meta.url);
    case 'images/camera.jpg':
      return new URL('../../../../assets/images/camera.jpg', import.meta.url);
    case 'images/brick.jpg':
      return new URL('../../../../assets/images/brick.jpg', import.meta.url);
    case 'images/coins.jpg':
      return new URL('../../../../assets/images/coins.jpg', import.meta.url);
    case 'images/horse.png':
      return new URL('../../../../assets/images/horse.png', import.meta.url);
    case 'models/digits/model.json':
      return new URL('../../../../assets/models/digits/model.json', import.meta.url);
    case 'models/digits/weights.bin':
      return new URL('../../../../assets/models/digits/weights.bin', import.meta.url);
    case 'mnist/mnist-10k.bin.gz':
      return new URL('../../../../assets/mnist/mnist-10k.bin.gz', import.meta.url);
    case 'imagenet/classes.json':
      return new URL('../../../../assets/imagenet/classes.json', import.meta.url);
  }
  return undefined;
}

/** Shown where the worker's URL is asked for: the site's bundler gave it a hashed name. */
export function shippedWorkerUrl(): string {
  return 'train-worker.js (bundled by the site)';
}

/**
 * Starts the training worker, which the site's bundler copies from the literal below. It is
 * the self-contained `dist/train-worker.js` (tfjs inside, no imports, no dynamic imports): a
 * worker cannot share the page's tfjs anyway, and Vite builds workers as one IIFE file,
 * which a worker with dynamic imports would break.
 */
export function startShippedWorker(): Worker {
  return new Worker(new URL('../../../train-worker.js', import.meta.url), { type: 'module' });
}

/** The tfjs WASM binaries, each by name, so that bundlers copy them too. */
export function shippedWasmPaths(): string | Record<string, string> | undefined {
  const paths = {
    'tfjs-backend-wasm.wasm': new URL('../../../wasm/tfjs-backend-wasm.wasm', import.meta.url),
    'tfjs-backend-wasm-simd.wasm': new URL('../../../wasm/tfjs-backend-wasm-simd.wasm', import.meta.url),
    'tfjs-backend-wasm-threaded-simd.wasm': new URL(
      '../../../wasm/tfjs-backend-wasm-threaded-simd.wasm',
      import.meta.url,
    ),
  };
  return Object.fromEntries(Object.entries(paths).map(([name, url]) => [name, resolveAgainstPage(url.href)]));
}
