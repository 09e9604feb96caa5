// The README's VitePress recipe: Vue's standard isCustomElement for the library's tags, and
// the library's plugin for the dev server (`vitepress dev`).
import cnnElements from 'cnn-elements/vite';

export default {
  title: 'CNN course',
  base: '/course/',
  vite: { plugins: [cnnElements()] },
  vue: {
    template: {
      compilerOptions: {
        isCustomElement: (tag) =>
          ['conv-filter-playground', 'pooling-stepper', 'cnn-trainer', 'pretrained-classifier', 'filter-grid'].includes(tag),
      },
    },
  },
};
