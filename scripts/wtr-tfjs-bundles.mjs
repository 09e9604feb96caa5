// A web-test-runner plugin that serves TensorFlow.js as a few bundles, built once per run.
//
// Served as its packages ship it, tfjs is about a hundred modules per test file (and more
// as backends load), each fetched and evaluated on its own: a test page took about 10 s
// to start on a 2-core machine, a bundled one about 3 s, over the suite's 70-odd files.
// The bundles are split (esbuild `splitting`), so code that two entries share (tfjs-core's
// engine, registries and Tensor class) exists once, as one instance, as in a page's own build.
// Their paths keep `/@tensorflow/`, which the no-tfjs group's page refuses.
import { build } from 'esbuild';

/** Each import of tfjs in src/ and tests/, by the file it is served as. */
const ENTRIES = {
  'tfjs-core': '@tensorflow/tfjs-core',
  'tfjs-core-gradients': '@tensorflow/tfjs-core/dist/register_all_gradients.js',
  'tfjs-layers': '@tensorflow/tfjs-layers',
  'tfjs-converter': '@tensorflow/tfjs-converter',
  'tfjs-backend-cpu': '@tensorflow/tfjs-backend-cpu',
  'tfjs-backend-webgl': '@tensorflow/tfjs-backend-webgl',
  'tfjs-backend-webgpu': '@tensorflow/tfjs-backend-webgpu',
  'tfjs-backend-wasm': '@tensorflow/tfjs-backend-wasm',
};
const OUT_DIR = '.cache/wtr-tfjs/@tensorflow';

export async function tfjsBundles() {
  await build({
    entryPoints: ENTRIES,
    bundle: true,
    splitting: true,
    format: 'esm',
    outdir: OUT_DIR,
    platform: 'browser',
    target: 'es2022',
    // What the WASM backend's Emscripten loader requires only when it runs in Node.
    external: ['fs', 'path', 'os', 'crypto', 'worker_threads', 'perf_hooks', 'util', 'node-fetch'],
    logLevel: 'warning',
  });
  const served = Object.fromEntries(
    Object.entries(ENTRIES).map(([file, specifier]) => [specifier, `/${OUT_DIR}/${file}.js`]),
  );
  return {
    name: 'tfjs-bundles',
    resolveImport: ({ source }) => served[source],
  };
}
