// The config entry's settings reach every copy of the library on a page: the CDN build of
// config.js (dist/config.js) and the bundler build (dist/esm/) are separate module copies,
// yet a setting made through one is read by the other (the settings live on globalThis).
//
//   npm run build && node --test tests/node/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ROOT } from '../../scripts/pack.mjs';

test('setAssetBase, setTrainingWorkerUrl and setBackendPreference are shared by the CDN and bundler builds', async () => {
  const cdn = await import(`${ROOT}dist/config.js`);
  const esm = await import(`${ROOT}dist/esm/config.js`);
  const worker = await import(`${ROOT}dist/esm/core/runtime/worker-url.js`);
  const state = await import(`${ROOT}dist/esm/core/runtime/config-state.js`);
  assert.notEqual(cdn.setAssetBase, esm.setAssetBase, 'two copies of the module');

  cdn.setAssetBase('https://cdn.example/cnn/assets');
  assert.equal(esm.assetUrl('images/cat.jpg'), 'https://cdn.example/cnn/assets/images/cat.jpg');
  esm.setAssetBase('https://other.example/a/');
  assert.equal(cdn.assetUrl('mnist/mnist-10k.bin.gz'), 'https://other.example/a/mnist/mnist-10k.bin.gz');

  cdn.setTrainingWorkerUrl('https://cdn.example/cnn/dist/train-worker.js');
  assert.equal(worker.trainingWorkerUrl(), 'https://cdn.example/cnn/dist/train-worker.js');
  cdn.setTrainingWorkerUrl(null);
  assert.equal(worker.trainingWorkerUrl(), '', 'null turns the worker off');

  cdn.setBackendPreference('wasm');
  cdn.setWasmPaths('https://cdn.example/wasm/');
  assert.deepEqual(
    { ...state.config() },
    {
      assetBase: 'https://other.example/a/',
      trainingWorkerUrl: null,
      backend: 'wasm',
      wasmPaths: 'https://cdn.example/wasm/',
    },
  );
});

test('without settings, the bundler build names each shipped file relative to itself', async () => {
  const { shippedAssetUrl } = await import(`${ROOT}dist/esm/core/runtime/shipped-files.js`);
  const { SAMPLE_IMAGES } = await import(`${ROOT}dist/esm/core/images/samples.js`);
  for (const path of [
    ...Object.values(SAMPLE_IMAGES).map((s) => s.file),
    'models/digits/model.json',
    'models/digits/weights.bin',
    'mnist/mnist-10k.bin.gz',
    'imagenet/classes.json',
  ]) {
    assert.equal(
      shippedAssetUrl(path),
      new URL(`assets/${path}`, `file://${ROOT}`).href,
      `${path} must be one of the literal new URL() references`,
    );
  }
});
