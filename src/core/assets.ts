/**
 * Where the shipped data (sample photos, the MNIST subset, the pretrained digit model) is
 * fetched from. The files live in the package's `assets/` folder, beside `src/` and `dist/`,
 * so the default is found from this module's own URL: `…/dist/…` or `…/src/…` becomes
 * `…/assets/`. That holds for the bundle on a CDN, the split element modules in
 * `dist/chunks/`, and the sources served by the test runner. Where the module was rebundled
 * by someone else's tool (Storybook, an app's Vite build), `assets/` beside the page is
 * used; a page can always say where the files are with `setAssetBase()`.
 */
let configured: string | undefined;

/** Tells every element where the package's `assets/` folder is served (absolute, or relative to the page). */
export function setAssetBase(url: string | URL): void {
  const text = String(url);
  configured = new URL(text.endsWith('/') ? text : `${text}/`, document.baseURI).href;
}

/** The base URL of the shipped assets. */
export function assetBase(): string {
  if (configured) return configured;
  const here = import.meta.url;
  const match = /^(.*)\/(?:dist|src)\/[^?#]*$/.exec(here);
  if (match) return `${match[1]}/assets/`;
  return new URL('assets/', document.baseURI).href;
}

/** The URL of one shipped file, e.g. `assetUrl('images/cat.jpg')`. */
export function assetUrl(path: string): string {
  return new URL(path, assetBase()).href;
}
