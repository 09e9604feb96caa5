/**
 * The template of `<filter-grid view="network">`: the input, then one column per layer
 * (activation maps, compact bars, or the labelled output), with connectors between
 * columns. NetworkViewController (network-controller.ts) owns the state and passes it in;
 * painting happens in `paintNetwork`.
 */
import { html, nothing, svg } from 'lit';
import { styleProps } from '../style-props.js';
import type { LayerOutput } from '../../core/models/layer-outputs.tf.js';
import { formatNumber } from '../../core/math/pooling-plan.js';
import { clamp, valueRange } from '../../core/math/numbers.js';
import { bitmapContext, packedColor } from '../../vis/bitmap.js';
import { mapScale, paintMap, rampCss, type MapScale } from '../../vis/feature-map.js';
import {
  argMax,
  barsSize,
  columnKind,
  linkPath,
  paintBars,
  links,
  wiringOf,
  type ColumnKind,
} from '../../vis/network-view.js';

/** Maps shown per layer until the reader asks for all of them. */
export const FIRST_MAPS = 8;

export interface NetworkViewState {
  outputs: LayerOutput[];
  /** [layer, item] of the roving focus, and of the selection. */
  focus: [number, number];
  selected?: [number, number];
  expanded: ReadonlySet<number>;
  /** Columns side by side (wide) or stacked (narrow). */
  across: boolean;
  /** The input column's content (the picture and the draw pad). */
  input: unknown;
  labels: (count: number) => string[];
  onItem: (layer: number, item: number, select: boolean) => void;
  onKey: (e: KeyboardEvent) => void;
  onToggle: (layer: number) => void;
  /** The colour painted into the columns' canvases changed (a colour scheme, a page's dark class). */
  onRecolor: () => void;
}

/** How many items a layer's column shows. */
export function shownCount(output: LayerOutput, last: boolean, expanded: boolean): number {
  const kind = columnKind(output.shape, last);
  if (kind !== 'maps') return 1;
  const maps = output.shape[2];
  return expanded ? maps : Math.min(maps, FIRST_MAPS);
}

export function kindAt(outputs: readonly LayerOutput[], i: number): ColumnKind {
  return columnKind(outputs[i].shape, i === outputs.length - 1);
}

/**
 * Where an arrow, Home or End key moves the roving focus: arrows along the columns move
 * between layers (left and right when the columns are side by side, up and down when
 * stacked), the others between a layer's shown items; undefined for any other key.
 */
export function moveFocus(
  outputs: readonly LayerOutput[],
  [layer, item]: [number, number],
  key: string,
  across: boolean,
  expanded: ReadonlySet<number>,
): [number, number] | undefined {
  const layerKeys = across ? ['ArrowLeft', 'ArrowRight'] : ['ArrowUp', 'ArrowDown'];
  const itemKeys = across ? ['ArrowUp', 'ArrowDown'] : ['ArrowLeft', 'ArrowRight'];
  const count = (l: number) => shownCount(outputs[l], l === outputs.length - 1, expanded.has(l));
  if (layerKeys.includes(key)) {
    const l = clamp(layer + (key === layerKeys[0] ? -1 : 1), 0, outputs.length - 1);
    return [l, Math.min(item, count(l) - 1)];
  }
  if (itemKeys.includes(key))
    return [layer, clamp(item + (key === itemKeys[0] ? -1 : 1), 0, count(layer) - 1)];
  if (key === 'Home') return [layer, 0];
  if (key === 'End') return [layer, count(layer) - 1];
  return undefined;
}

/**
 * "show all" or "first 8" on a layer: the layers shown in full after the toggle, and the
 * roving focus, moved to the last map still shown when collapsing hid the focused one
 * (else no item could be tabbed to, and the enlarged map would have nothing to copy).
 */
export function toggleMaps(
  expanded: ReadonlySet<number>,
  focus: [number, number],
  layer: number,
): { expanded: Set<number>; focus: [number, number] } {
  const next = new Set(expanded);
  const collapsing = next.delete(layer);
  if (!collapsing) next.add(layer);
  const hidden = collapsing && focus[0] === layer && focus[1] >= FIRST_MAPS;
  return { expanded: next, focus: hidden ? [layer, FIRST_MAPS - 1] : focus };
}

/** What the details line says of the focused item, and what Enter does with it (with or without a `playground` following). */
export function focusDetails(
  outputs: readonly LayerOutput[],
  [layer, item]: [number, number],
  selected: [number, number] | undefined,
  playground: boolean,
): string {
  const o = outputs[layer];
  if (!o) return '';
  const conv = o.className === 'Conv2D';
  const what =
    o.shape.length === 3
      ? `map ${item} of ${o.shape[2]} (${o.shape[1]}×${o.shape[0]})`
      : `${o.values.length} values`;
  const isSelected = selected?.[0] === layer && selected[1] === item;
  const action = playground
    ? isSelected
      ? ' Selected: sent to linked playgrounds.'
      : ' Enter or click sends its convolution to a linked playground.'
    : isSelected
      ? ' Selected.'
      : ' Enter or click selects it.';
  return `${o.name} (${o.className}): ${what}.${conv ? action : ''}`;
}

/**
 * Columns are groups, not sections: two network views on one page would repeat landmark
 * names. Each layer is a stage (its connector and its column), so that where the columns
 * side by side do not fit, they wrap to a new line as a whole, in reading order.
 */
export function renderNetwork(s: NetworkViewState): unknown {
  const { outputs } = s;
  return html`<div
    class="network ${s.across ? 'across' : 'down'}"
    part="network"
    role="group"
    aria-label=${`The whole network, ${outputs.length} layers. ${s.across ? 'Left and right arrows move between layers, up and down between maps' : 'Up and down arrows move between layers, left and right between maps'}; Enter selects.`}
    @keydown=${s.onKey}
    @transitionend=${(e: TransitionEvent) => e.propertyName === 'color' && s.onRecolor()}
  >
    <div role="group" class="column input-column" aria-label="Input">${s.input}</div>
    ${outputs.map((o, i) => html`<div class="stage">${renderConnector(s, i)}${renderColumn(s, o, i)}</div>`)}
  </div>`;
}

function renderConnector(s: NetworkViewState, i: number) {
  const { outputs } = s;
  const last = i === outputs.length - 1;
  const kind = kindAt(outputs, i);
  const fromKind: ColumnKind = i === 0 ? 'maps' : kindAt(outputs, i - 1);
  const from = i === 0 ? 1 : shownCount(outputs[i - 1], i - 1 === outputs.length - 1, s.expanded.has(i - 1));
  const to = shownCount(outputs[i], last, s.expanded.has(i));
  const wiring = i === 0 ? 'all' : wiringOf(outputs[i].className, fromKind, kind);
  const focus = s.focus[0] === i ? s.focus[1] : undefined;
  const list = links(wiring, from, to, focus);
  const [w, h] = s.across ? [24, 100] : [100, 16];
  const strong = list.filter((l) => l.strong);
  return html`<svg class="connector" viewBox="0 0 ${w} ${h}" preserveAspectRatio="none" aria-hidden="true">
    ${svg`<path class="link" d=${linkPath(list, w, h, s.across)}></path>`}
    ${strong.length ? svg`<path class="link strong" d=${linkPath(strong, w, h, s.across)}></path>` : nothing}
  </svg>`;
}

function renderColumn(s: NetworkViewState, o: LayerOutput, i: number) {
  const last = i === s.outputs.length - 1;
  const kind = kindAt(s.outputs, i);
  const title = html`<div class="column-title"><strong>${o.name}</strong> <span>${o.className}</span><br /><span class="shape">${o.shape.join('×')}</span></div>`;
  // What depends on the values (pixels, bars, probabilities and the items' names, which
  // quote them) is left to paintNetwork: a stroke then repaints without re-rendering.
  if (kind === 'maps') {
    const maps = o.shape[2];
    const count = shownCount(o, last, s.expanded.has(i));
    return html`<div role="group" class="column maps" aria-label=${`${o.name}, ${o.className}, ${maps} maps of ${o.shape[1]}×${o.shape[0]}`}>
      ${title}
      <div class="stack" ${styleProps({ '--rows': Math.min(count, FIRST_MAPS) })}>
        ${Array.from({ length: count }, (_, m) => item(s, i, m, html`<canvas data-layer=${i} data-map=${m}></canvas>`))}
      </div>
      ${
        maps > FIRST_MAPS
          ? html`<button type="button" class="more" @click=${() => s.onToggle(i)}>${s.expanded.has(i) ? `first ${FIRST_MAPS}` : `show all ${maps}`}</button>`
          : nothing
      }
    </div>`;
  }
  if (kind === 'vector') {
    const bars = barsSize(o.values.length);
    return html`<div role="group" class="column vector" aria-label=${`${o.name}, ${o.className}, ${o.values.length} values`}>
      ${title}
      ${item(s, i, 0, html`<canvas class="bars" width=${bars.width} height=${bars.height} aria-hidden="true"></canvas>`)}
    </div>`;
  }
  const labels = s.labels(o.values.length);
  return html`<div role="group" class="column output" aria-label=${`${o.name}, output probabilities`}>
    ${title}
    ${item(
      s,
      i,
      0,
      html`<ol class="probabilities">
        ${labels.map((label) => html`<li><span class="label">${label}</span><span class="bar"></span><span class="value">${liveText('100.0% ◀')}</span></li>`)}
      </ol>`,
      true,
    )}
  </div>`;
}

/**
 * A text rewritten on every stroke: a box that lays out alone (`.live-text`, painted by
 * `paintNetwork`), over the longest text it takes, hidden, which gives the box its width. A
 * reader's letter or word spacing (WCAG 1.4.12) widens both, so the text still fits.
 */
const liveText = (longest: string) =>
  html`<span class="live-text"></span><span class="reserve">${longest}</span>`;

/**
 * The focused map, enlarged, with what its shades mean: from the columns alone a reader can
 * neither read a small map's detail nor tell which shade is high. Painted with the columns
 * (`paintNetwork`). Hidden from assistive tech: the focused map's own name quotes its range.
 */
export function renderZoom(outputs: readonly LayerOutput[], [layer, map]: [number, number]): unknown {
  if (!outputs[layer] || kindAt(outputs, layer) !== 'maps') return nothing;
  return html`<div class="zoom" aria-hidden="true" data-layer=${layer} data-map=${map}>
    <canvas></canvas>
    <div class="legend"><span class="lo">${liveText('-12.345')}</span><span class="ramp"></span><span class="hi">${liveText('-12.345')}</span></div>
  </div>`;
}

/** An item's name is painted (it quotes the values); the template never writes it. */
function item(s: NetworkViewState, layer: number, index: number, content: unknown, list = false) {
  const focused = s.focus[0] === layer && s.focus[1] === index;
  const selected = s.selected?.[0] === layer && s.selected[1] === index;
  // The output's list is no button content: a focusable group, named for the prediction.
  if (list) {
    return html`<div class="item" role="group" data-layer=${layer} data-map=${index} tabindex=${focused ? 0 : -1} @focus=${() => s.onItem(layer, index, false)}>
      ${content}
    </div>`;
  }
  return html`<button
    type="button"
    class="item"
    part="map"
    data-layer=${layer}
    data-map=${index}
    tabindex=${focused ? 0 : -1}
    aria-pressed=${selected ? 'true' : 'false'}
    @click=${() => s.onItem(layer, index, true)}
    @focus=${() => s.onItem(layer, index, false)}
  >
    ${content}
  </button>`;
}

/** What the columns' structure depends on: each layer's name, class and shape (not its values). */
export function structureOf(outputs: readonly LayerOutput[]): string {
  return outputs.map((o) => `${o.name}:${o.className}:${o.shape.join('x')}`).join('|');
}

/** A shown map's canvas, a vector's bars or the output's rows, with the name last given to its item. */
interface Target {
  item: HTMLElement;
  layer: number;
  label?: string;
}
interface OutputRow {
  li: HTMLLIElement;
  bar: HTMLElement;
  value: HTMLElement;
  level?: string;
  text?: string;
  best?: boolean;
}

/**
 * What paintNetwork writes into: the rendered columns' canvases, bar paths and output rows.
 * Found once after each render of the columns, not on every stroke: finding them (and
 * reading back what they show) cost about as much as painting them.
 */
export interface NetworkTargets {
  /** `title`: the map's name without its values (what it is, not what it shows now). */
  maps: Array<Target & { map: number; canvas: HTMLCanvasElement; title: string }>;
  /** `color`: the bars' colour (the CSS `color` of their canvas, the accent), read once per render. */
  vectors: Array<Target & { canvas: HTMLCanvasElement; color: number }>;
  outputs: Array<Target & { rows: OutputRow[] }>;
  /** The focused map enlarged (`renderZoom`), with the range and colormap last written to its legend. */
  zoom?: {
    layer: number;
    map: number;
    canvas: HTMLCanvasElement;
    lo: HTMLElement;
    hi: HTMLElement;
    ramp: HTMLElement;
    range?: string;
    colormap?: string;
  };
}

export function networkTargets(root: ParentNode, outputs: readonly LayerOutput[]): NetworkTargets {
  const targets: NetworkTargets = { maps: [], vectors: [], outputs: [] };
  for (const item of root.querySelectorAll<HTMLElement>('.network .item[data-layer]')) {
    const layer = Number(item.dataset.layer);
    if (!outputs[layer]) continue;
    const kind = kindAt(outputs, layer);
    const canvas = item.querySelector('canvas');
    if (kind === 'maps' && canvas) {
      bitmapContext(canvas);
      const map = Number(item.dataset.map);
      const { name, shape } = outputs[layer];
      const title = `${name} map ${map} of ${shape[2]}: ${shape[1]}×${shape[0]}`;
      targets.maps.push({ item, layer, map, canvas, title });
    } else if (kind === 'vector' && canvas) {
      bitmapContext(canvas);
      targets.vectors.push({ item, layer, canvas, color: packedColor(getComputedStyle(canvas).color) });
    } else if (kind === 'output') {
      const rows = [...item.querySelectorAll('li')].map((li) => ({
        li,
        bar: li.querySelector<HTMLElement>('.bar')!,
        value: li.querySelector<HTMLElement>('.value .live-text')!,
      }));
      targets.outputs.push({ item, layer, rows });
    }
  }
  const zoom = root.querySelector<HTMLElement>('.zoom[data-layer]');
  const canvas = zoom?.querySelector('canvas');
  if (zoom && canvas && outputs[Number(zoom.dataset.layer)]) {
    bitmapContext(canvas);
    const part = (name: string) => zoom.querySelector<HTMLElement>(`.${name}`)!;
    const [layer, map] = [Number(zoom.dataset.layer), Number(zoom.dataset.map)];
    targets.zoom = {
      layer,
      map,
      canvas,
      lo: part('lo .live-text'),
      hi: part('hi .live-text'),
      ramp: part('ramp'),
    };
  }
  return targets;
}

/**
 * Draws the values into the rendered structure: each shown map's pixels, each vector's
 * bars, the output's probabilities and prediction, and the items' names. A map's name
 * quotes its values only while it holds the roving focus (tabindex 0, where the reader
 * lands): naming all of a network's maps anew on every stroke cost more than painting
 * the bars and the output together. Called after every render of the columns (a move of
 * the focus is one) and after every new set of outputs.
 */
export function paintNetwork(
  targets: NetworkTargets,
  outputs: readonly LayerOutput[],
  labels: (count: number) => string[],
): void {
  const { zoom } = targets;
  for (const t of targets.maps) {
    const o = outputs[t.layer];
    const [lo, hi] = valueRange(o.values, t.map, o.shape[2]);
    const scale = mapScale(lo < 0 ? 'diverging' : 'gray', lo, hi);
    paintMap(t.canvas, o.values, o.shape, scale, t.map);
    if (zoom?.layer === t.layer && zoom.map === t.map) paintZoom(zoom, o, scale);
    name(
      t,
      t.item.tabIndex === 0 ? `${t.title}, values ${formatNumber(lo)} to ${formatNumber(hi)}` : t.title,
    );
  }
  for (const t of targets.vectors) {
    const o = outputs[t.layer];
    const [lo, hi] = valueRange(o.values);
    paintBars(t.canvas, o.values, t.color);
    name(t, `${o.name}: ${o.values.length} values from ${formatNumber(lo)} to ${formatNumber(hi)}`);
  }
  for (const t of targets.outputs) paintOutput(t, outputs[t.layer], labels(outputs[t.layer].values.length));
}

/** The enlarged map in its small one's colours, and its legend: the scale's ends and ramp, written when they change. */
function paintZoom(zoom: NonNullable<NetworkTargets['zoom']>, o: LayerOutput, scale: MapScale): void {
  paintMap(zoom.canvas, o.values, o.shape, scale, zoom.map);
  const [lo, hi] = scale.domain.map((v) => formatNumber(v));
  const range = `${lo} ${hi}`;
  if (zoom.range !== range) {
    zoom.lo.textContent = lo;
    zoom.hi.textContent = hi;
    zoom.range = range;
  }
  if (zoom.colormap !== scale.colormap) {
    zoom.ramp.style.background = rampCss(scale.colormap);
    zoom.colormap = scale.colormap;
  }
}

/** Sets an item's accessible name, leaving an unchanged one alone (no needless accessibility events). */
function name(t: Target, label: string): void {
  if (t.label === label) return;
  t.label = label;
  t.item.setAttribute('aria-label', label);
}

/** The probabilities, the prediction marked, in the output's list; only what changed is written. */
function paintOutput(t: NetworkTargets['outputs'][number], o: LayerOutput, labels: string[]): void {
  const best = argMax(o.values);
  t.rows.forEach((row, k) => {
    const p = o.values[k];
    const isBest = k === best;
    // In thousandths: a whole number is quick to write, and repeats more often (then not written).
    const level = String(Math.round(Math.max(0, Math.min(1, p)) * 1000));
    const text = `${formatNumber(p * 100, 1)}%${isBest ? ' ◀' : ''}`;
    if (row.best !== isBest) row.li.classList.toggle('best', isBest);
    if (row.level !== level) row.bar.style.setProperty('--p', level);
    if (row.text !== text) row.value.textContent = text;
    row.best = isBest;
    row.level = level;
    row.text = text;
  });
  name(t, `${o.name}: predicts ${labels[best]} with ${formatNumber(o.values[best] * 100, 1)}%`);
}
