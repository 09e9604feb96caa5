/**
 * One 28×28 MNIST digit on a canvas: white ink on black, as the data stores it. The
 * canvas holds the 28×28 pixels; CSS scales it up with `image-rendering: pixelated`.
 */
export const DIGIT_SIDE = 28;

/** Paints 784 grey levels (0..255, or 0..1 when `unit` is true) onto a 28×28 canvas. */
export function drawDigit(canvas: HTMLCanvasElement, pixels: ArrayLike<number>, unit = false): void {
  canvas.width = DIGIT_SIDE;
  canvas.height = DIGIT_SIDE;
  const context = canvas.getContext('2d');
  if (!context) return;
  const image = context.createImageData(DIGIT_SIDE, DIGIT_SIDE);
  const scale = unit ? 255 : 1;
  const { data } = image; // one call into the browser, not four a pixel
  for (let i = 0; i < DIGIT_SIDE * DIGIT_SIDE; i++) {
    const v = Math.round((pixels[i] ?? 0) * scale);
    data[i * 4] = v;
    data[i * 4 + 1] = v;
    data[i * 4 + 2] = v;
    data[i * 4 + 3] = 255;
  }
  context.putImageData(image, 0, 0);
}
