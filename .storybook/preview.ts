import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
/// <reference types="vite/client" />
import { storybookManifest } from './manifest.js';
// Defines all five elements (the same entry a page gets from the bundle).
import { setTrainingWorkerUrl, setWasmPaths } from '../src/index.js';
// Vite bundles the trainer's worker and gives its URL (the sources' own path is not served in a build).
import trainWorkerUrl from '../src/core/training/worker-script.tf.ts?worker&url';
// Likewise the wasm backend's binaries, which the automatic choice picks on a machine without a GPU.
import wasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

setTrainingWorkerUrl(trainWorkerUrl);
setWasmPaths({
  'tfjs-backend-wasm.wasm': wasm,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd,
});

// Controls and docs come from the manifest that `npm run analyze` writes from the JSDoc.
setCustomElementsManifest(storybookManifest);

const preview: Preview = {
  tags: ['autodocs'],
  parameters: {
    controls: { expanded: true },
  },
};

export default preview;
