import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { elementDefaults, OWN_PAGE_IN_DOCS } from '../.storybook/element-stories.js';
import { fillSymbols } from './linked-stories.js';

const meta = {
  title: 'Elements/cnn-trainer',
  component: 'cnn-trainer',
  ...elementDefaults('cnn-trainer'),
} satisfies Meta;

export default meta;
type Story = StoryObj;

/** As an author drops it in a page: the course's basic CNN, 2,000 training digits, 5 epochs. Press Train. */
export const Default: Story = {};

/** Forced onto the CPU backend, the one that works everywhere. */
export const BackendCpu: Story = {
  name: 'Backend: cpu',
  args: { backend: 'cpu' },
  parameters: OWN_PAGE_IN_DOCS,
};

/** The course's first CNN: Conv 32 → MaxPool → Dense 100 → Dense 10, SGD with momentum. */
export const Basic: Story = {
  args: { preset: 'basic' },
};

/** Two convolution and pooling pairs, Adam. */
export const TwoConv: Story = {
  name: 'Two conv',
  args: { preset: 'two-conv' },
};

/** Two pairs and a lone convolution, Adam, batch 64, 10% of the digits held out for validation. */
export const ThreeConv: Story = {
  name: 'Three conv',
  args: { preset: 'three-conv' },
};

/** No convolution at all: the dense baseline. */
export const DenseOnly: Story = {
  name: 'Dense only',
  args: { preset: 'dense-only' },
};

/** Your own stack as JSON: "same" padding keeps the map's size through the first convolution. */
export const CustomLayers: Story = {
  name: 'Custom layers',
  args: {
    layers: JSON.stringify([
      {
        type: 'conv2d',
        filters: 8,
        kernelSize: 5,
        padding: 'same',
        activation: 'relu',
        kernelInitializer: 'heUniform',
      },
      { type: 'maxPooling2d', poolSize: 2 },
      { type: 'batchNormalization' },
      { type: 'conv2d', filters: 16, kernelSize: 3, activation: 'relu', kernelInitializer: 'heUniform' },
      { type: 'averagePooling2d', poolSize: 2 },
      { type: 'flatten' },
      { type: 'dropout', rate: 0.25 },
      { type: 'dense', units: 10, activation: 'softmax' },
    ]),
    optimizer: 'adam',
    'learning-rate': 0.003,
  },
};

/** Shifted, rotated and zoomed training digits, as Keras' ImageDataGenerator makes them; the strip shows eight. */
export const Augmentation: Story = {
  args: { augment: true, 'train-size': 1000 },
};

/** Four valid convolution and pooling pairs shrink 28×28 to nothing: the message names the layer and the fixes. */
export const ErrorImpossibleStack: Story = {
  name: 'Error: impossible stack',
  args: {
    layers: JSON.stringify([
      ...Array.from({ length: 4 }, () => [
        { type: 'conv2d', filters: 8, kernelSize: 3, activation: 'relu' },
        { type: 'maxPooling2d', poolSize: 2 },
      ]).flat(),
      { type: 'flatten' },
      { type: 'dense', units: 10, activation: 'softmax' },
    ]),
  },
};

/** A preset that does not exist. */
export const ErrorUnknownPreset: Story = {
  name: 'Error: unknown preset',
  args: { preset: 'vgg16' },
};

/** Malformed layers JSON. */
export const ErrorMalformedLayers: Story = {
  name: 'Error: malformed layers',
  args: { layers: '[{"type": "conv2d", "filters": 8,' },
};

/** Your own classes, filled from drawings (✓, ✗, ○): the dense baseline learns them in a few seconds. Draw more on the pad and add them. */
export const CustomClassesFromDrawings: Story = {
  name: 'Custom classes from drawings',
  args: { dataset: 'custom', classes: '["tick","cross","circle"]', preset: 'dense-only', epochs: 20 },
  play: fillSymbols,
};

/** Transfer learning: the shipped digit CNN's convolutions, frozen, under a new head for ✓, ✗ and ○. */
export const TransferFromDigitBase: Story = {
  name: 'Transfer from the digit base',
  args: { dataset: 'custom', classes: '["tick","cross","circle"]', base: 'digits', epochs: 15 },
  play: fillSymbols,
};

/**
 * Transfer from a model given by URL, cut at its last feature map, its last convolution fine-tuned. Storybook
 * serves only `assets/`, so the URL is the shipped digit model's file (the tests use `tests/fixtures/models`).
 */
export const FixtureBaseUrl: Story = {
  name: 'Base from a URL',
  args: {
    dataset: 'custom',
    classes: '["tick","cross","circle"]',
    'base-url': 'assets/models/digits/model.json',
    'fine-tune': 1,
  },
  play: fillSymbols,
};

/** A single class cannot be trained: the message says to add another. */
export const ErrorSingleClass: Story = {
  name: 'Error: a single class',
  args: { dataset: 'custom', classes: '["tick"]' },
};
