import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import cnnElements from 'cnn-elements/vite';

export default defineConfig({
  base: '/course',
  integrations: [starlight({ title: 'Course', components: { Head: './src/components/Head.astro' } })],
  vite: { plugins: [cnnElements()] },
});
