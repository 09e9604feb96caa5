/**
 * Where the shipped data (sample photos, the MNIST subset, the pretrained digit model, the
 * ImageNet classes) is fetched from. By default each file is found where the library's
 * build put it (`shipped-files.ts`): beside the CDN bundle, or copied with a hashed name
 * by the site's bundler. A page that hosts `assets/` elsewhere says so with `setAssetBase()`
 * (from `cnn-elements/config.js`, which every copy of the library on the page honours).
 */
import { config, resolveAgainstPage } from './config-state.js';
import { shippedAssetUrl } from './shipped-files.js';

/** Tells every element where the package's `assets/` folder is served (absolute, or relative to the page). */
export function setAssetBase(url: string | URL): void {
  const text = String(url);
  config().assetBase = text.endsWith('/') ? text : `${text}/`;
}

/**
 * The base URL set with `setAssetBase`, else the shipped `assets/` folder (for a rebundled
 * library, where files it does not reference itself would be looked up).
 */
export function assetBase(): string {
  const set = config().assetBase;
  return set ? resolveAgainstPage(set) : shippedAssetUrl('');
}

/** The URL of one shipped file, e.g. `assetUrl('images/cat.jpg')`. */
export function assetUrl(path: string): string {
  const set = config().assetBase;
  return set ? new URL(path, resolveAgainstPage(set)).href : shippedAssetUrl(path);
}

/**
 * The URL of a file that a shipped file refers to relatively (the weights beside the digit
 * model's model.json): a bundler gave each a name of its own, so `new URL(path, of)` would miss.
 */
export function siblingUrl(path: string, of: string): string {
  const shipped = 'models/digits/';
  if (!config().assetBase && of === shippedAssetUrl(`${shipped}model.json`))
    return shippedAssetUrl(shipped + path);
  return new URL(path, of).href;
}
