/**
 * Turns whatever a reader or an author hands an element (a URL, a dropped file, an <img>,
 * a canvas, ImageData, an ImageBitmap, a video frame) into RGBA pixels, scaled so the
 * longest side is at most `maxSide`. Every way this can go wrong ends in an Error whose
 * message says what happened and what to do, since elements show it as is.
 *
 * URLs are fetched (not assigned to an <img>) so that a cross-origin server without CORS
 * fails here with a clear message instead of tainting a canvas later.
 */

import { HEADER_BYTES, imageSize } from './image-size.js';
import { fetchChecked } from '../runtime/fetch-checked.js';
import { loaderStubTarget } from '../runtime/loader-stub.js';

/** RGBA pixels, row-major, plus the size of the source before scaling. */
export interface ImagePixels {
  data: Uint8ClampedArray;
  width: number;
  height: number;
  sourceWidth: number;
  sourceHeight: number;
}

export type ImageInput =
  | string
  | URL
  | Blob
  | HTMLImageElement
  | HTMLCanvasElement
  | HTMLVideoElement
  | OffscreenCanvas
  | ImageData
  | ImageBitmap;

export interface ReadImageOptions {
  signal?: AbortSignal;
  /** Longest side after scaling (never scaled up). Default 512. */
  maxSide?: number;
  /** Smallest side accepted. Default 3 (a 3×3 kernel needs at least that). */
  minSide?: number;
  /** Largest source accepted, in pixels. Default 40 megapixels. */
  maxPixels?: number;
}

const MEGA = 1_000_000;
/** The largest longest side an image is scaled to: 4096² RGBA is 64 MB of pixels already. */
const MAX_SIDE_LIMIT = 4096;

/** Decodes `input` into RGBA pixels; throws an Error with a reader-facing message. */
export async function readImage(input: ImageInput, options: ReadImageOptions = {}): Promise<ImagePixels> {
  const { signal, maxSide = 512, minSide = 3, maxPixels = 40 * MEGA } = options;
  const limits = { minSide, maxPixels };
  // Checked before any decoding: a NaN or huge side would only fail deep inside the canvas code.
  if (!(Number.isInteger(maxSide) && maxSide >= 1 && maxSide <= MAX_SIDE_LIMIT)) {
    throw new Error(
      `max-size "${String(maxSide)}" is not a size in pixels: give a whole number from 1 to ${MAX_SIDE_LIMIT} (the default is 512).`,
    );
  }
  const { source, width, height, close } = await decode(input, limits, signal);
  try {
    signal?.throwIfAborted();
    if (!width || !height) throw new Error('The image has no pixels yet (it is empty or still loading).');
    checkSize(width, height, limits);
    const scale = Math.min(1, maxSide / Math.max(width, height));
    const w = Math.max(1, Math.round(width * scale));
    const h = Math.max(1, Math.round(height * scale));
    return { data: drawPixels(source, w, h), width: w, height: h, sourceWidth: width, sourceHeight: height };
  } finally {
    close?.();
  }
}

interface SizeLimits {
  minSide: number;
  maxPixels: number;
}

function checkSize(width: number, height: number, { minSide, maxPixels }: SizeLimits): void {
  if (width < minSide || height < minSide) {
    throw new Error(
      `The image is ${width}×${height} pixels: too small. Use one at least ${minSide}×${minSide}.`,
    );
  }
  if (width * height > maxPixels) {
    throw new Error(
      `The image is ${width}×${height} pixels (${((width * height) / MEGA).toFixed(0)} megapixels): too large to read here. ` +
        `Use one under ${(maxPixels / MEGA).toFixed(0)} megapixels.`,
    );
  }
}

interface Decoded {
  source: CanvasImageSource;
  width: number;
  height: number;
  close?: () => void;
}

/**
 * The source and its size. Files and fetched images are measured from their header first
 * and decoded only when their size is acceptable; an <img> is drawn without forcing a
 * decode, so readImage's size check comes before the pixels are made.
 */
async function decode(input: ImageInput, limits: SizeLimits, signal?: AbortSignal): Promise<Decoded> {
  if (typeof input === 'string' || input instanceof URL)
    return decodeBlob(await fetchImage(String(input), signal), String(input), limits);
  if (input instanceof Blob)
    return decodeBlob(input, input instanceof File ? input.name : 'the file', limits);
  if (input instanceof ImageData) {
    const bitmap = await createImageBitmap(input);
    return { source: bitmap, width: bitmap.width, height: bitmap.height, close: () => bitmap.close() };
  }
  if (input instanceof HTMLImageElement) {
    const loaded = input.complete ? input.naturalWidth > 0 : await imageLoaded(input);
    if (!loaded)
      throw new Error(
        `The <img> (${input.currentSrc || input.src || 'no src'}) could not be decoded: it is missing or not an image.`,
      );
    return { source: input, width: input.naturalWidth, height: input.naturalHeight };
  }
  if (input instanceof HTMLVideoElement)
    return { source: input, width: input.videoWidth, height: input.videoHeight };
  if (
    input instanceof ImageBitmap ||
    input instanceof HTMLCanvasElement ||
    input instanceof OffscreenCanvas
  ) {
    return { source: input, width: input.width, height: input.height };
  }
  throw new Error('Give an image URL, a File, an <img>, a <canvas>, ImageData or an ImageBitmap.');
}

/** `followed`: this is the image a bundler's loader module pointed to (followed once, never in a loop). */
async function fetchImage(url: string, signal?: AbortSignal, followed = false): Promise<Blob> {
  const response = await fetchChecked(url, 'the image', signal);
  const blob = await response.blob();
  const target = await loaderStubTarget(blob, response.url || url);
  return target && !followed ? fetchImage(target, signal, true) : blob;
}

/** Whether an <img> still loading ends up with an image (its size is known then; its pixels are decoded when drawn). */
function imageLoaded(img: HTMLImageElement): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (ok: boolean) => () => {
      img.removeEventListener('load', onLoad);
      img.removeEventListener('error', onError);
      resolve(ok && img.naturalWidth > 0);
    };
    const onLoad = done(true);
    const onError = done(false);
    img.addEventListener('load', onLoad);
    img.addEventListener('error', onError);
  });
}

async function decodeBlob(blob: Blob, name: string, limits: SizeLimits): Promise<Decoded> {
  if (blob.type && !blob.type.startsWith('image/')) {
    throw new Error(
      `${name} is not an image (its type is ${blob.type}). Use a PNG, JPEG, GIF or WebP image.`,
    );
  }
  const declared = imageSize(new Uint8Array(await blob.slice(0, HEADER_BYTES).arrayBuffer()));
  if (declared) checkSize(declared.width, declared.height, limits);
  try {
    const bitmap = await createImageBitmap(blob);
    return { source: bitmap, width: bitmap.width, height: bitmap.height, close: () => bitmap.close() };
  } catch {
    throw new Error(`${name} could not be decoded as an image. Use a PNG, JPEG, GIF or WebP image.`);
  }
}

function drawPixels(source: CanvasImageSource, width: number, height: number): Uint8ClampedArray {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('This browser cannot read image pixels (no 2-D canvas).');
  context.imageSmoothingQuality = 'high';
  context.drawImage(source, 0, 0, width, height);
  try {
    return context.getImageData(0, 0, width, height).data;
  } catch {
    throw new Error(
      'The image comes from another site that does not allow reading its pixels (CORS). ' +
        'Serve it with Access-Control-Allow-Origin, add crossorigin="anonymous" to the <img>, or host it on the same site.',
    );
  }
}
