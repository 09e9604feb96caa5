// cnn-elements/vite: the dev-server plugin, as built, names every dependency of the library (so that a
// site's dev server pre-bundles them while it leaves the library itself alone). Its effect in
// a real dev server is checked by `npm run test:sites` (VitePress, Astro and SvelteKit on Vite 8, `dev`).
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

test('the esbuild plugin goes to Vite 5 to 7 only: Vite 8 pre-bundles with Rolldown, and warns of it', async () => {
  const { default: cnnElements } = await import('cnn-elements/vite');
  const older = cnnElements().config.call({ meta: { rollupVersion: '4.40.0' } }).optimizeDeps;
  assert.equal(older.esbuildOptions?.plugins?.[0]?.name, 'cnn-elements:tfjs-node-only');
  const rolldown = cnnElements().config.call({ meta: { rolldownVersion: '1.3.2' } }).optimizeDeps;
  assert.equal(rolldown.esbuildOptions, undefined);
  assert.deepEqual(rolldown.exclude, ['cnn-elements']);
});
