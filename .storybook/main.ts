import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/web-components-vite';
import { mergeConfig } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const assets = join(root, 'assets');

const config: StorybookConfig = {
  framework: '@storybook/web-components-vite',
  stories: ['../stories/**/*.stories.ts'],
  // Docs pages (`tags: ['autodocs']` in preview.ts) built from custom-elements.json.
  addons: ['@storybook/addon-docs'],
  // Shipped data (MNIST subset, weights, sample images) at the URL the elements fetch it from.
  staticDirs: existsSync(assets) ? [{ from: '../assets', to: '/assets' }] : [],
  core: {
    // The machine has no network beyond the npm registry, and nobody needs the pings.
    disableTelemetry: true,
    disableWhatsNewNotifications: true,
  },
  // TypeScript (lit's legacy decorators included) is compiled by Vite with the
  // options of tsconfig.json (experimentalDecorators, useDefineForClassFields: false).
  viteFinal: (vite) =>
    mergeConfig(vite, {
      optimizeDeps: {
        // In `storybook dev`, Storybook's renderer imports lit/directive-helpers.js
        // from its own unbundled files, so the optimizer would miss it and serve a
        // second copy of lit-html beside the pre-bundled one ("Multiple versions of
        // Lit loaded"). Pre-bundling these together keeps one copy. tfjs's CommonJS
        // dependencies (long, seedrandom) are found and converted by the optimizer.
        include: [
          'lit',
          'lit/decorators.js',
          'lit/directive-helpers.js',
          'lit/directives/class-map.js',
          'lit/directives/style-map.js',
        ],
      },
    }),
};

export default config;
