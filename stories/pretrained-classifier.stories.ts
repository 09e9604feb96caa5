/// <reference types="vite/client" />
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { elementDefaults, OWN_PAGE_IN_DOCS, renderElement } from '../.storybook/element-stories.js';
// The test fixture: a MobileNet-shaped model with 1000 outputs and small random weights.
import fixtureJsonUrl from '../tests/fixtures/models/mobilenet-like/model.json?url';
import fixtureWeightsUrl from '../tests/fixtures/models/mobilenet-like/weights.bin?url';

const meta = {
  title: 'Elements/pretrained-classifier',
  component: 'pretrained-classifier',
  ...elementDefaults('pretrained-classifier'),
} satisfies Meta;

export default meta;
type Story = StoryObj;

const render = renderElement('pretrained-classifier');

/**
 * Storybook gives the fixture's two files hashed names, so model.json no longer finds its
 * weights beside it: serve a copy of the JSON, from a blob URL, that names the weights' URL.
 */
async function fixtureModelUrl(): Promise<string> {
  const json = await (await fetch(fixtureJsonUrl)).json();
  json.weightsManifest[0].paths = [new URL(fixtureWeightsUrl, location.href).href];
  return URL.createObjectURL(new Blob([JSON.stringify(json)], { type: 'application/json' }));
}

/** As an author drops it in a page: the shipped digit model, a drawing pad and sample digits. */
export const Default: Story = {};

/** Forced onto the CPU backend, the one that works everywhere. */
export const BackendCpu: Story = {
  name: 'Backend: cpu',
  args: { backend: 'cpu' },
  parameters: OWN_PAGE_IN_DOCS,
};

/** Top 5 with the Grad-CAM overlay: which pixels of the drawing made the model decide. */
export const DigitsExplained: Story = {
  args: { 'top-k': 5, explain: true },
};

/**
 * A 1000-class model loaded by URL (here the test fixture: MobileNet's shape, random weights,
 * so its guesses are meaningless) with the shipped ImageNet labels and a sample photo.
 */
export const ImageNetModel: Story = {
  name: '1000-class model (fixture)',
  args: { preprocess: 'mobilenet', src: 'assets/images/cat.jpg', explain: true },
  loaders: [async () => ({ modelUrl: await fixtureModelUrl() })],
  render: (args, { loaded }) => render({ ...args, 'model-url': loaded.modelUrl as string }),
};

/** model-url points at a JSON file that is not a model: the element says so. */
export const ErrorNotAModel: Story = {
  name: 'Error: JSON that is not a model',
  args: { 'model-url': 'assets/imagenet/classes.json' },
};

/** model-url points at an image: not JSON at all. */
export const ErrorNotJson: Story = {
  name: 'Error: not JSON',
  args: { 'model-url': 'assets/images/cat.jpg' },
};

/** Two labels for a ten-class model: the count mismatch is explained. */
export const ErrorLabelCount: Story = {
  name: 'Error: label count',
  args: { labels: '["cat", "dog"]' },
};
