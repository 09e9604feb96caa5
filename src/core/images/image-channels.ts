/**
 * The numbers a convolution sees in an image: 0–255 intensities, either one grayscale
 * channel or R, G, B. Computed here once, in plain arrays, so that the tfjs input and the
 * playground's per-pixel arithmetic read exactly the same values.
 */
import type { ImagePixels } from './image-input.js';

export type ChannelMode = 'gray' | 'rgb' | 'sum';
export const CHANNEL_MODES: readonly ChannelMode[] = ['gray', 'rgb', 'sum'];

/** An image as float intensities, row-major HWC. */
export interface ChannelImage {
  values: Float32Array;
  height: number;
  width: number;
  channels: 1 | 3;
}

/** ITU-R BT.601 luma, the weights OpenCV and most image libraries use for grayscale. */
const LUMA = [0.299, 0.587, 0.114] as const;

/** `gray` gives one luminance channel; `rgb` and `sum` keep the three colour channels. */
export function toChannels(pixels: ImagePixels, mode: ChannelMode): ChannelImage {
  const { data, width, height } = pixels;
  const n = width * height;
  if (mode === 'gray') {
    const values = new Float32Array(n);
    for (let i = 0; i < n; i++)
      values[i] = LUMA[0] * data[4 * i] + LUMA[1] * data[4 * i + 1] + LUMA[2] * data[4 * i + 2];
    return { values, height, width, channels: 1 };
  }
  const values = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) {
    values[3 * i] = data[4 * i];
    values[3 * i + 1] = data[4 * i + 1];
    values[3 * i + 2] = data[4 * i + 2];
  }
  return { values, height, width, channels: 3 };
}

/** The value at (row, col, channel), 0 outside the image (zero padding). */
export function channelAt(image: ChannelImage, row: number, col: number, channel: number): number {
  if (row < 0 || col < 0 || row >= image.height || col >= image.width) return 0;
  return image.values[(row * image.width + col) * image.channels + channel];
}
