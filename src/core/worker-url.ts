/**
 * Where the trainer's Web Worker script is served. No tfjs here, so that a page can set it
 * before any element loads TensorFlow.js.
 */
import { assetBase } from './assets.js';

let configuredUrl: string | undefined;

/**
 * Tells `<cnn-trainer>` where its worker script (`dist/train-worker.js`) is served, for pages
 * that rebundle the library; by default it is found from the library's own URL, beside its
 * modules. `null` turns the worker off: training on the CPU backend then runs on the page.
 */
export function setTrainingWorkerUrl(url: string | URL | null): void {
  configuredUrl = url === null ? '' : new URL(String(url), document.baseURI).href;
}

/** The URL of the worker script, or '' when it was turned off. */
export function trainingWorkerUrl(): string {
  if (configuredUrl !== undefined) return configuredUrl;
  const match = /^(.*)\/(dist|src)\/[^?#]*$/.exec(import.meta.url);
  // Served from the sources (the test runner, a Vite dev server): the server compiles TypeScript.
  if (match?.[2] === 'src') return `${match[1]}/src/core/train-worker.ts`;
  if (match) return `${match[1]}/dist/train-worker.js`;
  // Rebundled: assume the package's folders beside the page, as for the assets.
  return new URL('../dist/train-worker.js', assetBase()).href;
}
