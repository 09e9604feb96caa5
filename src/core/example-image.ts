/**
 * One image of the reader's (a drawing, a file, a camera frame) made into a dataset
 * example: 28×28 grey, white ink on black, centred the way MNIST's digits are, so the
 * digit networks (and the digit base) see what they were built for.
 */
import { preprocessDigit } from './digit-preprocess.js';
import { DatasetError, EXAMPLE_BYTES } from './example-set.js';
import { readImage, type ImageInput } from './image-input.js';

/** Image files a dropped folder may hold; anything else is skipped and listed. */
const IMAGE_NAME = /\.(png|jpe?g|gif|webp|bmp|avif|svg)$/i;

export function looksLikeImage(name: string, type = ''): boolean {
  return type.startsWith('image/') || (type === '' && IMAGE_NAME.test(name));
}

/** Decodes and shrinks an image to an example (784 bytes); a DatasetError when there is nothing to learn from. */
export async function imageToExample(image: ImageInput): Promise<Uint8Array> {
  let pixels;
  try {
    pixels = await readImage(image, { maxSide: 280 });
  } catch (e) {
    throw new DatasetError(`The image could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
  const digit = preprocessDigit(pixels);
  if (digit.empty) throw new DatasetError('The image is blank: there is no drawing or shape in it to learn from.');
  const out = new Uint8Array(EXAMPLE_BYTES);
  for (let i = 0; i < out.length; i++) out[i] = Math.round(digit.pixels[i] * 255);
  return out;
}
