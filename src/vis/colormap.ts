import { scaleSequential } from 'd3-scale';
import { interpolateBlues } from 'd3-scale-chromatic';

export interface CellColors {
  background: string;
  /** Black or white, whichever reads better on the background (WCAG contrast). */
  color: string;
}

/** Colours for values in [min, max] on a sequential blue ramp, with readable text. */
export function sequentialColors(min: number, max: number): (value: number) => CellColors {
  const scale = scaleSequential(interpolateBlues).domain(min === max ? [min - 1, max + 1] : [min, max]);
  return (value) => {
    const background = scale(value);
    return { background, color: textColorOn(background) };
  };
}

/** '#000' or '#fff' for text on an `rgb(r, g, b)` background, by relative luminance. */
export function textColorOn(background: string): string {
  const [r, g, b] = (background.match(/\d+/g) ?? ['255', '255', '255']).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // Contrast with black is (L + 0.05) / 0.05, with white 1.05 / (L + 0.05): pick the larger.
  return (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) ? '#000' : '#fff';
}
