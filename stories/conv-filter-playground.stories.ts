import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { elementDefaults, OWN_PAGE_IN_DOCS } from '../.storybook/element-stories.js';
import { stacked } from './linked-stories.js';

const meta = {
  title: 'Elements/conv-filter-playground',
  component: 'conv-filter-playground',
  ...elementDefaults('conv-filter-playground'),
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

/** The course's first kernel: the Laplacian edge detector on the cat photo. */
export const EdgeDetection: Story = {
  args: { sample: 'cat', kernel: 'edge' },
};

/** The course's stretch goal: a 5×5 kernel of ones, normalised by its sum (a low-pass blur). */
export const LowPass5x5: Story = {
  name: 'Low-pass 5×5',
  args: { sample: 'astronaut', kernel: 'box-blur-5' },
};

/** Vertical edges of a texture with Sobel-x, shown in grayscale. */
export const SobelOnTexture: Story = {
  args: { sample: 'brick', kernel: 'sobel-x', colormap: 'gray' },
};

/** A reader's own kernel, given as JSON: non-square kernels work too. */
export const CustomKernel: Story = {
  args: { sample: 'coffee', kernel: '[[1, 0, -1], [1, 0, -1]]', normalize: 'false' },
};

/** Stride 2, dilation 2 and "same" padding: the map halves and the kernel skips every other pixel. */
export const StridePaddingDilation: Story = {
  name: 'Stride, padding, dilation',
  args: { sample: 'camera', kernel: 'outline', stride: 2, dilation: 2, padding: 'same' },
};

/** The kernel on each colour channel separately: three maps, shown as one colour image. */
export const RgbPerChannel: Story = {
  name: 'RGB per channel',
  args: { sample: 'astronaut', kernel: 'sharpen', channels: 'rgb' },
};

/** One filter over three input channels, products summed, then a bias and ReLU, as in a Conv2D layer. */
export const SummedChannelsWithRelu: Story = {
  name: 'Summed channels, bias and ReLU',
  args: { sample: 'coffee', kernel: 'emboss', channels: 'sum', bias: -100, activation: 'relu' },
};

/** A ragged kernel: the element explains what is wrong, fires `cnn-error` and keeps the edge kernel. */
export const ErrorRaggedKernel: Story = {
  name: 'Error: ragged kernel',
  args: { kernel: '[[1, 2, 3], [4, 5]]' },
};

/** A 7×7 kernel on an image scaled to 5 pixels with "valid" padding: the message suggests "same". */
export const ErrorKernelLargerThanImage: Story = {
  name: 'Error: kernel larger than the image',
  args: {
    sample: 'coins',
    'max-size': 5,
    kernel:
      '[[1,1,1,1,1,1,1],[1,1,1,1,1,1,1],[1,1,1,1,1,1,1],[1,1,1,1,1,1,1],[1,1,1,1,1,1,1],[1,1,1,1,1,1,1],[1,1,1,1,1,1,1]]',
  },
};

/** The course's cv2.filter2D, to the pixel: its default border (BORDER_REFLECT_101), each colour channel on its own. */
export const Filter2DReflect: Story = {
  name: 'cv2.filter2D: reflect border',
  args: { sample: 'cat', kernel: 'edge', padding: 'reflect', channels: 'rgb' },
};

/** The edge pixel repeated outward (BORDER_REPLICATE): the input is drawn with the border the kernel reads. */
export const ReplicateBorder: Story = {
  args: { sample: 'coins', kernel: 'box-blur-5', padding: 'replicate', 'max-size': 64 },
};

/** The convolution in motion on a small image: press Play, or scrub the output pixel. */
export const InMotion: Story = {
  args: { sample: 'horse', kernel: 'sobel-x', 'max-size': 24, speed: 'medium' },
};

/**
 * An article pointing the reader at places: each button sets `pixel` (row, column from 0),
 * and the line under it follows `pixel-change`, whoever moved the inspected pixel.
 */
export const PointedByThePage: Story = {
  render: () => {
    const wrapper = stacked(`
      <p>
        <button type="button" data-pixel="101,168">The eye</button>
        <button type="button" data-pixel="238,265">The nose</button>
        <button type="button" data-pixel="226,68">The whiskers</button>
      </p>
      <conv-filter-playground sample="cat" kernel="edge" pixel="101,168"></conv-filter-playground>
      <p class="said" aria-live="polite"></p>`);
    const playground = wrapper.querySelector('conv-filter-playground')!;
    const said = wrapper.querySelector('.said')!;
    for (const button of wrapper.querySelectorAll<HTMLButtonElement>('button[data-pixel]'))
      button.addEventListener('click', () => playground.setAttribute('pixel', button.dataset.pixel!));
    playground.addEventListener('pixel-change', (e) => {
      const { row, col, values } = (e as CustomEvent<{ row: number; col: number; values: number[] }>).detail;
      said.textContent = `Inspecting row ${row}, column ${col}: ${values.map((v) => v.toFixed(1)).join(', ')}.`;
    });
    return wrapper;
  },
};
