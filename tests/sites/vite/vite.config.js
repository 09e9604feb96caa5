import cnnElements from 'cnn-elements/vite';

// Served under /course/, as the other test sites are; the plugin is for `vite` (the dev server).
export default {
  base: '/course/',
  plugins: [cnnElements()],
};
