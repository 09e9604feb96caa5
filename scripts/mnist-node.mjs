// Node access to src/core/training/mnist.tf.ts for the scripts: esbuild bundles that TypeScript file
// (with its small helpers; npm packages stay external) into node_modules/.cache, so the
// training script runs the very split and decoder the elements use, not a copy of them.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const cache = 'node_modules/.cache/cnn-elements';

/** Imports one TypeScript module of src/core, freshly bundled (e.g. 'src/core/training/mnist.tf.ts'). */
export async function importCoreModule(entry) {
  const outfile = `${cache}/${basename(entry, '.ts')}.mjs`;
  await build({
    entryPoints: [entry],
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
  const core = await importCoreModule('src/core/training/mnist.tf.ts');
  const data = core.decodeMnist(new Uint8Array(gunzipSync(readFileSync(path))), path);
  return { core, data };
}
