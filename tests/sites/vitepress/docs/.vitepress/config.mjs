// The README's VitePress recipe: Vue's standard isCustomElement for the library's tags.
export default {
  title: 'CNN course',
  base: '/course/',
  vue: {
    template: {
      compilerOptions: {
        isCustomElement: (tag) =>
          ['conv-filter-playground', 'pooling-stepper', 'cnn-trainer', 'pretrained-classifier', 'filter-grid'].includes(tag),
      },
    },
  },
};
