// cnn-elements/vite: the dev-server plugin, as built, names every dependency of the library (so that a
// site's dev server pre-bundles them while it leaves the library itself alone). Its effect in
// a real dev server is checked by `npm run test:sites` (VitePress and Astro, `dev`).
//
//   npm run build && node --test tests/node/vite-plugin.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));

test("the plugin pre-bundles exactly the library's dependencies, and not the library", async () => {
  const { default: cnnElements, LIBRARY_DEPENDENCIES } = await import('cnn-elements/vite');
  assert.deepEqual([...LIBRARY_DEPENDENCIES].sort(), Object.keys(pkg.dependencies).sort());
  const { optimizeDeps } = cnnElements().config();
  assert.deepEqual(optimizeDeps.exclude, ['cnn-elements']);
  assert.deepEqual(
    optimizeDeps.include,
    LIBRARY_DEPENDENCIES.map((d) => `cnn-elements > ${d}`),
  );
});
