// The five elements' tags, in the order the article and the docs present them: one list for
// every script that opens pages and waits for the elements, and for the browser tests that go over them all.
export const TAGS = [
  'conv-filter-playground',
  'pooling-stepper',
  'cnn-trainer',
  'pretrained-classifier',
  'filter-grid',
];
