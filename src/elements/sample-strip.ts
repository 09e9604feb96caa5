/**
 * The sample strip: buttons a reader picks an input from without drawing or uploading
 * anything. For a digit model, one held-out MNIST test digit of each class; for any other,
 * the shipped sample photos. Shared by `<pretrained-classifier>` and `<filter-grid>`; each
 * decides what a picked sample does.
 */
import { css, html, nothing } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { SAMPLE_IMAGES, SAMPLE_NAMES, sampleUrl } from '../core/images/samples.js';
import type { loadMnist, mnistDigit, splitMnist } from '../core/training/mnist.tf.js';

/** One held-out digit, with the directive that paints it into its button's canvas once. */
export interface SampleDigit {
  label: number;
  image: ImageData;
  paint: ReturnType<typeof ref>;
}

/** The MNIST reader an element fetched with its tfjs side (types only here: no tfjs in this module). */
export interface MnistAccess {
  loadMnist: typeof loadMnist;
  mnistDigit: typeof mnistDigit;
  splitMnist: typeof splitMnist;
}

/** 28×28 bytes (0..255, as MNIST stores them) as an opaque gray RGBA image. */
export function digitImage(pixels: Uint8Array, side = 28): ImageData {
  const rgba = new Uint8ClampedArray(pixels.length * 4);
  pixels.forEach((v, i) => rgba.set([v, v, v, 255], i * 4));
  return new ImageData(rgba, side, side);
}

/** The first digit of each class in the held-out test split, in label order. */
export async function heldOutDigits({
  loadMnist,
  mnistDigit,
  splitMnist,
}: MnistAccess): Promise<SampleDigit[]> {
  const data = await loadMnist();
  const found = new Map<number, SampleDigit>();
  for (const index of splitMnist(data).test) {
    const digit = mnistDigit(data, index);
    if (!found.has(digit.label)) {
      const image = digitImage(digit.pixels);
      found.set(digit.label, { label: digit.label, image, paint: paintOnce(image) });
    }
    if (found.size === 10) break;
  }
  return [...found.values()].sort((a, b) => a.label - b.label);
}

/** Paints an ImageData into the canvas it is attached to, once that canvas exists. */
function paintOnce(image: ImageData) {
  return ref((canvas?: Element) => {
    if (canvas instanceof HTMLCanvasElement) canvas.getContext('2d')!.putImageData(image, 0, 0);
  });
}

/**
 * The strip: the digits (ten dashed places while they load) when `gray`, else the sample
 * photos. `pick` gets a digit's pixels or a photo's URL.
 */
export function renderSampleStrip(
  gray: boolean,
  digits: readonly SampleDigit[],
  pick: (sample: ImageData | string) => void,
): unknown {
  if (gray) {
    return html`<div class="samples" part="samples" role="group" aria-label="Sample digits from the held-out test set">
      ${digits.length ? nothing : Array.from({ length: 10 }, () => html`<span class="slot" aria-hidden="true"></span>`)}
      ${digits.map(
        (
          s,
        ) => html`<button type="button" aria-label=${`Sample digit ${s.label}`} @click=${() => pick(s.image)}>
          <canvas width="28" height="28" ${s.paint}></canvas>
        </button>`,
      )}
    </div>`;
  }
  return html`<div class="samples" part="samples" role="group" aria-label="Sample photos">
    ${SAMPLE_NAMES.map(
      (
        name,
      ) => html`<button type="button" aria-label=${`Sample photo: ${SAMPLE_IMAGES[name].label}`} @click=${() => pick(sampleUrl(name))}>
        <img src=${sampleUrl(name)} alt="" loading="lazy" />
      </button>`,
    )}
  </div>`;
}

export const sampleStripStyles = css`
  .samples {
    display: flex;
    flex-wrap: wrap;
    gap: 4px;
  }
  /* The sample digits' places while they load (the same box as a sample button). */
  .samples .slot {
    width: 38px;
    height: 38px;
    border: 1px dashed var(--_border);
    border-radius: 6px;
  }
  .samples button {
    padding: 2px;
    line-height: 0;
  }
  .samples canvas,
  .samples img {
    width: 32px;
    height: 32px;
    object-fit: cover;
    image-rendering: pixelated;
    border-radius: 3px;
  }
  .samples img {
    image-rendering: auto;
  }
`;
