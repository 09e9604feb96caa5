/// <reference types="vite/client" />
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { elementDefaults, OWN_PAGE_IN_DOCS, renderElement } from '../.storybook/element-stories.js';
import { fillSymbols, stacked } from './linked-stories.js';
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
 * Following a trainer of the reader's own classes (✓, ✗, ○, drawn into it by the story):
 * the strip offers the reader's first example of each class, the classifier starts with
 * one, and its pad invites those classes.
 */
export const FollowingOwnClasses: Story = {
  render: () =>
    stacked(`
      <cnn-trainer id="story-classifier-own-trainer" dataset="custom" classes='["tick","cross","circle"]' preset="dense-only"></cnn-trainer>
      <pretrained-classifier for="story-classifier-own-trainer"></pretrained-classifier>`),
  play: fillSymbols,
  parameters: OWN_PAGE_IN_DOCS,
};

/**
 * A 1000-class model loaded by URL (here the test fixture: MobileNet's shape, random weights,
 * so its guesses are meaningless) with the shipped ImageNet labels and a sample photo.
 */
export const ImageNetModel: Story = {
  name: '1000-class model (fixture)',
  args: { preprocess: 'mobilenet', src: 'assets/images/cat.jpg', backend: 'cpu' },
  // Its own page in the docs, on the CPU: a 224×224 model is slow on a software WebGPU adapter.
  parameters: OWN_PAGE_IN_DOCS,
  loaders: [async () => ({ modelUrl: await fixtureModelUrl() })],
  render: (args, { loaded }) => render({ ...args, 'model-url': loaded.modelUrl as string }),
};

/**
 * Renders the default element, then once it is ready applies `change`, as a page would later:
 * the error is shown and fired while the digit model already loaded keeps working.
 */
function thenSet(change: Record<string, string>): Story['render'] {
  return (args) => {
    const el = render(args) as HTMLElement & { ready: Promise<void> };
    void el.ready.then(() => Object.entries(change).forEach(([k, v]) => el.setAttribute(k, v)));
    return el;
  };
}

/** model-url changed to a JSON file that is not a model: the element says so and keeps its model. */
export const ErrorNotAModel: Story = {
  name: 'Error: JSON that is not a model',
  render: thenSet({ 'model-url': 'assets/imagenet/classes.json' }),
};

/** model-url changed to an image, not JSON at all. */
export const ErrorNotJson: Story = {
  name: 'Error: not JSON',
  // Kept off the docs page, which loads every story's model at once on a software adapter.
  tags: ['!autodocs'],
  render: thenSet({ 'model-url': 'assets/images/cat.jpg' }),
};

/** Two labels for a ten-class model: the count mismatch is explained. */
export const ErrorLabelCount: Story = {
  name: 'Error: label count',
  // Kept off the docs page, which loads every story's model at once on a software adapter.
  tags: ['!autodocs'],
  render: thenSet({ labels: '["cat", "dog"]' }),
};

/** A first model that cannot load at all: state="error", and the message says why. */
export const ErrorFirstModel: Story = {
  name: 'Error: first model fails',
  args: { 'model-url': 'assets/imagenet/classes.json' },
  tags: ['!autodocs'],
};
