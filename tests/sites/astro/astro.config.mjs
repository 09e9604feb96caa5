import { defineConfig } from 'astro/config';
import cnnElements from 'cnn-elements/vite';

// The page's <script> imports cnn-elements (see src/pages/index.astro); the library's plugin
// is for the dev server (`astro dev`) only.
export default defineConfig({ base: '/course', telemetry: false, vite: { plugins: [cnnElements()] } });
