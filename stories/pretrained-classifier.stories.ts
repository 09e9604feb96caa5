import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { elementDefaults, OWN_PAGE_IN_DOCS } from '../.storybook/element-stories.js';

const meta = {
  title: 'Elements/pretrained-classifier',
  component: 'pretrained-classifier',
  ...elementDefaults('pretrained-classifier'),
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
