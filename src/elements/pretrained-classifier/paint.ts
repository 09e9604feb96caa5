/** Canvas painting for the classifier: the model's view of the input and the Grad-CAM overlay. */
import { interpolateInferno } from 'd3-scale-chromatic';

/** Paints RGBA pixels onto a canvas, resizing the canvas to them. */
export function paintPixels(
  canvas: HTMLCanvasElement,
  pixels: { data: Uint8ClampedArray; width: number; height: number },
): void {
  canvas.width = pixels.width;
  canvas.height = pixels.height;
  canvas
    .getContext('2d')!
    .putImageData(new ImageData(new Uint8ClampedArray(pixels.data), pixels.width, pixels.height), 0, 0);
}

/** Grayscale values in 0..1 as an RGBA image (what a 1-channel model sees). */
export function grayToRgba(values: ArrayLike<number>, width: number, height: number): ImageData {
  const out = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const v = Math.round(values[i] * 255);
    out.set([v, v, v, 255], i * 4);
  }
  return new ImageData(out, width, height);
}

/** Paints a 0..1 heat map as a translucent colour overlay; the canvas CSS stretches it over the image. */
export function paintHeatmap(
  canvas: HTMLCanvasElement,
  values: Float32Array,
  width: number,
  height: number,
): void {
  canvas.width = width;
  canvas.height = height;
  const out = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    // d3's ramps give "#rrggbb".
    const hex = parseInt(interpolateInferno(values[i]).slice(1), 16);
    // Cold areas stay see-through so the image shows where the model did not look.
    out.set([hex >> 16, (hex >> 8) & 255, hex & 255, Math.round(40 + 170 * values[i])], i * 4);
  }
  canvas.getContext('2d')!.putImageData(new ImageData(out, width, height), 0, 0);
}

/** Clears a canvas. */
export function clearCanvas(canvas: HTMLCanvasElement | undefined | null): void {
  canvas?.getContext('2d')?.clearRect(0, 0, canvas.width, canvas.height);
}
