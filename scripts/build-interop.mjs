// Builds the framework interop pages of tests/interop/ with Vite, the way a React or
// Vue app that uses the library would be built, into .cache/interop/{react,vue}/.
// scripts/test-interop.mjs then opens them in headless Chromium.
//
//   node scripts/build-interop.mjs        (npm run test:interop runs both)
import { build } from 'vite';
import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';
// Our tags: Vue's template compiler must treat them as custom elements, not components.
import { TAGS } from './tags.mjs';

export const OUT_DIR = fileURLToPath(new URL('../.cache/interop/', import.meta.url));
const APPS_DIR = fileURLToPath(new URL('../tests/interop/', import.meta.url));

/** Each app's own Vite options; React's JSX needs no plugin (Vite's transform compiles it). */
const APPS = {
  react: { oxc: { jsx: { runtime: 'automatic' } } },
  vue: {
    plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => TAGS.includes(tag) } } })],
  },
};

/** Builds one app (or all); resolves with the names built. */
export async function buildInterop(names = Object.keys(APPS)) {
  for (const name of names) {
    await build({
      configFile: false,
      root: `${APPS_DIR}${name}`,
      // Relative URLs, so the page works wherever it is served from.
      base: './',
      logLevel: 'warn',
      build: {
        outDir: `${OUT_DIR}${name}`,
        emptyOutDir: true,
        reportCompressedSize: false,
        // tfjs makes one big chunk; its size is measured in bench/, not warned about here.
        chunkSizeWarningLimit: 5000,
      },
      ...APPS[name],
    });
  }
  return names;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const names = await buildInterop(process.argv.slice(2).length ? process.argv.slice(2) : undefined);
  console.log(
    `Built the interop pages (${names.join(', ')}) into .cache/interop/ in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  );
}
