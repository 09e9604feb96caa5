import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
import { storybookManifest } from './manifest.js';
// Defines all five elements (the same entry a page gets from the bundle).
import '../src/index.js';

// Controls and docs come from the manifest that `npm run analyze` writes from the JSDoc.
setCustomElementsManifest(storybookManifest);

const preview: Preview = {
  tags: ['autodocs'],
  parameters: {
    controls: { expanded: true },
  },
};

export default preview;
