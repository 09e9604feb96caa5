/**
 * dist/anywidget.js: the anywidget module (see widget.ts), built on its own with nothing to
 * import, and with the package's version written in, so that a copy of this one file loads
 * the library of the same version from the CDN.
 */
import { createWidget } from './widget.js';

/** Written by the build (scripts/build.mjs). */
declare const __CNN_ELEMENTS_VERSION__: string;

export default createWidget(
  import.meta.url,
  `https://unpkg.com/cnn-elements@${__CNN_ELEMENTS_VERSION__}/dist/cnn-elements.js`,
);
