import { html, nothing, type PropertyValues } from 'lit';
import { property, query, queryAll, state } from 'lit/decorators.js';
import { styleProps } from '../style-props.js';
import type * as tfl from '@tensorflow/tfjs-layers';
import { CnnElement, messageOf } from '../cnn-element.js';
import { emit } from '../events.js';
import { LinkedSourceController } from '../../controllers/linked-source.js';
import { assetUrl } from '../../core/runtime/assets.js';
import {
  convLayers,
  describeConvLayer,
  filterKernel,
  modelInputShape,
  resolveConvLayer,
  type Activations,
  type ConvLayerInfo,
  type Filters,
} from '../../core/models/conv-layers.js';
import { readImage } from '../../core/images/image-input.js';
import { LatestOnly } from '../../core/runtime/latest-only.js';
import { ModelLease } from '../../core/models/model-lease.js';
import { RedrawThrottle } from '../../core/runtime/redraw-throttle.js';
import { formatNumber } from '../../core/math/pooling-plan.js';
import type { PresetName } from '../../core/images/preprocess.tf.js';
import { sampleUrl } from '../../core/images/samples.js';
import type { RgbaPixels } from '../../core/images/digit-preprocess.js';
import { defineDrawPad, type CnnDrawPad } from '../../vis/draw-pad.js';
import { bitmapContext } from '../../vis/bitmap.js';
import { paintPixels } from '../../vis/feature-map.js';
import {
  classNamesOf,
  drawPrompt,
  firstDigit,
  heldOutDigits,
  renderSampleStrip,
  sampleStripStyles,
  sourceSamples,
  type Sample,
} from '../sample-strip.js';
import { filterGridStyles } from './filter-grid.styles.js';
import { paintTiles, scaleNote, tileLabel, tileOrder, type TileLook } from './tiles.js';
import { networkStyles } from './network-view.styles.js';
import {
  NetworkViewController,
  type Network,
  type NetworkUpdateDetail,
  type SelectedConvMap,
} from './network-controller.js';
import { ResizeController } from '../../controllers/resize.js';
import type { FilterSelectDetail, ModelSource } from '../contracts.js';

export type { FilterSelectDetail } from '../contracts.js';
export type { NetworkUpdateDetail } from './network-controller.js';

/** One layer's output, as `getLayerOutputs()` returns it. */
export type { LayerOutput } from '../../core/models/layer-outputs.tf.js';

/** Detail of `snapshot`: the filters were recorded at the end of a training epoch. */
export interface FilterSnapshotDetail {
  epoch: number;
  /** Position of the snapshot on the timeline. */
  index: number;
  layer: string;
}

interface Snapshot {
  epoch: number;
  filters: Filters;
}

type View = 'filters' | 'activations' | 'network';
type Normalize = 'filter' | 'layer';

/** How often, at most, the grid redraws while a linked trainer trains. */
const LIVE_INTERVAL_MS = 300;
const DEFAULT_MODEL = 'models/digits/model.json';

/** The grid's TensorFlow.js side, fetched by the base class beside the backend. */
type Tfjs = typeof import('./compute.js');

/**
 * Shows what a CNN has learned: the filters of one convolution layer as small heatmaps,
 * or the activation maps they produce for an input. It follows a `<cnn-trainer>` or a
 * `<pretrained-classifier>` named by `for` (live while the trainer trains, redrawing at
 * most about three times a second, with a snapshot of the filters at every epoch end and
 * a timeline to move through them), or loads a LayersModel from `model-url`. With
 * neither it shows the library's shipped digit model.
 *
 * Select a filter (click, or Enter on the focused tile) to fire `filter-select` with its
 * weights: a `<conv-filter-playground for="…">` naming this grid takes them as its kernel.
 *
 * Keyboard: Tab to the tiles, arrow keys move between them, Enter or Space selects.
 * In the network view, arrows move between layers and between a layer's maps.
 *
 * @summary A model's learned filters and their activation maps, linked live to a trainer or classifier.
 * @tag filter-grid
 * @fires filter-select - The reader selected a filter; `detail: { index, kernel, layer }` (kernel: kh×kw weights
 *   of the input channel shown). In the network view, a selected Conv2D map adds `recipe`: the layer's input
 *   maps, one kernel per input channel, bias, activation, stride, dilation, padding.
 * @fires snapshot - The filters were recorded at an epoch end of the linked trainer; `detail: { epoch, index, layer }`.
 * @fires network-update - The network view painted every layer's output for a new input (a stroke, a picture) or
 *   new weights; `detail: { prediction, label, probability, ms }`. `getLayerOutputs()` reads the values.
 * @fires cnn-error - A missing or model-less source, no conv layer, a bad `layer`, a failed load; `detail: { message, cause? }`.
 * @csspart tile - Each drawn filter or activation map (carries `data-index`).
 * @csspart tiles - The scrolling grid of tiles.
 * @csspart network - The network view: the input and one column per layer.
 * @csspart map - Each activation map, bar strip or output list of the network view (carries `data-layer` and `data-map`).
 * @csspart legend - The colour legend.
 * @csspart samples - The inputs to pick beside the pad: a linked trainer's examples of the reader's own classes, else sample digits (a 1-channel model) or photos.
 * @csspart details - The weights and bias of the focused filter, announced to screen readers; in the network view, the
 *   focused map enlarged over its legend, and what the focused item is.
 * @csspart controls - Layer, view and scale pickers.
 * @csspart timeline - The epoch scrubber (when linked to a trainer).
 * @cssprop --cnn-tile-size - Smallest width of a tile (default 52px).
 * @cssprop --cnn-grid-max-height - Height after which the tiles scroll (default 360px).
 */
export class FilterGrid extends CnnElement<FilterGridEventMap, Tfjs> {
  /** @internal See CnnElement.computeModule. */
  static override computeModule = (): Promise<Tfjs> => import('./compute.js');

  static override styles = [...CnnElement.styles, sampleStripStyles, filterGridStyles, networkStyles];

  /** Id of a `<cnn-trainer>` or `<pretrained-classifier>` whose model to show, followed live. */
  @property() for?: string;

  /** URL of a tfjs LayersModel's `model.json`, used when `for` is not set. */
  @property({ attribute: 'model-url' }) modelUrl?: string;

  /** The conv layer: its name, or its index among the conv layers (0 is the first, the default). */
  @property() layer?: string;

  /**
   * `filters` (the weights), `activations` (what each filter of one layer sees in the
   * input) or `network` (every layer's output for the input, from the input to the
   * probabilities; select a conv map to send its whole convolution to a playground).
   */
  @property({ reflect: true }) view: View = 'filters';

  /**
   * `filter`: each tile spans its own range; `layer`: one range for the whole layer, so tiles compare.
   * (On this element the name shadows the DOM's rarely used `Node.normalize()`.)
   * @type {'filter' | 'layer'}
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- typed `any` because Node declares normalize() as a method.
  @property() override normalize: any = 'filter';

  /** An image for the activation maps; otherwise what a linked classifier last classified, a drawing, or a sample. */
  @property() src?: string;

  @state() private info?: ConvLayerInfo;
  @state() private layers: ConvLayerInfo[] = [];
  @state() private filters?: Filters;
  @state() private activations?: Activations;
  @state() private snapshots: Snapshot[] = [];
  /** Timeline position: an index into `snapshots`, or `snapshots.length` for live. */
  @state() private moment = 0;
  @state() private channel: number | 'rgb' = 0;
  @state() private sortByMean = false;
  @state() private focused = 0;
  @state() private selected?: number;
  /**
   * The picture the activation maps are computed for (RGBA). Not reactive: a new picture
   * renders nothing by itself, and is painted with what is computed for it.
   */
  private picture?: RgbaPixels;
  /** Where a drawn `picture` (the ink's region of the pad) lies on the pad, for the Input figure. */
  private drawing?: { pixels: ImageData; left: number; top: number; side: number };
  /** A held-out digit of each class to pick as the input (1-channel models); none when MNIST could not load. */
  @state() private samples: Sample[] = [];
  @state() private samplesUnavailable = false;
  /** A linked trainer's examples of the reader's own classes, offered in place of the digits. */
  @state() private ownSamples?: Sample[];
  /** The default input last shown, so that a better default may replace it until the reader chooses one. */
  private defaultShown?: RgbaPixels;
  private samplesLoad?: Promise<void>;
  private readonly size = new ResizeController(this);
  /** The network view: its last run, focus, selection and open layers; painting and `network-update`. */
  private readonly net = new NetworkViewController(this, {
    labels: (count) => this.outputLabels(count),
    // Side by side where the grid is wide enough (or not measured yet), else stacked.
    across: () => this.size.width === 0 || this.size.width >= 640,
    onConvMap: (map) => this.sendConvMap(map),
    shown: () => this.view === 'network',
    paintInput: () => this.paintPicture(),
  });

  @query('svg.legend') private legendSvg?: SVGSVGElement;
  @query('canvas.picture') private pictureCanvas?: HTMLCanvasElement;
  @queryAll('[part~="tile"] canvas') private tileCanvases!: NodeListOf<HTMLCanvasElement>;

  private model?: tfl.LayersModel;
  /** A model this element loaded itself (from model-url or the default), so its to dispose. */
  private ownModel?: tfl.LayersModel;
  private modelRequest = 0;
  private readonly link = new LinkedSourceController<ModelSource>(
    this,
    (source) => this.onLinkedSource(source),
    {
      // Elements without a model are explained by onLinkedSource; the controller refuses the grid itself.
      accepts: () => true,
      wanted: 'a <cnn-trainer> or a <pretrained-classifier>',
      report: (message) => this.fail(message, undefined, { about: 'for' }),
      clear: () => this.clearError('for'),
    },
  );
  private linked?: ModelSource;
  private readonly refresher = new LatestOnly(() => this.refreshNow());
  /** Redraws while a linked trainer trains: at most every LIVE_INTERVAL_MS, never queueing. */
  private readonly live = new RedrawThrottle(LIVE_INTERVAL_MS, () => void this.refresher.request());
  /** The grid's own model is disposed only once no refresh reads it. */
  private readonly lease = new ModelLease<tfl.LayersModel>((model) => model.dispose());

  constructor() {
    super();
    defineDrawPad();
  }

  /** The weights drawn (the live layer, or the snapshot the timeline shows), as the model holds them. */
  async getFilters(): Promise<{
    values: Float32Array;
    shape: [number, number, number, number];
    layer: string;
  }> {
    await this.ready;
    await this.refresher.settled();
    const filters = this.shownFilters();
    if (!filters) throw new Error('The filter grid has no model to read filters from yet.');
    return { values: filters.values.slice(), shape: [...filters.shape], layer: filters.layer };
  }

  /** The chosen layer's activation maps for the current input, row-major [h, w, filters]. */
  async getActivations(): Promise<{ values: Float32Array; shape: [number, number, number] }> {
    await this.ready;
    await this.refresher.settled();
    const activations = this.activations ?? (await this.computeActivationsNow());
    if (!activations)
      throw new Error('The filter grid has no model or no input to compute activations for yet.');
    return { values: activations.values.slice(), shape: [...activations.shape] };
  }

  /**
   * Every layer's output for the current input (batch dimension dropped), in model order:
   * what the network view draws. In the other views it is computed on demand.
   */
  async getLayerOutputs(): Promise<
    Array<{ name: string; className: string; shape: number[]; values: Float32Array }>
  > {
    await this.ready;
    await this.refresher.settled();
    const shown = this.view === 'network' ? this.net.of(this.model) : undefined;
    const outputs = shown?.outputs ?? (await this.runNetwork())?.outputs;
    if (!outputs) throw new Error('The filter grid has no model or no input to run yet.');
    return outputs.map((o) => ({
      name: o.name,
      className: o.className,
      shape: [...o.shape],
      values: o.values.slice(),
    }));
  }

  /** Recomputes what is shown for the current model and input (after the page changed the model's weights itself, say). */
  async refresh(): Promise<void> {
    await this.ready;
    await this.refresher.request();
  }

  protected override async load(signal: AbortSignal): Promise<void> {
    if (!this.for) await this.loadOwnModel(signal);
  }

  protected override onReady(): void {
    // Armed, the link reports a missing id now and whenever for= names one later.
    this.link.arm();
    if (this.for) {
      if (!this.link.missing) this.onLinkedSource(this.link.source);
    } else void this.refresher.request();
  }

  protected override release(): void {
    this.live.cancel();
    this.detachLinked();
    this.setModel(undefined);
    if (this.ownModel) this.lease.retire(this.ownModel);
    this.ownModel = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A changed for= ends the message about the old one; a new problem is reported anew.
    if (changed.has('for')) this.clearError('for');
    if (changed.has('for')) this.link.follow(this.for);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (changed.has('view')) this.checkChoice('view', this.view, ['filters', 'activations', 'network']);
    if (changed.has('normalize')) this.checkChoice('normalize', this.normalize, ['filter', 'layer']);
    const live = this.state !== 'loading' && this.state !== 'error';
    if (live && changed.has('modelUrl') && !this.for)
      void this.compute(() => this.loadOwnModel(), 'Loading the model failed');
    if (live && changed.has('src') && this.src) void this.loadPicture(this.src);
    if (live && (changed.has('layer') || changed.has('view'))) void this.refresher.request();
    if (
      ['filters', 'activations', 'normalize', 'channel', 'moment', 'sortByMean', 'view'].some((k) =>
        changed.has(k),
      )
    )
      this.paintTiles();
    // The picture beside the activation maps is painted with the maps computed for it (the
    // network view paints its own with its columns).
    if (this.view === 'activations' && (changed.has('activations') || changed.has('view')))
      this.paintPicture();
    this.net.afterUpdate();
  }

  // ---- sources ---------------------------------------------------------------

  private async loadOwnModel(signal?: AbortSignal): Promise<void> {
    const url = this.modelUrl || assetUrl(DEFAULT_MODEL);
    const request = ++this.modelRequest;
    try {
      const loaded = await this.downloading('the model', (onProgress) =>
        this.tfjs.loadModel(url, { signal, onProgress }),
      );
      if (request !== this.modelRequest || signal?.aborted) {
        loaded.model.dispose();
        return;
      }
      if (loaded.kind !== 'layers') {
        loaded.model.dispose();
        throw new Error(
          `${url} is a graph model: its layers and weights have no names to show. Give the filter grid a LayersModel (tfjs.save, or tensorflowjs_converter --output_format tfjs_layers_model).`,
        );
      }
      const previous = this.ownModel;
      this.clearError('model-url');
      this.ownModel = loaded.model as tfl.LayersModel;
      this.setModel(this.ownModel);
      if (previous) this.lease.retire(previous);
    } catch (e) {
      if (signal?.aborted) throw e;
      this.fail(messageOf(e), e, { about: 'model-url' });
    }
  }

  private readonly onSourceModel = () => {
    this.onSourceSamples();
    this.adoptLinkedModel();
  };
  private readonly onSourceSamples = () => {
    const next = sourceSamples(this.linked, this.ownSamples);
    if (next === this.ownSamples) return;
    this.ownSamples = next;
    // Nothing chosen yet: the reader's own first example (or, without one, the digit) is the better default.
    if (this.picture && this.picture === this.defaultShown) {
      this.picture = undefined;
      if (this.view === 'activations' || this.view === 'network') void this.refresher.request();
    }
  };
  private readonly onSourceBatch = () => this.live.request();
  private readonly onSourceEpoch = (e: Event) =>
    void this.recordSnapshot((e as CustomEvent<{ epoch: number }>).detail?.epoch);
  /**
   * A linked classifier classified something, or a trainer's pad changed: show what that
   * input does to the network (unless `src` says otherwise).
   */
  private readonly onSourceInput = () => {
    const input = this.linked?.input;
    if (!input || this.src) return;
    this.picture = input;
    if (this.view === 'activations' || this.view === 'network') void this.refresher.request();
  };

  private onLinkedSource(source: ModelSource | undefined): void {
    this.detachLinked();
    this.linked = source;
    // No source: the link controller reports a missing id (an element not defined yet is waited for).
    if (!source) return;
    if (!('model' in source)) {
      const message = `#${this.for} is a <${source.localName}>, which has no model. Point for= at a <cnn-trainer> or a <pretrained-classifier>.`;
      this.fail(message, undefined, { about: 'for' });
      return;
    }
    source.addEventListener('model-change', this.onSourceModel);
    source.addEventListener('batch-end', this.onSourceBatch);
    source.addEventListener('epoch-end', this.onSourceEpoch);
    source.addEventListener('prediction', this.onSourceInput);
    source.addEventListener('input-change', this.onSourceInput);
    source.addEventListener('dataset-change', this.onSourceSamples);
    this.onSourceSamples();
    if (this.state !== 'loading') this.adoptLinkedModel();
  }

  private detachLinked(): void {
    this.linked?.removeEventListener('model-change', this.onSourceModel);
    this.linked?.removeEventListener('batch-end', this.onSourceBatch);
    this.linked?.removeEventListener('epoch-end', this.onSourceEpoch);
    this.linked?.removeEventListener('prediction', this.onSourceInput);
    this.linked?.removeEventListener('input-change', this.onSourceInput);
    this.linked?.removeEventListener('dataset-change', this.onSourceSamples);
    this.linked = undefined;
    this.ownSamples = undefined;
  }

  private adoptLinkedModel(): void {
    const model = this.linked?.model;
    if (!model) {
      this.setModel(undefined);
      this.fail(
        `#${this.for} has no model yet: the filters appear once it has one (build or load it there).`,
      );
      return;
    }
    if (!isLayersModel(model)) {
      this.setModel(undefined);
      this.fail(
        `#${this.for} holds a graph model, which has no named layers to show. Use a LayersModel there.`,
      );
      return;
    }
    if (model !== this.model) this.setModel(model);
    else void this.refresher.request();
  }

  private setModel(model: tfl.LayersModel | undefined): void {
    if (model !== this.model) {
      this.snapshots = [];
      this.moment = 0;
      this.selected = undefined;
    }
    this.model = model;
    if (!model) {
      this.info = undefined;
      this.layers = [];
      this.filters = undefined;
      this.activations = undefined;
      return;
    }
    void this.refresher.request();
  }

  // ---- computing ---------------------------------------------------------------

  private async refreshNow(): Promise<void> {
    const model = this.model;
    // A linked source may report (a prediction, a batch) before this grid has started: its
    // first refresh, once ready, shows the latest state.
    if (model && this.tfjsLoaded) await this.lease.using(model, () => this.refreshWith(model));
  }

  private async refreshWith(model: tfl.LayersModel): Promise<void> {
    if (this.view !== 'filters' && modelInputShape(model)[2] === 1) this.loadSampleDigits();
    if (this.view === 'network') return this.refreshNetwork(model);
    let info: ConvLayerInfo;
    try {
      info = resolveConvLayer(model, this.layer);
    } catch (e) {
      this.fail(messageOf(e), e);
      return;
    }
    await this.compute(async () => {
      const filters = await this.tfjs.readFilters(model, info);
      if (model !== this.model) return;
      if (this.info?.name !== info.name) {
        this.channel = 0;
        this.selected = undefined;
        this.focused = 0;
      }
      this.info = info;
      this.layers = convLayers(model);
      this.filters = filters;
      this.activations = this.view === 'activations' ? await this.computeActivationsNow() : undefined;
      this.clearError();
    }, 'Reading the filters failed');
  }

  /**
   * The model's input for the current picture (src, a linked classifier's input, a drawing,
   * or a default), with its values where they are at hand; the caller disposes the tensor.
   */
  private async modelInput(model: tfl.LayersModel) {
    const picture =
      this.picture ??
      (this.src
        ? await readImage(this.src, { maxSide: 256 })
        : (this.linked?.input ?? (await this.defaultPicture(model))));
    if (!this.picture) this.picture = picture;
    const [h, w, channels] = modelInputShape(model);
    const digit = h === 28 && w === 28 && channels === 1;
    const preset: PresetName = digit ? 'mnist' : 'unit';
    return this.tfjs.pixelsToModelInput(picture, {
      height: h ?? Math.min(picture.height, 224),
      width: w ?? Math.min(picture.width, 224),
      channels,
      preset,
    });
  }

  /**
   * Runs the whole model on the current input and reads every layer's output, into the
   * arrays of `reuse` (a result the caller gives up) where the backend allows.
   */
  private async runNetwork(reuse?: Network): Promise<Network | undefined> {
    const model = this.model;
    if (!model) return undefined;
    return this.lease.using(model, () => this.runNetworkOf(model, reuse));
  }

  private async runNetworkOf(model: tfl.LayersModel, reuse?: Network): Promise<Network> {
    const { tensor: input, values: known } = await this.modelInput(model);
    try {
      // A digit's values are at hand; any other input is read back (a wait on a GPU).
      const [outputs, values] = await Promise.all([
        this.tfjs.layerOutputs(model, input, reuse?.outputs),
        known ?? this.tfjs.readValues(input, reuse?.input.values),
      ]);
      return {
        model,
        input: { name: 'input', className: 'InputLayer', shape: input.shape.slice(1), values },
        outputs,
      };
    } finally {
      input.dispose();
    }
  }

  private async refreshNetwork(model: tfl.LayersModel): Promise<void> {
    const started = performance.now();
    await this.compute(async () => {
      // The shown result's arrays are written again: it is replaced by this one.
      const network = await this.runNetwork(this.net.of(model));
      if (!network || model !== this.model) return;
      this.net.show(network, started);
      this.clearError();
    }, 'Running the network failed');
  }

  private async computeActivationsNow(): Promise<Activations | undefined> {
    const model = this.model;
    const info = this.info;
    if (!model || !info) return undefined;
    return this.lease.using(model, async () => {
      const { tensor: input } = await this.modelInput(model);
      try {
        return await this.tfjs.computeActivations(model, info, input);
      } finally {
        input.dispose();
      }
    });
  }

  /**
   * A first input: a linked trainer's first example of the reader's own classes, else the
   * held-out digit the classifier also starts with for a digit model, the cat photo otherwise.
   */
  private async defaultPicture(model: tfl.LayersModel): Promise<RgbaPixels> {
    const own = this.ownSamples?.[0];
    if (own) return (this.defaultShown = own.image);
    const [, , channels] = modelInputShape(model);
    if (channels === 1) {
      this.loadSampleDigits();
      await this.samplesLoad;
      const first = firstDigit(this.samples);
      if (!first) throw new Error('The sample digits could not be loaded: draw a digit, or give src.');
      return (this.defaultShown = first.image);
    }
    return readImage(sampleUrl('cat'), { maxSide: 224 });
  }

  private async loadPicture(url: string): Promise<void> {
    await this.compute(async () => {
      const picture = await readImage(url, { maxSide: 256 });
      if (url !== this.src) return;
      this.picture = picture;
      this.activations = this.view === 'activations' ? await this.computeActivationsNow() : undefined;
      if (this.view === 'network') await this.refreshNetwork(this.model!);
    }, 'Loading the image failed');
  }

  private onDraw(e: Event): void {
    const pad = e.currentTarget as CnnDrawPad;
    if (pad.empty) return;
    const { pixels, left, top } = pad.getInk();
    this.picture = pixels;
    this.drawing = { pixels, left, top, side: pad.size };
    void this.refresher.request();
  }

  /**
   * A sample picked from the strip becomes the input, in place of a drawing (the pad is
   * cleared, so it never shows a drawing that is no longer the input).
   */
  private async pickSample(sample: ImageData | string): Promise<void> {
    const picture =
      typeof sample === 'string'
        ? await this.compute(() => readImage(sample, { maxSide: 256 }), 'Loading the sample failed')
        : sample;
    if (!picture) return;
    this.renderRoot.querySelector<CnnDrawPad>('cnn-draw-pad')?.clear();
    this.drawing = undefined;
    this.picture = picture;
    await this.refresher.request();
  }

  /** Once: samples are a convenience, and without them the pad, src and a linked classifier still give inputs. */
  private loadSampleDigits(): void {
    this.samplesLoad ??= heldOutDigits(this.tfjs).then(
      (digits) => void (this.samples = digits),
      () => void (this.samplesUnavailable = true),
    );
  }

  private async recordSnapshot(epoch: number | undefined): Promise<void> {
    const model = this.model;
    const info = this.info;
    if (!model || !info) return;
    const filters = await this.tfjs.readFilters(model, info);
    const atLive = this.moment >= this.snapshots.length;
    const snapshot = { epoch: epoch ?? this.snapshots.length + 1, filters };
    this.snapshots = [...this.snapshots, snapshot];
    if (atLive) this.moment = this.snapshots.length;
    emit<FilterSnapshotDetail>(this, 'snapshot', {
      epoch: snapshot.epoch,
      index: this.snapshots.length - 1,
      layer: info.name,
    });
  }

  private shownFilters(): Filters | undefined {
    return this.snapshots[this.moment]?.filters ?? this.filters;
  }

  // ---- drawing -------------------------------------------------------------------

  /** The grid's settings that decide how the tiles look. */
  private tileLook(): TileLook {
    return {
      activations: this.view === 'activations',
      normalize: this.normalize as TileLook['normalize'],
      channel: this.channel,
    };
  }

  private paintTiles(): void {
    paintTiles([...this.tileCanvases], this.legendSvg, this.tileLook(), {
      filters: this.shownFilters(),
      activations: this.activations,
    });
  }

  private paintPicture(): void {
    const canvas = this.pictureCanvas;
    const p = this.picture;
    if (!canvas || !p) return;
    const ctx = bitmapContext(canvas);
    const drawing = this.drawing;
    if (drawing?.pixels !== p) return paintPixels(canvas, p);
    // A drawing: its ink's region on the pad's black, as the reader drew it.
    const { pixels, left, top, side } = drawing;
    if (canvas.width !== side || canvas.height !== side) [canvas.width, canvas.height] = [side, side];
    if (!ctx) return;
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, side, side);
    ctx.putImageData(pixels, left, top);
  }

  // ---- reader actions ---------------------------------------------------------

  private select(index: number): void {
    const filters = this.shownFilters();
    if (!filters) return;
    this.selected = index;
    this.focused = index;
    const channel = this.channel === 'rgb' ? 0 : this.channel;
    emit<FilterSelectDetail>(this, 'filter-select', {
      index,
      kernel: filterKernel(filters, index, channel),
      layer: filters.layer,
    });
  }

  private onTilesKey(e: KeyboardEvent, order: number[]): void {
    const position = order.indexOf(this.focused);
    const grid = e.currentTarget as HTMLElement;
    const first = grid.querySelector<HTMLElement>('[part~="tile"]');
    const columns = first ? Math.max(1, Math.round(grid.clientWidth / (first.offsetWidth + 6))) : 1;
    const moves: Record<string, number> = {
      ArrowRight: 1,
      ArrowLeft: -1,
      ArrowDown: columns,
      ArrowUp: -columns,
    };
    if (e.key === 'Home' || e.key === 'End') {
      void this.focusTile(order[e.key === 'Home' ? 0 : order.length - 1]);
    } else if (e.key in moves) {
      void this.focusTile(order[Math.min(order.length - 1, Math.max(0, position + moves[e.key]))]);
    } else return;
    e.preventDefault();
  }

  private async focusTile(index: number): Promise<void> {
    this.focused = index;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[part~="tile"][data-index="${index}"]`)?.focus();
  }

  // ---- template ---------------------------------------------------------------

  protected override renderContent(): unknown {
    if (this.view === 'network') return this.renderNetworkView();
    const filters = this.shownFilters();
    const info = this.info;
    if (!filters || !info)
      // The controls are there from the first paint (before tfjs and the model), so the frame does not jump.
      return html`${this.renderControls()}
        <p class="placeholder">${this.for ? `Waiting for a model from #${this.for}…` : 'Loading the model…'}</p>`;
    const activations = this.view === 'activations' ? this.activations : undefined;
    const count = filters.shape[3];
    const order = tileOrder(
      count,
      this.view === 'activations' && this.sortByMean ? this.activations : undefined,
    );
    return html`
      ${this.renderControls(info, filters)} ${this.snapshots.length ? this.renderTimeline() : nothing}
      ${this.view === 'activations' ? this.renderInput() : nothing}
      <div class="tiles" part="tiles" role="listbox" aria-label=${`${this.view === 'activations' ? 'Activation maps' : 'Filters'} of ${info.name}`} @keydown=${(e: KeyboardEvent) => this.onTilesKey(e, order)}>
        ${order.map(
          (f) => html`<div
            class="tile"
            part="tile"
            role="option"
            data-index=${f}
            tabindex=${f === this.focused ? 0 : -1}
            aria-selected=${f === this.selected ? 'true' : 'false'}
            aria-label=${tileLabel(f, filters, this.channel, activations)}
            @click=${() => this.select(f)}
            @focus=${() => (this.focused = f)}
            @mouseenter=${() => (this.focused = f)}
            @keydown=${(e: KeyboardEvent) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                this.select(f);
              }
            }}
          >
            <canvas data-filter=${f} aria-hidden="true"></canvas><span aria-hidden="true">${f}</span>
          </div>`,
        )}
      </div>
      <svg class="legend" part="legend" aria-hidden="true" ?hidden=${this.normalize !== 'layer' || this.channel === 'rgb'}></svg>
      <p class="note">${scaleNote(this.tileLook())}</p>
      ${this.renderDetails(filters)}
    `;
  }

  /** The settings bar; without a model yet (`info` missing), the layer choice waits, disabled. */
  private renderControls(info?: ConvLayerInfo, filters?: Filters) {
    const inC = filters?.shape[2] ?? 1;
    return html`<div class="bar" part="controls">
      <label
        >Layer
        <select ?disabled=${!info} @change=${(e: Event) => (this.layer = (e.target as HTMLSelectElement).value)}>
          ${
            info
              ? this.layers.map(
                  (l) =>
                    html`<option value=${l.name} ?selected=${l.name === info.name}>${describeConvLayer(l)} → ${l.outputShape.join('×')}</option>`,
                )
              : html`<option>no model yet</option>`
          }
        </select>
      </label>
      <label
        >View
        <select @change=${(e: Event) => (this.view = (e.target as HTMLSelectElement).value as View)}>
          <option value="filters" ?selected=${this.view === 'filters'}>filters (weights)</option>
          <option value="activations" ?selected=${this.view === 'activations'}>activation maps</option>
          <option value="network">whole network</option>
        </select>
      </label>
      <label
        >Scale
        <select @change=${(e: Event) => (this.normalize = (e.target as HTMLSelectElement).value as Normalize)}>
          <option value="filter" ?selected=${this.normalize === 'filter'}>per tile</option>
          <option value="layer" ?selected=${this.normalize === 'layer'}>shared by the layer</option>
        </select>
      </label>
      ${
        this.view === 'filters' && inC > 1
          ? html`<label
            >Input channel
            <select @change=${(e: Event) => {
              const v = (e.target as HTMLSelectElement).value;
              this.channel = v === 'rgb' ? 'rgb' : Number(v);
            }}>
              ${inC === 3 ? html`<option value="rgb" ?selected=${this.channel === 'rgb'}>RGB composite</option>` : nothing}
              ${Array.from({ length: inC }, (_, c) => html`<option value=${c} ?selected=${this.channel === c}>${c}</option>`)}
            </select>
          </label>`
          : nothing
      }
      ${
        this.view === 'activations'
          ? html`<label class="inline"
            ><input type="checkbox" .checked=${this.sortByMean} @change=${(e: Event) => (this.sortByMean = (e.target as HTMLInputElement).checked)} /> Sort by mean
            activation</label
          >`
          : nothing
      }
    </div>`;
  }

  private renderTimeline() {
    const n = this.snapshots.length;
    const at = this.snapshots[this.moment];
    return html`<div class="timeline" part="timeline">
      <label for="moment">Epoch</label>
      <input
        id="moment"
        type="range"
        min="0"
        max=${n}
        .value=${String(this.moment)}
        aria-valuetext=${at ? `epoch ${at.epoch}` : 'live'}
        @input=${(e: Event) => (this.moment = Number((e.target as HTMLInputElement).value))}
      />
      <span aria-live="polite">${at ? `after epoch ${at.epoch}` : 'live'}</span>
    </div>`;
  }

  private renderInput() {
    const digitModel = this.model ? modelInputShape(this.model)[2] === 1 : false;
    const prompt = drawPrompt(classNamesOf(this.linked));
    return html`<div class="input">
      <figure>
        <figcaption>Input</figcaption>
        <canvas class="picture" role="img" aria-label="The input the activation maps are computed for"></canvas>
      </figure>
      ${
        digitModel
          ? // The caption says what the black square is for; the pad's own label names it for assistive tech.
            html`<div class="pad-figure">
              <span class="caption" aria-hidden="true">${prompt}</span>
              <cnn-draw-pad label=${prompt} size=${padSide()} ${styleProps({ '--cnn-pad-size': `${PAD_CSS_PX}px` })} @draw-input=${this.onDraw} @draw-change=${this.onDraw}></cnn-draw-pad>
            </div>`
          : nothing
      }
      ${
        digitModel && this.samplesUnavailable && !this.ownSamples
          ? nothing
          : renderSampleStrip(
              digitModel,
              this.samples,
              (sample) => void this.pickSample(sample),
              this.ownSamples,
            )
      }
    </div>`;
  }

  // ---- the network view (its state and painting: NetworkViewController) ---------------

  private renderNetworkView() {
    const view = this.net.render(
      () => this.renderInput(),
      // The input column's strip.
      [this.samples, this.ownSamples, this.samplesUnavailable],
    );
    if (!view)
      return html`<p class="placeholder">${this.for ? `Waiting for a model from #${this.for}…` : 'Loading the model…'}</p>`;
    return html`<div class="bar" part="controls">
        <label
          >View
          <select @change=${(e: Event) => (this.view = (e.target as HTMLSelectElement).value as View)}>
            <option value="filters">filters (weights)</option>
            <option value="activations">activation maps</option>
            <option value="network" selected>whole network</option>
          </select>
        </label>
      </div>
      ${view}`;
  }

  /** Class names for the output: the linked source's (a classifier's labels, a trainer's own classes) where they fit, else class numbers. */
  private outputLabels(count: number): string[] {
    const names = classNamesOf(this.linked);
    return names?.length === count ? names : classNumbers(count);
  }

  /** A Conv2D map selected in the network view: `filter-select` with the whole convolution that made it. */
  private sendConvMap({ layer, item, from }: SelectedConvMap): void {
    void this.compute(async () => {
      const recipe = await this.tfjs.convMapRecipe(layer, item, {
        values: from.values.slice(),
        shape: from.shape as [number, number, number],
      });
      emit<FilterSelectDetail>(this, 'filter-select', {
        index: item,
        kernel: recipe.kernels[0],
        layer: layer.name,
        recipe,
      });
    }, 'Reading the filter failed');
  }

  private renderDetails(filters: Filters) {
    const f = this.focused;
    if (f >= filters.shape[3]) return nothing;
    const channel = this.channel === 'rgb' ? 0 : this.channel;
    const kernel = filterKernel(filters, f, channel);
    const bias = filters.bias?.[f];
    return html`<section class="details" part="details" aria-live="polite">
      <table class="weights" aria-label=${`Weights of filter ${f}, input channel ${channel}`}>
        <thead>
          <tr>
            <th scope="col"><span class="sr-only">Kernel row</span></th>
            ${kernel[0].map((_, c) => html`<th scope="col"><span class="sr-only">Column </span>${c + 1}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${kernel.map(
            (row, r) => html`<tr>
              <th scope="row"><span class="sr-only">Row </span>${r + 1}</th>
              ${row.map((v) => html`<td>${formatNumber(v)}</td>`)}
            </tr>`,
          )}
        </tbody>
      </table>
      <p>
        Filter ${f} of ${filters.shape[3]} in ${filters.layer}${filters.shape[2] > 1 ? `, input channel ${channel}` : ''}${bias !== undefined ? `, bias ${formatNumber(bias)}` : ''}.
        ${this.selected === f ? 'Selected.' : 'Enter or click selects it.'}
      </p>
    </section>`;
  }
}

/** The draw pad's shown width (CSS px). */
const PAD_CSS_PX = 120;

/**
 * The pad draws at the resolution it is shown at (its CSS width times the screen's pixel
 * ratio, at most 2), not the pad's default 280 px: every stroke's pixels are read back,
 * found and scaled into a 28×28 digit, and at 280 px that costs more than the network.
 */
function padSide(): number {
  return Math.round(PAD_CSS_PX * Math.min(2, Math.max(1, globalThis.devicePixelRatio || 1)));
}

/** "0", "1", …: one list per count, kept (the network view asks for it on every stroke). */
const numberLists = new Map<number, string[]>();

function classNumbers(count: number): string[] {
  let list = numberLists.get(count);
  if (!list) numberLists.set(count, (list = Array.from({ length: count }, (_, i) => String(i))));
  return list;
}

function isLayersModel(model: unknown): model is tfl.LayersModel {
  return typeof model === 'object' && model !== null && Array.isArray((model as tfl.LayersModel).layers);
}

/** The grid's events, typed on the grid (`grid.addEventListener('filter-select', …)`), not globally. */
export interface FilterGridEventMap {
  'filter-select': CustomEvent<FilterSelectDetail>;
  snapshot: CustomEvent<FilterSnapshotDetail>;
  'network-update': CustomEvent<NetworkUpdateDetail>;
}
