import type { Meta, StoryObj } from '@storybook/web-components-vite';

const meta = {
  title: 'Theming',
  tags: ['!autodocs'],
} satisfies Meta;

export default meta;
type Story = StoryObj;

/** Two elements inside a wrapper that sets the shared tokens; everything else stays as shipped. */
function themed(css: string, markup: string): HTMLElement {
  const root = document.createElement('div');
  root.innerHTML = `<style>${css}</style>${markup}`;
  return root;
}

const PAIR = `
  <div class="themed" style="display: grid; gap: 16px">
    <pooling-stepper values="[[3,1,0,7],[4,-2,9,1],[8,5,-1,3],[0,6,4,-7]]"></pooling-stepper>
    <conv-filter-playground sample="camera" kernel="sobel-x" max-size="128"></conv-filter-playground>
  </div>`;

/**
 * The custom properties every element reads: `--cnn-accent`, `--cnn-fg`, `--cnn-bg`,
 * `--cnn-muted`, `--cnn-border`, `--cnn-error`, `--cnn-radius`, `--cnn-font`,
 * `--cnn-font-size`, `--cnn-focus-ring`. Set them once on a wrapper (or `:root`).
 */
export const CustomProperties: Story = {
  render: () =>
    themed(
      `.themed {
        --cnn-accent: #c026d3;
        --cnn-border: #e9d5ff;
        --cnn-radius: 0;
        --cnn-font: Georgia, 'Times New Roman', serif;
        --cnn-font-size: 15px;
      }`,
      PAIR,
    ),
};

/**
 * The built-in dark theme: the elements follow the colour scheme of the page around them
 * (CSS `color-scheme`), as the browser's own controls do. Here a section sets
 * `color-scheme: dark`, as VitePress's and Docusaurus's dark modes set it on the page; a
 * page that declares `light dark` follows the reader's system, and a page that declares
 * nothing stays light.
 */
export const PageDarkMode: Story = {
  render: () =>
    themed(
      `.themed {
        color-scheme: dark;
        background: #0b1120;
        color: #e5e7eb;
        padding: 16px;
      }`,
      PAIR,
    ),
};

/** A dark theme of the page's own: the same tokens, set under its dark class. */
export const DarkTheme: Story = {
  render: () =>
    themed(
      `.themed {
        background: #0f172a;
        padding: 16px;
        --cnn-bg: #0f172a;
        --cnn-fg: #e2e8f0;
        --cnn-muted: #94a3b8;
        --cnn-border: #334155;
        --cnn-accent: #38bdf8;
        --cnn-error: #fca5a5;
      }`,
      PAIR,
    ),
};

/**
 * `::part` reaches inside: here the stepper's cells become round, the window outline
 * thicker, and the backend badge is hidden. Each element's docs page lists its parts.
 */
export const Parts: Story = {
  render: () =>
    themed(
      `.themed pooling-stepper::part(cell) { border-radius: 50%; }
       .themed pooling-stepper { --cnn-window: #ea580c; --cnn-cell-size: 2.6em; }
       .themed ::part(backend) { display: none; }
       .themed ::part(frame) { box-shadow: 0 4px 14px rgb(0 0 0 / 0.12); }
       .themed conv-filter-playground::part(formula) { color: #9a3412; }`,
      PAIR,
    ),
};
