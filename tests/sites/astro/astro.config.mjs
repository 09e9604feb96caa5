import { defineConfig } from 'astro/config';

// Nothing for cnn-elements here: the page's <script> imports it (see src/pages/index.astro).
export default defineConfig({ base: '/course', telemetry: false });
