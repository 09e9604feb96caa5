import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { elementDefaults, OWN_PAGE_IN_DOCS } from '../.storybook/element-stories.js';
import { fillSymbols, stacked } from './linked-stories.js';

const meta = {
  title: 'Elements/filter-grid',
  component: 'filter-grid',
  ...elementDefaults('filter-grid'),
} satisfies Meta;

export default meta;
type Story = StoryObj;

/** As an author drops it in a page: the element picks the best backend it finds. */
export const Default: Story = {};

/** Forced onto the CPU backend, the one that works everywhere. */
export const BackendCpu: Story = {
  name: 'Backend: cpu',
  args: { backend: 'cpu' },
  parameters: OWN_PAGE_IN_DOCS,
};

/** What each filter of the shipped digit model picks out of a held-out digit (or your drawing). */
export const ActivationMaps: Story = {
  args: { view: 'activations' },
};

/** One colour scale for the whole layer, so filters compare: the strongest weights stand out. */
export const SharedScale: Story = {
  args: { normalize: 'layer' },
};

/**
 * Linked to a trainer: press Train and the filters change as it learns, with a snapshot per
 * epoch on the timeline. Select a filter to apply it to the photo in the playground below.
 */
export const LinkedToTrainer: Story = {
  render: () =>
    stacked(`
      <cnn-trainer id="story-trainer" train-size="500" epochs="3"></cnn-trainer>
      <filter-grid id="story-grid" for="story-trainer"></filter-grid>
      <conv-filter-playground for="story-grid" sample="coffee" max-size="128"></conv-filter-playground>`),
};

/** `for` names no element: the grid says so and fires `cnn-error`. */
export const ErrorMissingSource: Story = {
  name: 'Error: for names no element',
  args: { for: 'no-such-trainer' },
};

/** A layer index beyond the model's conv layers: the message lists the ones there are. */
export const ErrorLayerOutOfRange: Story = {
  name: 'Error: layer out of range',
  args: { layer: '7' },
};

/** The whole network at a glance: the input, every layer's maps, the flattened vector and the probabilities. Draw a digit. */
export const WholeNetwork: Story = {
  args: { view: 'network' },
};

/**
 * The whole network beside a trainer and a playground: train and watch every layer
 * change; select a conv map and the playground redoes that exact convolution.
 */
export const WholeNetworkLinked: Story = {
  render: () =>
    stacked(`
      <cnn-trainer id="story-net-trainer" train-size="500" epochs="3"></cnn-trainer>
      <filter-grid id="story-net" view="network" for="story-net-trainer"></filter-grid>
      <conv-filter-playground for="story-net"></conv-filter-playground>`),
};

/**
 * A caption from `network-update`: after every refresh the view has painted (a stroke, new
 * weights), the grid says what the network reads and how long the refresh took.
 */
export const WholeNetworkCaption: Story = {
  render: () => {
    const wrapper = document.createElement('div');
    // Above the view, with room for three lines: neither the view's first paint nor a new
    // caption moves the other.
    wrapper.innerHTML = `
      <p style="min-height: 4.5em">Draw a digit, and this line says what the network reads.</p>
      <filter-grid view="network"></filter-grid>`;
    const caption = wrapper.querySelector('p')!;
    wrapper.querySelector('filter-grid')!.addEventListener('network-update', ({ detail }) => {
      const percent = Math.round(detail.probability * 100);
      caption.textContent = `The network reads ${detail.label} (${percent}%); every layer was redrawn in ${detail.ms.toFixed(1)} ms.`;
    });
    return wrapper;
  },
};

/**
 * The whole network of a reader's own classes: a trainer that starts from the digit
 * network's frozen convolutions (`base="digits"`) and a new head for three symbols. The
 * view shows the base's maps, then the head, its output named by the trainer's classes.
 * The story draws examples into the trainer, so the view offers the first of each class.
 */
export const WholeNetworkOwnClasses: Story = {
  render: () =>
    stacked(`
      <cnn-trainer id="story-own-trainer" dataset="custom" classes='["tick","cross","circle"]' base="digits"></cnn-trainer>
      <filter-grid view="network" for="story-own-trainer"></filter-grid>`),
  play: fillSymbols,
};
