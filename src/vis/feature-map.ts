/**
 * Painting images and feature maps onto canvases, and the colour legend beside them.
 * Values arrive as plain row-major HWC arrays (no tfjs here).
 */
import { axisBottom } from 'd3-axis';
import { scaleLinear } from 'd3-scale';
import { interpolateGreys, interpolateRdBu } from 'd3-scale-chromatic';
import { select } from 'd3-selection';
import { imageFor, put, wordsOf } from './bitmap.js';

export type MapColormap = 'diverging' | 'gray';

/** How values become colours: a domain and a 256-step lookup table. */
export interface MapScale {
  colormap: MapColormap;
  domain: [number, number];
  /** CSS colour of a value. */
  color(value: number): string;
  /** 256 opaque pixels from the low end of the domain to the high end, packed as ImageData holds them. */
  lut: Uint32Array;
}

/**
 * `diverging`: blue for negative, white for zero, red for positive, symmetric around 0 so
 * zero always reads as white. `gray`: black at the minimum, white at the maximum.
 */
export function mapScale(colormap: MapColormap, min: number, max: number): MapScale {
  let domain: [number, number];
  let ramp: (t: number) => string;
  if (colormap === 'diverging') {
    const m = Math.max(Math.abs(min), Math.abs(max), 1e-6);
    domain = [-m, m];
    ramp = (t) => interpolateRdBu(1 - t);
  } else {
    // A constant map (a dead filter's zeros) reads as its value being the lowest: black, not mid-gray.
    domain = min === max ? [min, min + 1] : [min, max];
    ramp = (t) => interpolateGreys(1 - t);
  }
  const [lo, hi] = domain;
  return { colormap, domain, lut: lutOf(colormap, ramp), color: (v) => ramp(clamp01((v - lo) / (hi - lo))) };
}

/** A CSS gradient, low to high, of a colormap (for a legend drawn with CSS rather than d3). */
export function rampCss(colormap: MapColormap): string {
  let css = RAMPS.get(colormap);
  if (!css) {
    const stops = rampColors(mapScale(colormap, colormap === 'diverging' ? -1 : 0, 1));
    css = `linear-gradient(to right, ${stops.join(', ')})`;
    RAMPS.set(colormap, css);
  }
  return css;
}

const RAMPS = new Map<MapColormap, string>();

/** Eleven colours evenly across a scale's domain, low to high: the stops of a legend's gradient. */
function rampColors(scale: MapScale): string[] {
  const [lo, hi] = scale.domain;
  return Array.from({ length: 11 }, (_, i) => scale.color(lo + ((hi - lo) * i) / 10));
}

/** The lookup table depends only on the colormap, not the domain: build each once. */
const LUTS = new Map<MapColormap, Uint32Array>();

function lutOf(colormap: MapColormap, ramp: (t: number) => string): Uint32Array {
  let lut = LUTS.get(colormap);
  if (!lut) {
    // Written as RGBA bytes and read back as words, so the packing follows the machine's byte order.
    const bytes = new Uint8ClampedArray(256 * 4);
    for (let i = 0; i < 256; i++) bytes.set([...parseRgb(ramp(i / 255)), 255], i * 4);
    lut = new Uint32Array(bytes.buffer);
    LUTS.set(colormap, lut);
  }
  return lut;
}

/**
 * The range a colour scale should span so that a few extreme pixels do not wash out the
 * rest: the 0.5th and 99.5th percentiles (of a regular sample of about 8,000 values).
 * Values beyond it are drawn in the end colours.
 */
export function robustRange(values: ArrayLike<number>, tail = 0.005): [number, number] {
  const n = values.length;
  if (n === 0) return [0, 0];
  const step = Math.max(1, Math.floor(n / 8000));
  const sample: number[] = [];
  for (let i = 0; i < n; i += step) sample.push(values[i]);
  sample.sort((a, b) => a - b);
  const at = (q: number) =>
    sample[Math.min(sample.length - 1, Math.max(0, Math.round(q * (sample.length - 1))))];
  return [at(tail), at(1 - tail)];
}

/** Paints one channel of a feature map through a colour scale; the canvas takes the map's size. */
export function paintMap(
  canvas: HTMLCanvasElement,
  values: ArrayLike<number>,
  shape: readonly number[],
  scale: MapScale,
  channel = 0,
): void {
  const [h, w, c = 1] = shape;
  const image = imageFor(canvas, w, h);
  // One word per pixel, from the table of packed pixels: a network's maps are painted on every stroke.
  const pixels = wordsOf(image);
  const { lut } = scale;
  const [lo, hi] = scale.domain;
  const k = 255 / (hi - lo);
  for (let i = 0; i < w * h; i++)
    pixels[i] = lut[Math.round(Math.min(255, Math.max(0, (values[i * c + channel] - lo) * k)))];
  put(canvas, image);
}

/** Paints 0–255 intensities as they are (1 channel: gray; 3: RGB), clamping what falls outside. */
export function paintIntensities(
  canvas: HTMLCanvasElement,
  values: ArrayLike<number>,
  shape: readonly number[],
): void {
  const [h, w, c = 1] = shape;
  const image = imageFor(canvas, w, h);
  const { data } = image;
  for (let i = 0; i < w * h; i++) {
    for (let ch = 0; ch < 3; ch++) data[4 * i + ch] = values[i * c + (c === 3 ? ch : 0)];
    data[4 * i + 3] = 255;
  }
  put(canvas, image);
}

/**
 * Paints RGBA pixels as an opaque picture (alpha ignored, as `paintIntensities` does for
 * RGB). An opaque `ImageData` (a drawing pad's) goes to the canvas as it is, uncopied.
 */
export function paintPixels(
  canvas: HTMLCanvasElement,
  pixels: { data: ArrayLike<number>; width: number; height: number },
): void {
  const { data, width, height } = pixels;
  let opaque = true;
  for (let i = 3; i < data.length && opaque; i += 4) opaque = data[i] === 255;
  let image: ImageData;
  if (opaque && pixels instanceof ImageData) image = pixels;
  else {
    image = imageFor(canvas, width, height);
    const out = image.data;
    out.set(data);
    if (!opaque) for (let i = 3; i < out.length; i += 4) out[i] = 255;
  }
  put(canvas, image);
}

/** A horizontal colour bar with a d3 axis under it, drawn into `svg` in a `width`-wide view box (size it with CSS). */
export function renderLegend(svg: SVGSVGElement, scale: MapScale, width: number, title: string): void {
  const height = 34;
  const barHeight = 10;
  const inner = Math.max(60, width - 24);
  const x = scaleLinear().domain(scale.domain).range([0, inner]);
  const root = select(svg).attr('viewBox', `0 0 ${width} ${height}`);
  root.selectAll('*').remove();
  const id = `ramp-${Math.random().toString(36).slice(2)}`;
  const gradient = root.append('defs').append('linearGradient').attr('id', id);
  rampColors(scale).forEach((color, i) =>
    gradient
      .append('stop')
      .attr('offset', `${i * 10}%`)
      .attr('stop-color', color),
  );
  const g = root.append('g').attr('transform', 'translate(12, 2)');
  g.append('rect')
    .attr('width', inner)
    .attr('height', barHeight)
    .attr('fill', `url(#${id})`)
    .attr('stroke', 'currentColor')
    .attr('stroke-opacity', 0.3);
  g.append('g')
    .attr('transform', `translate(0, ${barHeight})`)
    .call(axisBottom(x).ticks(5).tickSizeOuter(0))
    .call((axis) => axis.selectAll('text').attr('fill', 'currentColor'))
    .call((axis) => axis.selectAll('line, path').attr('stroke', 'currentColor'));
  root.append('title').text(title);
}

function parseRgb(color: string): number[] {
  return (color.match(/\d+/g) ?? ['0', '0', '0']).slice(0, 3).map(Number);
}

function clamp01(t: number): number {
  return Math.min(1, Math.max(0, t));
}
