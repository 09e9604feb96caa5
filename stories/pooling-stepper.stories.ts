import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { elementDefaults, OWN_PAGE_IN_DOCS } from '../.storybook/element-stories.js';

const meta = {
  title: 'Elements/pooling-stepper',
  component: 'pooling-stepper',
  ...elementDefaults('pooling-stepper'),
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

/** The 2×2 max pooling of a small map, the textbook example. */
export const MaxPooling: Story = {
  args: { values: '[[3,1,0,7],[4,-2,9,1],[8,5,-1,3],[0,6,4,-7]]', mode: 'max', 'pool-size': '2' },
};

/** Average pooling with "same" padding: the edge windows are partial and pool only real cells. */
export const AverageSamePadding: Story = {
  args: { rows: 7, cols: 7, seed: 11, mode: 'avg', 'pool-size': '3', stride: '2', padding: 'same' },
};

/** Min pooling with a non-square window. */
export const MinPoolingTallWindow: Story = {
  args: { rows: 8, cols: 6, seed: 5, mode: 'min', 'pool-size': '3x2' },
};

/** A ragged map: the element explains what is wrong and fires `cnn-error`. */
export const ErrorRaggedValues: Story = {
  name: 'Error: ragged values',
  args: { values: '[[1,2,3],[4,5]]' },
};

/** A 5×5 pool on a 3×3 map with "valid" padding: the message suggests a smaller pool or "same". */
export const ErrorPoolTooLarge: Story = {
  name: 'Error: pool larger than the map',
  args: { values: '[[1,2,3],[4,5,6],[7,8,9]]', 'pool-size': '5' },
};
