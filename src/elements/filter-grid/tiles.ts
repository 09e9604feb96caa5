/**
 * The tiles of `<filter-grid>`'s filters and activations views: their order, their
 * painting with the shared legend, what each says to a screen reader, and how to read
 * their colours in words.
 */
import { filterKernel, type Activations, type Filters } from '../../core/models/conv-layers.js';
import { valueRange } from '../../core/math/numbers.js';
import { formatNumber } from '../../core/math/pooling-plan.js';
import { mapScale, paintIntensities, paintMap, renderLegend, type MapScale } from '../../vis/feature-map.js';

/** How the tiles are shown: the grid's settings that decide their colours. */
export interface TileLook {
  /** Activation maps of one layer, or its filters' weights. */
  activations: boolean;
  /** `layer`: one scale for the whole layer; `filter`: each tile its own. */
  normalize: 'filter' | 'layer';
  /** The input channel of the weights shown, or `rgb` for a 3-channel filter as colour. */
  channel: number | 'rgb';
}

/** The mean of one channel of HWC values. */
function channelMean(values: Float32Array, channels: number, channel: number): number {
  let sum = 0;
  for (let i = channel; i < values.length; i += channels) sum += values[i];
  return sum / (values.length / channels);
}

/** A 3-channel filter as 0–255 RGB: min-max normalised per filter, or over the whole layer. */
function rgbFilter(filters: Filters, filter: number, acrossLayer: boolean): Float32Array {
  const [kh, kw, , outC] = filters.shape;
  const pick = (i: number) => filters.values[i * outC + filter];
  const own = Array.from({ length: kh * kw * 3 }, (_, i) => pick(i));
  const [min, max] = valueRange(acrossLayer ? filters.values : own);
  const k = max > min ? 255 / (max - min) : 0;
  return Float32Array.from(own, (v) => (v - min) * k);
}

/** Tile order: by mean activation (highest first) when asked, else the layer's order. */
export function tileOrder(count: number, byMean?: Activations): number[] {
  const indices = Array.from({ length: count }, (_, i) => i);
  if (!byMean) return indices;
  const means = indices.map((f) => channelMean(byMean.values, byMean.shape[2], f));
  return indices.sort((x, y) => means[y] - means[x]);
}

/**
 * Paints each tile's canvas (its `data-filter` says which) and the legend of a shared
 * scale; nothing until there is something to paint.
 */
export function paintTiles(
  canvases: readonly HTMLCanvasElement[],
  legend: SVGSVGElement | undefined,
  look: TileLook,
  shown: { filters?: Filters; activations?: Activations },
): void {
  if (canvases.length === 0) return;
  let legendScale: MapScale | undefined;
  if (look.activations) {
    const a = shown.activations;
    if (!a) return;
    const count = a.shape[2];
    const layerScale = look.normalize === 'layer' ? mapScale('gray', ...valueRange(a.values)) : undefined;
    for (const canvas of canvases) {
      const f = Number(canvas.dataset.filter);
      const scale = layerScale ?? mapScale('gray', ...valueRange(a.values, f, count));
      paintMap(canvas, a.values, a.shape, scale, f);
    }
    legendScale = layerScale;
  } else {
    const filters = shown.filters;
    if (!filters) return;
    const [kh, kw, inC] = filters.shape;
    const rgb = look.channel === 'rgb' && inC === 3;
    const ch = rgb ? 0 : Number(look.channel);
    const layerScale =
      look.normalize === 'layer' ? mapScale('diverging', ...valueRange(filters.values)) : undefined;
    for (const canvas of canvases) {
      const f = Number(canvas.dataset.filter);
      if (rgb) {
        paintIntensities(canvas, rgbFilter(filters, f, look.normalize === 'layer'), [kh, kw, 3]);
        continue;
      }
      const weights = Float32Array.from(filterKernel(filters, f, ch).flat());
      const scale = layerScale ?? mapScale('diverging', ...valueRange(weights));
      paintMap(canvas, weights, [kh, kw, 1], scale);
    }
    legendScale = rgb ? undefined : layerScale;
  }
  if (!legend) return;
  if (legendScale)
    renderLegend(legend, legendScale, 320, look.activations ? 'Activation values' : 'Weight values');
  else legend.replaceChildren();
}

/** What tile `f` says to a screen reader: its mean activation, or the range of its weights. */
export function tileLabel(
  f: number,
  filters: Filters,
  channel: number | 'rgb',
  activations?: Activations,
): string {
  if (activations)
    return `Filter ${f}: mean activation ${formatNumber(channelMean(activations.values, activations.shape[2], f))}`;
  const w = filterKernel(filters, f, channel === 'rgb' ? 0 : channel).flat();
  return `Filter ${f}: weights from ${formatNumber(Math.min(...w))} to ${formatNumber(Math.max(...w))}`;
}

/** How to read the colours, in words (the legend shows numbers only for a shared scale). */
export function scaleNote({ activations, normalize, channel }: TileLook): string {
  if (activations) {
    return normalize === 'layer'
      ? 'Black is no activation; white the strongest in the layer.'
      : 'Each tile runs from black (its weakest) to white (its strongest activation).';
  }
  if (channel === 'rgb') return 'Each filter’s red, green and blue weights as a colour, min-max normalised.';
  return normalize === 'layer'
    ? 'Blue weights are negative, red positive, white zero; one scale for the layer.'
    : 'Blue weights are negative, red positive, white zero; each tile uses its own range.';
}
