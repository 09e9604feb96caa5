// The five elements' tags, for the tests that go over every element (no tfjs here: the
// first-load test runs with TensorFlow.js blocked).
export const TAGS = [
  'conv-filter-playground',
  'pooling-stepper',
  'cnn-trainer',
  'pretrained-classifier',
  'filter-grid',
] as const;
