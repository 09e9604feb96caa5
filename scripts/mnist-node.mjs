// Node access to src/core/mnist.ts for the scripts: esbuild bundles that one TypeScript file
// (with its small helpers; npm packages stay external) into node_modules/.cache, so the
// training script runs the very split and decoder the elements use, not a copy of them.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const outfile = 'node_modules/.cache/cnn-elements/mnist.mjs';

/** Imports src/core/mnist.ts, freshly bundled. */
export async function importMnistCore() {
  await build({
    entryPoints: ['src/core/mnist.ts'],
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'warning',
  });
  return import(`${pathToFileURL(outfile).href}?t=${Date.now()}`);
}

/** The shipped asset, decoded by the same code as in the browser. */
export async function readMnistAsset(path = 'assets/mnist/mnist-10k.bin.gz') {
  const core = await importMnistCore();
  const data = core.decodeMnist(new Uint8Array(gunzipSync(readFileSync(path))), path);
  return { core, data };
}
