/// <reference types="vite/client" />
import type { Meta, StoryObj } from '@storybook/web-components-vite';
// The interactive article of demo/ itself (what `npm start` serves), not a copy of it.
import articleHtml from '../demo/index.html?raw';
import articleCss from '../demo/article.css?inline';

const meta = {
  title: 'Article',
  tags: ['!autodocs'],
  parameters: { layout: 'fullscreen' },
} satisfies Meta;

export default meta;
type Story = StoryObj;

/**
 * The intro-to-CNNs article a course author can build from the five tags: convolution,
 * pooling, a CNN trained on MNIST with its filters beside it, and a pretrained network.
 */
export const Article: Story = {
  render: () => {
    const root = document.createElement('div');
    const main = new DOMParser().parseFromString(articleHtml, 'text/html').querySelector('main');
    const style = document.createElement('style');
    style.textContent = articleCss;
    root.append(style, ...(main ? [main] : []));
    return root;
  },
};
