/** The sample photos shipped in assets/images (credits in assets/images/LICENSES.md). */
import { assetUrl } from './assets.js';

export const SAMPLE_IMAGES = {
  cat: { file: 'images/cat.jpg', label: 'Cat (Chelsea)' },
  coffee: { file: 'images/coffee.jpg', label: 'Coffee cup' },
  astronaut: { file: 'images/astronaut.jpg', label: 'Astronaut' },
  rocket: { file: 'images/rocket.jpg', label: 'Rocket launch' },
  camera: { file: 'images/camera.jpg', label: 'Cameraman (grayscale)' },
  brick: { file: 'images/brick.jpg', label: 'Brick wall (texture)' },
  coins: { file: 'images/coins.jpg', label: 'Coins (grayscale)' },
  horse: { file: 'images/horse.png', label: 'Horse silhouette' },
} as const;

export type SampleName = keyof typeof SAMPLE_IMAGES;
export const SAMPLE_NAMES = Object.keys(SAMPLE_IMAGES) as SampleName[];

/** The URL of a shipped sample; throws with the list of names for an unknown one. */
export function sampleUrl(name: string): string {
  const sample = SAMPLE_IMAGES[name as SampleName];
  if (!sample) throw new Error(`sample "${name}" is unknown: use one of ${SAMPLE_NAMES.join(', ')}.`);
  return assetUrl(sample.file);
}
