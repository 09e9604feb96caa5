/**
 * The sample strip: buttons a reader picks an input from without drawing or uploading
 * anything. Following a trainer of the reader's own classes, one of the reader's examples
 * of each class; otherwise, for a digit model, one held-out MNIST test digit of each class,
 * and for any other the shipped sample photos. Shared by `<pretrained-classifier>` and
 * `<filter-grid>`; each decides what a picked sample does.
 */
import { css, html, nothing } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { RgbaPixels } from '../core/images/digit-preprocess.js';
import { SAMPLE_IMAGES, SAMPLE_NAMES, sampleUrl } from '../core/images/samples.js';
import { sourcePixels } from '../core/training/example-set.js';
import type { loadMnist, mnistDigit, splitMnist } from '../core/training/mnist.tf.js';
import type { ModelSource, SourceSample } from './contracts.js';

/** One sample picture of a class, with the directive that paints it into its button's canvas once. */
export interface Sample {
  /** Its class: a digit ("7") or a reader's class name. */
  label: string;
  image: ImageData;
  paint: ReturnType<typeof ref>;
}

function sampleOf(label: string, { data, width, height }: RgbaPixels): Sample {
  const image = new ImageData(Uint8ClampedArray.from(data), width, height);
  return { label, image, paint: paintOnce(image) };
}

/** The MNIST reader an element fetched with its tfjs side (types only here: no tfjs in this module). */
export interface MnistAccess {
  loadMnist: typeof loadMnist;
  mnistDigit: typeof mnistDigit;
  splitMnist: typeof splitMnist;
}

/** The first digit of each class in the held-out test split, in label order. */
export async function heldOutDigits({ loadMnist, mnistDigit, splitMnist }: MnistAccess): Promise<Sample[]> {
  const data = await loadMnist();
  const found = new Map<number, Sample>();
  for (const index of splitMnist(data).test) {
    const digit = mnistDigit(data, index);
    if (!found.has(digit.label))
      found.set(digit.label, sampleOf(String(digit.label), sourcePixels(digit.pixels)));
    if (found.size === 10) break;
  }
  return [...found.entries()].sort(([a], [b]) => a - b).map(([, sample]) => sample);
}

/**
 * What a pad invites for a model with these classes: a digit, unless they are something
 * else (a reader's own symbols), named where they are few and short enough for a caption.
 */
export function drawPrompt(classNames: readonly string[] | undefined): string {
  if (!classNames || classNames.every((n) => /^\d$/.test(n))) return 'Draw a digit';
  if (classNames.length > 4 || classNames.join('').length > 24) return 'Draw one of the classes';
  return `Draw ${classNames.slice(0, -1).join(', ')} or ${classNames[classNames.length - 1]}`;
}

/** The digit every element shows first where nothing is given yet: a 7, a shape every reader knows. */
export const FIRST_DIGIT = 7;

/** The held-out sample of `FIRST_DIGIT`, else the first. */
export function firstDigit(digits: readonly Sample[]): Sample | undefined {
  return digits.find((s) => s.label === String(FIRST_DIGIT)) ?? digits[0];
}

/** A linked source's class names, where it offers a list of strings (a page's own source may offer anything). */
export function classNamesOf(source: ModelSource | undefined): string[] | undefined {
  const names: unknown = source?.classNames;
  return Array.isArray(names) && names.every((n) => typeof n === 'string') ? [...names] : undefined;
}

/** The most samples a strip shows: a trainer's classes are at most ten. */
const MOST_SAMPLES = 10;

/** A picture a canvas can take: whole positive sides, four bytes a pixel. */
function wellFormed(image: RgbaPixels | undefined): image is RgbaPixels {
  const { data, width, height } = image ?? {};
  return (
    Number.isInteger(width) &&
    Number.isInteger(height) &&
    width! > 0 &&
    height! > 0 &&
    data?.length === width! * height! * 4
  );
}

/** Whether a sample already shows this class and picture, byte for byte. */
function shows(sample: Sample | undefined, { label, image }: SourceSample): boolean {
  if (!sample || sample.label !== label) return false;
  const { data, width, height } = sample.image;
  if (width !== image.width || height !== image.height) return false;
  for (let i = 0; i < data.length; i++) if (data[i] !== image.data[i]) return false;
  return true;
}

/**
 * The samples a linked source offers (a trainer's reader's examples, one of each class),
 * or undefined where it offers none and the strip shows digits or photos. A page's own
 * source may offer anything: entries that are not a named picture are left out.
 *
 * `previous` (what the strip shows now) comes back as it is when nothing changed: a
 * trainer renews its samples on every example added (ten a second from the camera), and
 * most additions leave each class's first example as it was, so the strip, and a network
 * view's columns around it, are not rebuilt for nothing.
 */
export function sourceSamples(
  source: ModelSource | undefined,
  previous?: readonly Sample[],
): Sample[] | undefined {
  const offered: unknown = source?.samples;
  if (!Array.isArray(offered)) return undefined;
  const usable = (offered as Partial<SourceSample>[])
    .filter((s) => typeof s?.label === 'string' && wellFormed(s.image))
    .slice(0, MOST_SAMPLES) as SourceSample[];
  if (!usable.length) return undefined;
  const next = usable.map((s, i) => (shows(previous?.[i], s) ? previous![i] : sampleOf(s.label, s.image)));
  return previous?.length === next.length && next.every((s, i) => s === previous[i])
    ? (previous as Sample[])
    : next;
}

/** Paints an ImageData into the canvas it is attached to, once that canvas exists. */
function paintOnce(image: ImageData) {
  return ref((canvas?: Element) => {
    if (canvas instanceof HTMLCanvasElement) canvas.getContext('2d')!.putImageData(image, 0, 0);
  });
}

/**
 * The strip: a source's own samples where there are some; else the digits (ten dashed
 * places while they load) when `gray`, else the sample photos. `pick` gets a sample's
 * pixels or a photo's URL.
 */
export function renderSampleStrip(
  gray: boolean,
  digits: readonly Sample[],
  pick: (sample: ImageData | string) => void,
  own?: readonly Sample[],
): unknown {
  if (own) {
    return html`<div class="samples" part="samples" role="group" aria-label="Your examples, one of each class">
      ${own.map(
        (
          s,
        ) => html`<button type="button" aria-label=${`Your example of ${s.label}`} title=${s.label} @click=${() => pick(s.image)}>
          <canvas class=${s.image.width > 28 ? 'photo' : ''} width=${s.image.width} height=${s.image.height} ${s.paint}></canvas>
        </button>`,
      )}
    </div>`;
  }
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
  .samples img,
  .samples canvas.photo {
    image-rendering: auto;
  }
`;
