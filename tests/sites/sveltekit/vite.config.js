import { sveltekit } from '@sveltejs/kit/vite';
import cnnElements from 'cnn-elements/vite';

// cnnElements() is for the dev server (`vite dev`): see the README's Dev servers.
export default { plugins: [sveltekit(), cnnElements()] };
