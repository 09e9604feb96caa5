/**
 * What `<filter-grid view="network">` shows and how the reader moves through it: the last
 * run of the whole network, the roving focus, the selection and the layers opened with
 * "show all". It renders the columns and the details below them, paints a run's values into
 * the columns, and fires `network-update` once they are painted. The grid runs the network
 * and hands each run to `show()`; the template is `network-view.ts`.
 *
 * A run that fits the columns already on the page (a stroke, a training step: new values,
 * the same layers) is painted at once, without an update of the grid: the template would
 * render nothing new for it.
 */
import { html } from 'lit';
import { guard } from 'lit/directives/guard.js';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { LayerOutput } from '../../core/models/layer-outputs.tf.js';
import { graphOf } from '../../core/models/model-graph.js';
import { argMax } from '../../vis/network-view.js';
import { emit } from '../events.js';
import {
  focusDetails,
  kindAt,
  moveFocus,
  networkTargets,
  paintNetwork,
  renderNetwork,
  renderZoom,
  structureOf,
  toggleMaps,
  type NetworkTargets,
} from './network-view.js';

/** One run of the whole model: its input and every layer's output. */
export interface Network {
  model: tfl.LayersModel;
  input: LayerOutput;
  outputs: LayerOutput[];
}

/** Detail of `network-update`: the network view shows every layer's output for a new input or new weights. */
export interface NetworkUpdateDetail {
  /** The index of the largest output, and its class name (the output column's label). */
  prediction: number;
  label: string;
  /** The largest output's value (a probability for a softmax output). */
  probability: number;
  /** Milliseconds from the start of the refresh (a stroke, a new picture, new weights) to the view painted. */
  ms: number;
}

/** A selected Conv2D map: its layer in the model and the map that layer read. */
export interface SelectedConvMap {
  layer: tfl.layers.Layer;
  item: number;
  from: LayerOutput;
}

/** What the controller asks of the grid. */
export interface NetworkViewHost extends HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly updateComplete: Promise<boolean>;
  requestUpdate(): void;
}

export interface NetworkViewOptions {
  /** Class names for an output of `count` values (a linked source's, else class numbers). */
  labels: (count: number) => string[];
  /** Whether the columns fit side by side (else they are stacked). */
  across: () => boolean;
  /** A Conv2D map was selected: send its convolution on. */
  onConvMap: (map: SelectedConvMap) => void;
  /** Whether the grid shows its network view (its columns are on the page). */
  shown: () => boolean;
  /** Paints the input column's picture, with every run's values. */
  paintInput: () => void;
}

export class NetworkViewController {
  /** The run shown: every layer's output for the picture, and the model input they came from. */
  network?: Network;
  private focus: [number, number] = [0, 0];
  private selected?: [number, number];
  private expanded = new Set<number>();
  /** The columns were rebuilt by the last render: their values need painting (and their canvases finding). */
  private columnsRendered = false;
  /** What the columns on the page were rendered for (`columnsKey`): a run of the same key is painted into them. */
  private renderedKey?: string;
  /** `network` is a run not painted yet. */
  private fresh = false;
  /** Where the values are painted, found again after each render of the columns. */
  private targets?: NetworkTargets;
  /** When the refresh that made the run not painted yet started (for `network-update`'s ms). */
  private started = 0;

  constructor(
    private readonly host: NetworkViewHost,
    private readonly options: NetworkViewOptions,
  ) {}

  /** The shown run when it is of `model`, whose arrays the next run of it may write again. */
  of(model: tfl.LayersModel | undefined): Network | undefined {
    return this.network?.model === model ? this.network : undefined;
  }

  /**
   * Shows a new run, begun at `started` (`performance.now()`): painted now when the columns
   * on the page fit it, else after the grid's update. A new model starts with the focus on the input.
   */
  show(network: Network, started: number): void {
    const sameModel = this.network?.model === network.model;
    if (!sameModel) {
      this.focus = [0, 0];
      this.selected = undefined;
      this.expanded = new Set();
    }
    this.network = network;
    this.started = started;
    // `fresh`: an earlier run waits for an update, which paints and announces this one instead.
    const fits = sameModel && !this.fresh && this.targets && this.renderedKey === this.columnsKey(network);
    if (fits && this.options.shown()) {
      this.paint(false);
      this.announce(network.outputs);
      return;
    }
    this.fresh = true;
    this.host.requestUpdate();
  }

  /**
   * The columns and the details below them. `input` is the input column's content;
   * `inputDeps` change it (its samples), so the columns are rebuilt when they change.
   */
  render(input: () => unknown, inputDeps: unknown[]): unknown {
    const network = this.network;
    if (!network) return undefined;
    const across = this.options.across();
    const structure = structureOf(network.outputs);
    const key = this.columnsKey(network, structure, across);
    return html`${guard([key, this.focus, this.selected, this.expanded, network.model, ...inputDeps], () => {
      this.renderedKey = key;
      return this.renderColumns(network, across, input());
    })}
      <div class="details" part="details">
        ${renderZoom(network.outputs, this.focus)}
        <p aria-live="polite">${guard([structure, this.focus, this.selected], () =>
          // Looked up when the focus or selection moves, not on every stroke's render.
          focusDetails(network.outputs, this.focus, this.selected, this.followedByPlayground()),
        )}</p>
      </div>`;
  }

  /**
   * After the grid's update: paints a new run, or the same run into rebuilt columns, and
   * announces a new run once painted.
   */
  afterUpdate(): void {
    const { fresh, columnsRendered } = this;
    this.fresh = false;
    this.columnsRendered = false;
    if (!this.options.shown() || !this.network || !(fresh || columnsRendered)) return;
    this.paint(columnsRendered);
    if (fresh) this.announce(this.network.outputs);
  }

  /**
   * What the columns depend on besides the focus, the selection and the open layers (which
   * update the grid when they change): the layers and their shapes, the layout, and the
   * output's labels (a linked classifier's can change without a new model).
   */
  private columnsKey(
    network: Network,
    structure = structureOf(network.outputs),
    across = this.options.across(),
  ) {
    const classNames = this.options.labels(network.outputs[network.outputs.length - 1]?.values.length ?? 0);
    return `${structure}\n${across}\n${classNames.join('\n')}`;
  }

  /**
   * The columns, rebuilt only when their structure (the layers and their shapes), the
   * focus, the selection, the layout or the input's samples changed. New values alone (a
   * stroke, a training step) are painted into the same structure by `show`.
   */
  private renderColumns(network: Network, across: boolean, input: unknown) {
    this.columnsRendered = true;
    return renderNetwork({
      outputs: network.outputs,
      focus: this.focus,
      selected: this.selected,
      expanded: this.expanded,
      across,
      input,
      labels: this.options.labels,
      onItem: (layer, item, select) => (select ? this.select(layer, item) : this.moveTo([layer, item])),
      onKey: (e) => this.onKey(e),
      onRecolor: () => {
        if (this.network && this.targets) this.paint(true);
      },
      onToggle: (layer) => {
        const { expanded, focus } = toggleMaps(this.expanded, this.focus, layer);
        this.expanded = expanded;
        this.moveTo(focus);
      },
    });
  }

  /** Paints the input and the shown outputs, finding where they go (and the colours read there) anew when asked or not yet found. */
  private paint(findTargets: boolean): void {
    const { outputs } = this.network!;
    this.options.paintInput();
    if (findTargets || !this.targets) this.targets = networkTargets(this.host.renderRoot, outputs);
    paintNetwork(this.targets, outputs, this.options.labels);
  }

  /** Fires `network-update` for outputs just painted. */
  private announce(outputs: LayerOutput[]): void {
    const last = outputs[outputs.length - 1];
    if (!last) return;
    const best = argMax(last.values);
    emit<NetworkUpdateDetail>(this.host, 'network-update', {
      prediction: best,
      label: this.options.labels(last.values.length)[best],
      probability: last.values[best],
      ms: performance.now() - this.started,
    });
  }

  private moveTo(focus: [number, number]): void {
    this.focus = focus;
    this.host.requestUpdate();
  }

  private onKey(e: KeyboardEvent): void {
    const outputs = this.network?.outputs;
    if (!outputs || !(e.target as HTMLElement).classList?.contains('item')) return;
    const next = moveFocus(outputs, this.focus, e.key, this.options.across(), this.expanded);
    if (!next) return;
    e.preventDefault();
    this.moveTo(next);
    void this.host.updateComplete.then(() =>
      this.host.renderRoot
        .querySelector<HTMLElement>(`.network .item[data-layer="${next[0]}"][data-map="${next[1]}"]`)
        ?.focus(),
    );
  }

  /** Selects an item; a Conv2D map goes to `onConvMap` with the layer that made it and the map it read. */
  private select(layer: number, item: number): void {
    const network = this.network;
    if (!network) return;
    this.selected = [layer, item];
    this.moveTo([layer, item]);
    const o = network.outputs[layer];
    if (o.className !== 'Conv2D' || kindAt(network.outputs, layer) !== 'maps') return;
    const modelLayer = network.model.getLayer(o.name);
    const inbound = graphOf(network.model).get(modelLayer)?.inputs[0]?.sourceLayer;
    const from = network.outputs.find((x) => x.name === inbound?.name) ?? network.input;
    this.options.onConvMap({ layer: modelLayer, item, from });
  }

  /** Whether a playground in the grid's root follows it (for= names it), so that selecting a map sends it somewhere. */
  private followedByPlayground(): boolean {
    const root = this.host.getRootNode() as Document | ShadowRoot;
    return (
      this.host.id !== '' &&
      !!root.querySelector?.(`conv-filter-playground[for="${CSS.escape(this.host.id)}"]`)
    );
  }
}
