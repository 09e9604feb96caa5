/**
 * One image of the reader's (a drawing, a file, a camera frame) made into a dataset
 * example: 28×28 grey, white ink on black, centred the way MNIST's digits are, so the
 * digit networks (and the digit base) see what they were built for; and the picture
 * itself, at most 224 px a side, for a base that takes bigger or colour images.
 */
import { preprocessDigit, type RgbaPixels } from './digit-preprocess.js';
import { DatasetError, EXAMPLE_BYTES, SOURCE_SIDE, type ExampleSource } from '../training/example-set.js';
import { readImage, type ImageInput } from './image-input.js';

/** Image files a dropped folder may hold; anything else is skipped and listed. */
const IMAGE_NAME = /\.(png|jpe?g|gif|webp|bmp|avif|svg)$/i;

export function looksLikeImage(name: string, type = ''): boolean {
  return type.startsWith('image/') || (type === '' && IMAGE_NAME.test(name));
}

/**
 * The picture to keep: transparent pixels count as black (as for the digit), and a grey
 * picture (a drawing) keeps one channel, a third of the bytes.
 */
export function keptSource({ data, width, height }: RgbaPixels): ExampleSource {
  const n = width * height;
  const rgb = new Uint8Array(n * 3);
  let grey = true;
  for (let i = 0; i < n; i++) {
    const a = data[i * 4 + 3] / 255;
    for (let c = 0; c < 3; c++) rgb[i * 3 + c] = Math.round(data[i * 4 + c] * a);
    if (rgb[i * 3] !== rgb[i * 3 + 1] || rgb[i * 3] !== rgb[i * 3 + 2]) grey = false;
  }
  if (!grey) return { data: rgb, width, height, channels: 3 };
  const one = new Uint8Array(n);
  for (let i = 0; i < n; i++) one[i] = rgb[i * 3];
  return { data: one, width, height, channels: 1 };
}

/** Luma spread (0..255) below which a picture counts as one even colour. */
const BLANK_RANGE = 8;

function lumaRange({ data }: RgbaPixels): number {
  let lo = 255;
  let hi = 0;
  for (let i = 0; i < data.length; i += 4) {
    const y = ((0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2]) * data[i + 3]) / 255;
    if (y < lo) lo = y;
    if (y > hi) hi = y;
  }
  return hi - lo;
}

/** An example: the 28×28 digit (784 bytes) and the picture it came from. */
export interface DecodedExample {
  pixels: Uint8Array;
  source: ExampleSource;
}

/** Decodes and shrinks an image to an example; a DatasetError when there is nothing to learn from. */
export async function imageToExample(image: ImageInput): Promise<DecodedExample> {
  let pixels;
  try {
    pixels = await readImage(image, { maxSide: SOURCE_SIDE });
  } catch (e) {
    throw new DatasetError(`The image could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
  const digit = preprocessDigit(pixels);
  // A photo may have no ink the digit step finds (a dark thing on a mid-grey ground) and still
  // be a picture for a base that takes pictures: only a picture of one even colour is blank.
  if (digit.empty && lumaRange(pixels) < BLANK_RANGE)
    throw new DatasetError('The image is blank: there is no drawing or shape in it to learn from.');
  const out = new Uint8Array(EXAMPLE_BYTES);
  for (let i = 0; i < out.length; i++) out[i] = Math.round(digit.pixels[i] * 255);
  return { pixels: out, source: keptSource(pixels) };
}
