/** The sample photos shipped in assets/images (credits in assets/images/LICENSES.md). */
import { assetUrl } from '../runtime/assets.js';

/** `aspect`: width ÷ height of the file, so an element can reserve the picture's box before it loads. */
export const SAMPLE_IMAGES = {
  cat: { file: 'images/cat.jpg', label: 'Cat (Chelsea)', aspect: 451 / 300 },
  coffee: { file: 'images/coffee.jpg', label: 'Coffee cup', aspect: 512 / 341 },
  astronaut: { file: 'images/astronaut.jpg', label: 'Astronaut', aspect: 1 },
  rocket: { file: 'images/rocket.jpg', label: 'Rocket launch', aspect: 512 / 342 },
  camera: { file: 'images/camera.jpg', label: 'Cameraman (grayscale)', aspect: 1 },
  brick: { file: 'images/brick.jpg', label: 'Brick wall (texture)', aspect: 1 },
  coins: { file: 'images/coins.jpg', label: 'Coins (grayscale)', aspect: 384 / 303 },
  horse: { file: 'images/horse.png', label: 'Horse silhouette', aspect: 400 / 328 },
} as const;

export type SampleName = keyof typeof SAMPLE_IMAGES;
export const SAMPLE_NAMES = Object.keys(SAMPLE_IMAGES) as SampleName[];

/** The URL of a shipped sample; throws with the list of names for an unknown one. */
export function sampleUrl(name: string): string {
  const sample = SAMPLE_IMAGES[name as SampleName];
  if (!sample) throw new Error(`sample "${name}" is unknown: use one of ${SAMPLE_NAMES.join(', ')}.`);
  return assetUrl(sample.file);
}
