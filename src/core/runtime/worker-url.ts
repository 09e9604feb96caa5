/**
 * Where the trainer's Web Worker comes from. No tfjs here, so that a page can set it before
 * any element loads TensorFlow.js (`cnn-elements/config.js` re-exports the setter).
 */
import { config, resolveAgainstPage } from './config-state.js';
import { shippedWorkerUrl, startShippedWorker } from './shipped-files.js';
import { spawnWorkerFrom } from './spawn-worker.js';

/**
 * Tells `<cnn-trainer>` where its worker script (`dist/train-worker.js`) is served. By
 * default the worker is the one shipped with the library (beside the CDN bundle, or built
 * by the site's bundler). `null` turns the worker off: training then runs on the page.
 */
export function setTrainingWorkerUrl(url: string | URL | null): void {
  config().trainingWorkerUrl = url === null ? null : String(url);
}

/** The URL of the worker script (or a description of the bundled one), or '' when it was turned off. */
export function trainingWorkerUrl(): string {
  const set = config().trainingWorkerUrl;
  if (set === null) return '';
  return set === undefined ? shippedWorkerUrl() : resolveAgainstPage(set);
}

/** Starts the worker: the page's choice, or the shipped one. */
export function startTrainingWorker(): Worker {
  const set = config().trainingWorkerUrl;
  return set ? spawnWorkerFrom(resolveAgainstPage(set)) : startShippedWorker();
}
