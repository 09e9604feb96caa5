/**
 * The page's settings for every copy of the library: `setAssetBase`, `setTrainingWorkerUrl`,
 * `setWasmPaths` and the backend preference. They live on `globalThis` under a registered
 * symbol, so that the config entry, the CDN bundle, the per-element modules and a site's own
 * rebundled copy all read the same values even when a page loads more than one of them.
 *
 * No tfjs and no DOM here: a course site may import this in Node while it builds.
 */
import type { BackendName } from './backend-name.js';

export interface CnnConfig {
  /** Where the `assets/` folder is served, as the author wrote it (resolved against the page when used). */
  assetBase?: string;
  /** The training worker's script; null turns the worker off. */
  trainingWorkerUrl?: string | null;
  /** Prefix (folder URL) of the tfjs WASM binaries, or each binary's URL by file name. */
  wasmPaths?: string | Record<string, string>;
  /** The backend used where an element does not set `backend` itself. */
  backend?: BackendName | 'auto';
}

const KEY = Symbol.for('cnn-elements.config');

/** The one shared settings object (created on first use). */
export function config(): CnnConfig {
  const holder = globalThis as typeof globalThis & { [KEY]?: CnnConfig };
  return (holder[KEY] ??= {});
}

/** Resolves a URL an author gave against the page; left as written where there is no page (Node). */
export function resolveAgainstPage(url: string): string {
  return typeof document === 'undefined' ? url : new URL(url, document.baseURI).href;
}
