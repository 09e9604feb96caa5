/**
 * The template of `<filter-grid view="network">`: the input, then one column per layer
 * (activation maps, compact bars, or the labelled output), with connectors between
 * columns. The element owns the state and passes it in; painting happens in `paintNetwork`.
 */
import { html, nothing, svg } from 'lit';
import type { LayerOutput } from '../../core/network.js';
import { formatNumber } from '../../core/pooling-plan.js';
import { valueRange } from '../../core/numbers.js';
import { bitmapContext, mapScale, paintMap } from '../../vis/feature-map.js';
import { argMax, barsPath, barsViewBox, columnKind, linkPath, links, wiringOf, type ColumnKind } from '../../vis/network-view.js';

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

/** Columns are groups, not sections: two network views on one page would repeat landmark names. */
export function renderNetwork(s: NetworkViewState): unknown {
  const { outputs } = s;
  return html`<div
    class="network ${s.across ? 'across' : 'down'}"
    part="network"
    role="group"
    aria-label=${`The whole network, ${outputs.length} layers. ${s.across ? 'Left and right arrows move between layers, up and down between maps' : 'Up and down arrows move between layers, left and right between maps'}; Enter selects.`}
    @keydown=${s.onKey}
  >
    <div role="group" class="column input-column" aria-label="Input">${s.input}</div>
    ${outputs.map((o, i) => html`${renderConnector(s, i)}${renderColumn(s, o, i)}`)}
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
  const title = html`<div class="column-title"><strong>${o.name}</strong> <span>${o.className} · ${o.shape.join('×')}</span></div>`;
  if (kind === 'maps') {
    const maps = o.shape[2];
    const count = shownCount(o, last, s.expanded.has(i));
    return html`<div role="group" class="column maps" aria-label=${`${o.name}, ${o.className}, ${maps} maps of ${o.shape[1]}×${o.shape[0]}`}>
      ${title}
      <div class="stack" style=${`--rows: ${Math.min(count, FIRST_MAPS)}`}>
        ${Array.from({ length: count }, (_, m) => item(s, i, m, `${o.name} map ${m} of ${maps}: ${describe(o, m)}`, html`<canvas data-layer=${i} data-map=${m}></canvas>`))}
      </div>
      ${maps > FIRST_MAPS
        ? html`<button type="button" class="more" @click=${() => s.onToggle(i)}>${s.expanded.has(i) ? `first ${FIRST_MAPS}` : `show all ${maps}`}</button>`
        : nothing}
    </div>`;
  }
  if (kind === 'vector') {
    const [lo, hi] = valueRange(o.values);
    return html`<div role="group" class="column vector" aria-label=${`${o.name}, ${o.className}, ${o.values.length} values`}>
      ${title}
      ${item(
        s,
        i,
        0,
        `${o.name}: ${o.values.length} values from ${formatNumber(lo)} to ${formatNumber(hi)}`,
        html`<svg class="bars" viewBox=${barsViewBox(o.values.length)} preserveAspectRatio="none" aria-hidden="true">${svg`<path d=${barsPath(o.values)}></path>`}</svg>`,
      )}
    </div>`;
  }
  const labels = s.labels(o.values.length);
  const best = argMax(o.values);
  return html`<div role="group" class="column output" aria-label=${`${o.name}, output probabilities`}>
    ${title}
    ${item(
      s,
      i,
      0,
      `${o.name}: predicts ${labels[best]} with ${formatNumber(o.values[best] * 100, 1)}%`,
      html`<ol class="probabilities">
        ${Array.from(o.values, (p, k) => html`<li class=${k === best ? 'best' : ''}>
          <span class="label">${labels[k]}</span><span class="bar" style="--p: ${Math.max(0, Math.min(1, p))}"></span
          ><span class="value">${formatNumber(p * 100, 1)}%${k === best ? ' ◀' : ''}</span>
        </li>`)}
      </ol>`,
      true,
    )}
  </div>`;
}

function item(s: NetworkViewState, layer: number, index: number, label: string, content: unknown, list = false) {
  const focused = s.focus[0] === layer && s.focus[1] === index;
  const selected = s.selected?.[0] === layer && s.selected[1] === index;
  // The output's list is no button content: a focusable group, named for the prediction.
  if (list) {
    return html`<div class="item" role="group" data-layer=${layer} data-map=${index} tabindex=${focused ? 0 : -1} aria-label=${label} @focus=${() => s.onItem(layer, index, false)}>
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
    aria-label=${label}
    @click=${() => s.onItem(layer, index, true)}
    @focus=${() => s.onItem(layer, index, false)}
  >
    ${content}
  </button>`;
}

function describe(o: LayerOutput, map: number): string {
  const [lo, hi] = valueRange(o.values, map, o.shape[2]);
  return `${o.shape[1]}×${o.shape[0]}, values ${formatNumber(lo)} to ${formatNumber(hi)}`;
}

/** Paints every map canvas of the view from the outputs (the bars are SVG, drawn by the template). */
export function paintNetwork(root: ParentNode, outputs: readonly LayerOutput[]): void {
  for (const canvas of root.querySelectorAll<HTMLCanvasElement>('.network canvas[data-layer]')) {
    const o = outputs[Number(canvas.dataset.layer)];
    if (!o || o.shape.length !== 3) continue;
    const map = Number(canvas.dataset.map);
    const [lo, hi] = valueRange(o.values, map, o.shape[2]);
    bitmapContext(canvas);
    paintMap(canvas, o.values, o.shape, mapScale(lo < 0 ? 'diverging' : 'gray', lo, hi), map);
  }
}
