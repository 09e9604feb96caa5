import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
/// <reference types="vite/client" />
import { storybookManifest } from './manifest.js';
// Defines all five elements (the same entry a page gets from the bundle).
import { setTrainingWorkerUrl } from '../src/index.js';
// Vite bundles the trainer's worker and gives its URL (the sources' own path is not served in a build).
import trainWorkerUrl from '../src/core/train-worker.ts?worker&url';

setTrainingWorkerUrl(trainWorkerUrl);

// Controls and docs come from the manifest that `npm run analyze` writes from the JSDoc.
setCustomElementsManifest(storybookManifest);

const preview: Preview = {
  tags: ['autodocs'],
  parameters: {
    controls: { expanded: true },
  },
};

export default preview;
