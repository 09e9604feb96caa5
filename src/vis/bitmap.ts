/**
 * Canvases painted pixel by pixel (feature maps, a vector's bars): each canvas keeps its
 * image buffer and its 2D context between paints, and pixels are written as 32-bit words.
 * A network view repaints dozens of these on every stroke, where looking a context up,
 * allocating an ImageData or writing four bytes per pixel each cost more than the values.
 */

/**
 * Each canvas's last image buffer and context, reused by its next paint. Every paint writes
 * every pixel of the buffer, so nothing of the previous picture shows through.
 */
const buffers = new WeakMap<HTMLCanvasElement, ImageData>();
const contexts = new WeakMap<HTMLCanvasElement, CanvasRenderingContext2D | null>();

/** The canvas's image buffer, `width`×`height` (a new one when the size changed). */
export function imageFor(canvas: HTMLCanvasElement, width: number, height: number): ImageData {
  let image = buffers.get(canvas);
  if (!image || image.width !== width || image.height !== height) {
    image = new ImageData(width, height);
    buffers.set(canvas, image);
  }
  return image;
}

/** An ImageData's pixels as 32-bit words, one view per ImageData (`image.data` is a call into the browser). */
const words = new WeakMap<ImageData, Uint32Array>();

export function wordsOf(image: ImageData): Uint32Array {
  let view = words.get(image);
  if (!view) {
    view = new Uint32Array(image.data.buffer, image.data.byteOffset, image.width * image.height);
    words.set(image, view);
  }
  return view;
}

/**
 * A canvas's 2D context kept in memory, not on the GPU. Canvases that are only written
 * with putImageData gain nothing from GPU rasterisation, and each putImageData into a GPU
 * canvas is an upload (about 0.1 ms per small map on a software GPU, which adds up over
 * every map of a network per stroke). The first getContext call decides: call this first.
 */
export function bitmapContext(canvas: HTMLCanvasElement): CanvasRenderingContext2D | null {
  return keptContext(canvas, { willReadFrequently: true });
}

/** The canvas's kept 2D context, made with `settings` on the first call (later calls get that one). */
function keptContext(
  canvas: HTMLCanvasElement,
  settings?: CanvasRenderingContext2DSettings,
): CanvasRenderingContext2D | null {
  let ctx = contexts.get(canvas);
  if (ctx === undefined) {
    ctx = canvas.getContext('2d', settings);
    contexts.set(canvas, ctx);
  }
  return ctx;
}

/** Shows `image` on the canvas, which takes its size. */
export function put(canvas: HTMLCanvasElement, image: ImageData): void {
  if (canvas.width !== image.width) canvas.width = image.width;
  if (canvas.height !== image.height) canvas.height = image.height;
  keptContext(canvas)?.putImageData(image, 0, 0);
}

const packed = new Map<string, number>();
let probe: CanvasRenderingContext2D | null | undefined;

/**
 * A CSS colour (any syntax the page's CSS allows: a computed `color-mix()` too) as one
 * opaque pixel word, in the machine's byte order: the browser paints it and it is read back.
 */
export function packedColor(css: string): number {
  let word = packed.get(css);
  if (word === undefined) {
    probe ??= Object.assign(document.createElement('canvas'), { width: 1, height: 1 }).getContext('2d', {
      willReadFrequently: true,
    });
    if (!probe) return 0;
    probe.clearRect(0, 0, 1, 1);
    probe.fillStyle = css;
    probe.fillRect(0, 0, 1, 1);
    const rgba = probe.getImageData(0, 0, 1, 1).data;
    rgba[3] = 255;
    word = new Uint32Array(rgba.buffer)[0];
    packed.set(css, word);
  }
  return word;
}
