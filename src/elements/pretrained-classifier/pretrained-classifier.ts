import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { styleProps } from '../style-props.js';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import { CnnElement, messageOf } from '../cnn-element.js';
import { emit } from '../events.js';
import { DEFAULT_HEADING_LEVEL, HEADING_LEVELS, renderHeading } from '../heading.js';
import { LinkedSourceController } from '../../controllers/linked-source.js';
import type { ModelChangeDetail, ModelSource } from '../contracts.js';
import { assetUrl } from '../../core/runtime/assets.js';
import { readImage, type ImageInput, type ImagePixels } from '../../core/images/image-input.js';
// Types only from the tfjs side: its code arrives with compute.js, behind the first paint.
import type { LoadedModel } from '../../core/models/model-loader.tf.js';
import type { PresetName } from '../../core/images/preprocess.tf.js';
import {
  labelsFor,
  toProbabilities,
  topK,
  type ClassLabel,
  type Prediction,
} from '../../core/models/labels.js';
import { DIGIT_SIDE, preprocessDigit } from '../../core/images/digit-preprocess.js';
import { SAMPLE_IMAGES, SAMPLE_NAMES, sampleUrl } from '../../core/images/samples.js';
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
import { LatestOnly } from '../../core/runtime/latest-only.js';
import { ImageIntake } from '../../controllers/image-intake.js';
import { ModelLease } from '../../core/models/model-lease.js';
import { defineDrawPad, type CnnDrawPad } from '../../vis/draw-pad.js';
import { DIGIT_LABELS, parseInputSize, parseTopK } from './input.js';
import { clearCanvas, grayToRgba, paintHeatmap, paintPixels } from './paint.js';
import { pretrainedClassifierStyles } from './pretrained-classifier.styles.js';
import { CameraController } from '../../controllers/camera.js';

export type { Prediction } from '../../core/models/labels.js';

/** Detail of the `prediction` event. */
export interface PredictionDetail {
  /** The top-k classes, best first. */
  top: Prediction[];
  /** Milliseconds from pixels to probabilities (preprocessing, the model, reading the result). */
  ms: number;
  /** The TensorFlow.js backend it ran on. */
  backend: string;
}

export type { ModelChangeDetail } from '../contracts.js';

/** The classifier's events, typed on the classifier (`classifier.addEventListener('prediction', …)`), not globally. */
export interface PretrainedClassifierEventMap {
  prediction: CustomEvent<PredictionDetail>;
  'model-change': CustomEvent<ModelChangeDetail>;
}

/** The model in use with everything needed to run it. Replaced whole, so a failed load keeps the previous one. */
interface Session {
  loaded: LoadedModel;
  labels: ClassLabel[];
  /** Height and width the input is resized to. */
  size: [number, number];
  preset: PresetName;
  /** False for a linked trainer's model, which the trainer disposes. */
  owned: boolean;
}

/** Images are scaled down to this longest side before preprocessing (no model here needs more). */
const MAX_SIDE = 512;
/** Smaller images are refused: nothing recognisable fits in fewer pixels. */
const MIN_SIDE = 8;

/** The classifier's TensorFlow.js side, fetched by the base class beside the backend. */
type Tfjs = typeof import('./compute.js');

/**
 * Classifies an image or a drawn digit with a pretrained TensorFlow.js model and shows the
 * top-k classes with their probabilities, the model's latency and the backend.
 *
 * With no attributes it loads the digit classifier shipped with the library and offers a
 * drawing pad and sample digits; the prediction follows the pen. With `model-url` it loads
 * any tfjs LayersModel or GraphModel (MobileNet, a converted ResNet50), reading the input
 * size from the model and the labels from `labels` (for a 1000-class model, the ImageNet-1k
 * names shipped with the library, each shown with its WordNet id). Images come from `src`, a slotted `<img>`, the file picker, drag and drop, paste,
 * the camera, or the shipped sample photos. With `explain`, a Grad-CAM overlay shows which
 * pixels made the model choose its top class.
 *
 * @summary Classify an image or a drawn digit with a pretrained model and show the top-k classes.
 * @tag pretrained-classifier
 * @slot - An `<img>` to classify (it is read, not shown: the element shows what the model sees).
 * @fires prediction - A classification finished; `detail: { top, ms, backend }`, top-k best first.
 * @fires model-change - A model was loaded or linked and is in use;
 *   `detail: { model, reason, kind, url, inputShape, classes }`, the shape every model-change has.
 * @fires cnn-error - Bad input or a failed load; `detail: { message, cause? }`. The previous model and result stay.
 * @csspart input - The input side: pad or image, sources and samples.
 * @csspart pad - The drawing pad (for 1-channel models).
 * @csspart preview - What the model sees, with the Grad-CAM overlay.
 * @csspart controls - Buttons and the file picker.
 * @csspart samples - A linked trainer's examples of the reader's own classes, else the sample digits or photos.
 * @csspart predictions - The top-k list with probability bars.
 * @csspart narration - The top prediction in words, announced to screen readers.
 * @cssprop --cnn-pad-size - Side of the drawing pad (default 196px).
 * @cssprop --cnn-preview-size - Largest side of the image preview (default 224px).
 */
export class PretrainedClassifier extends CnnElement<PretrainedClassifierEventMap, Tfjs> {
  /** @internal See CnnElement.computeModule. */
  static override computeModule = (): Promise<Tfjs> => import('./compute.js');

  static override styles = [...CnnElement.styles, sampleStripStyles, pretrainedClassifierStyles];

  /** URL of a tfjs `model.json` (LayersModel or GraphModel). Empty: the shipped digit model. */
  @property({ attribute: 'model-url' }) modelUrl = '';

  /**
   * Class names: a URL of a JSON array or a text file (one a line), or an inline JSON array.
   * `[id, name]` pairs (and Keras's `imagenet_class_index.json`) give each class an id, shown beside its name.
   * Default: a linked trainer's own classes (`dataset="custom"`), the ImageNet-1k names with their
   * WordNet ids for a 1000-class model, digits for a 10-class 1-channel model.
   */
  @property({ converter: { fromAttribute: (v: string | null) => v ?? undefined } }) labels?:
    | string
    | string[];

  /** Input height×width such as `224` or `224x160`. Default: read from the model (224 where it accepts any size). */
  @property({ attribute: 'input-size' }) inputSize?: number | string;

  /** `unit`, `mobilenet`, `caffe` or `mnist`. Default: `mnist` for 1-channel models, `unit` otherwise. */
  @property() preprocess?: string;

  /** How many classes to show. */
  @property({ attribute: 'top-k', type: Number }) topK = 3;

  /** URL of an image to classify. */
  @property() src?: string;

  /** Show the Grad-CAM overlay for the top class (LayersModels with conv layers). */
  @property({ type: Boolean, reflect: true }) explain = false;

  /**
   * Level of the element's heading (1–6), so it fits the page's outline: the default 2
   * suits an element placed under the page's `<h1>`. 0 renders it as bold text, no heading.
   */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = DEFAULT_HEADING_LEVEL;

  /** Id of a `<cnn-trainer>`: classify with its current model, following it as it trains. */
  @property() for?: string;

  @state() private session?: Session;
  @state() private top: Prediction[] = [];
  @state() private latency?: number;
  @state() private view?: { pixels: ImagePixels; digit?: Float32Array };
  @state() private samples: Sample[] = [];
  /** A linked trainer's examples of the reader's own classes, offered in place of the digits. */
  @state() private ownSamples?: Sample[];
  @state() private camNote = '';
  /** The sample classified at load, and what to say about it while it is shown. */
  @state() private firstLook?: { pixels: ImagePixels; note: string };

  @query('cnn-draw-pad') private pad?: CnnDrawPad;
  @query('canvas.photo') private photoCanvas?: HTMLCanvasElement;
  @query('canvas.digit') private digitCanvas?: HTMLCanvasElement;
  @query('canvas.cam') private camCanvas?: HTMLCanvasElement;
  @query('video') private video?: HTMLVideoElement;

  /** The camera (shared with the trainer): on while its stream is set. */
  private readonly camera = new CameraController(this, () => this.video);

  private readonly link = new LinkedSourceController<ModelSource<tfl.LayersModel>>(
    this,
    (source) => this.onSourceChange(source),
    {
      // A classifier links to a trainer (or anything that offers a `model` and fires `model-change`).
      accepts: (element) => 'model' in element,
      wanted: 'a <cnn-trainer>',
      report: (message) => this.fail(message, undefined, { about: 'for' }),
      clear: () => this.clearError('for'),
    },
  );
  private linkedSource?: ModelSource<tfl.LayersModel>;
  private readonly onSourceModel = () => {
    this.onSourceSamples();
    void this.adoptLinkedModel();
  };
  private readonly onSourceSamples = () => {
    const had = this.ownSamples;
    this.ownSamples = sourceSamples(this.linkedSource, had);
    // The reader's first example arrived while nothing is shown: it makes the first look
    // (which skips itself once anything was classified).
    if (!had && this.ownSamples && this.session && this.state === 'ready') void this.showFirstLook();
  };
  /** The latest input, classified again when the model or its settings change. */
  private current?: ImagePixels;
  /** Serialises classifications: each shows its result in the order asked. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Owned models in use by a prediction: one replaced meanwhile is disposed after it. */
  private readonly lease = new ModelLease<Session['loaded']['model']>((model) => model.dispose());
  private readonly padRunner = new LatestOnly(async () => {
    const pad = this.pad;
    if (!pad) return;
    if (pad.empty) return this.resetResult();
    await this.classifyPixels(imageDataPixels(pad.getImageData()), false).catch(() => {});
  });
  /** Pictures from the file picker, a drop anywhere on the element, or a paste. */
  private readonly intake = new ImageIntake(
    this,
    (file) => void this.classifyFrom(file),
    (message) => this.fail(message),
  );

  constructor() {
    super();
    defineDrawPad();
  }

  /** The loaded tfjs model (LayersModel or GraphModel), once ready. */
  get model(): tfl.LayersModel | GraphModel | undefined {
    return this.session?.loaded.model;
  }

  /** The picture classified last (RGBA pixels, before preprocessing), for linked elements such as a `<filter-grid>`. */
  get input(): ImagePixels | undefined {
    return this.currentPixels();
  }

  /** The model's class names in output order (from `labels`, or the defaults), for linked elements such as a `<filter-grid>`. */
  get classNames(): string[] | undefined {
    return this.session?.labels.map((l) => l.name);
  }

  /** The last top-k, best first. */
  get predictions(): Prediction[] {
    return this.top;
  }

  /**
   * Classifies `input` (a URL, `<img>`, `<canvas>`, ImageData or ImageBitmap), or the current
   * input when none is given, shows the result and resolves with the top-k, best first:
   * `{ index, label, probability }`, plus `id` (such as the WordNet id) where the label has one.
   * Rejects (and shows the message) when the input cannot be read.
   */
  async classify(
    input?: string | HTMLImageElement | HTMLCanvasElement | ImageData | ImageBitmap,
  ): Promise<Prediction[]> {
    await this.ready;
    let pixels: ImagePixels | undefined;
    try {
      pixels = input === undefined ? this.currentPixels() : await this.read(input);
      if (!pixels) throw new Error('Nothing to classify yet: draw a digit, or give an image.');
    } catch (e) {
      this.fail(`Reading the image failed: ${messageOf(e)}`, e);
      throw e;
    }
    return this.classifyPixels(pixels, true);
  }

  protected override async load(signal: AbortSignal): Promise<void> {
    if (this.for) return; // The linked trainer supplies the model.
    const session = await this.openSession(this.modelUrl || assetUrl('models/digits/model.json'), signal);
    if (signal.aborted) return this.dispose(session);
    this.useSession(session);
  }

  protected override release(): void {
    this.stopCamera();
    this.linkedSource?.removeEventListener('model-change', this.onSourceModel);
    this.linkedSource?.removeEventListener('dataset-change', this.onSourceSamples);
    const session = this.session;
    this.session = undefined;
    this.top = [];
    if (session) this.retire(session);
  }

  protected override onReady(): void {
    this.link.arm();
    if (this.src) void this.classifyFrom(this.src);
    else if (!this.readSlot()) void this.showFirstLook();
  }

  /**
   * The first look: with nothing given, a linked trainer's first example of the reader's own
   * classes, or else a shipped sample (a held-out digit, or a sample photo) is classified at
   * load, so the reader sees top-k (and Grad-CAM) before acting. Busy while it runs; skipped
   * once the reader or the page gave an input.
   */
  private async showFirstLook(): Promise<void> {
    const session = this.session;
    if (!session) return;
    const untouched = () =>
      !this.current && !this.top.length && !this.src && (this.pad?.empty ?? true) && this.session === session;
    await this.compute(async () => {
      let pixels: ImagePixels;
      let note: string;
      const own = this.ownSamples?.[0];
      if (own) {
        pixels = imageDataPixels(own.image);
        note = `One of your examples (${own.label}) to start with: draw or give another.`;
      } else if (session.loaded.inputShape[2] === 1) {
        await this.loadSamples();
        const sample = firstDigit(this.samples);
        if (!sample) return;
        pixels = imageDataPixels(sample.image);
        note = `A held-out test digit (${sample.label}) to start with: draw your own on the pad.`;
      } else {
        const name = SAMPLE_NAMES[0];
        pixels = await this.read(sampleUrl(name));
        note = `A sample photo (${SAMPLE_IMAGES[name].label}) to start with: give your own image.`;
      }
      if (!untouched()) return;
      // A failed classification was reported where it failed.
      await this.classifyPixels(pixels, true).catch(() => {});
      if (this.view?.pixels === pixels) this.firstLook = { pixels, note };
    }, 'Classifying the sample failed');
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('headingLevel'))
      this.checkChoice('heading-level', String(this.headingLevel), HEADING_LEVELS);
    if (changed.has('for')) this.link.follow(this.for);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // Private state is not in PropertyValues' keys: look it up by name.
    const has = (key: string) => (changed as Map<PropertyKey, unknown>).has(key);
    if (has('view') || has('session')) this.paintView();
    // A model that failed to load is retried when the page fixes (or removes) model-url.
    if (this.state === 'error' && (has('modelUrl') || has('for'))) return this.restart();
    const live = this.state === 'ready' || this.state === 'busy';
    if (!live) return;
    if (has('modelUrl') && !this.for) void this.reloadModel();
    else if (['labels', 'inputSize', 'preprocess'].some(has) && this.session) void this.reconfigure();
    else if (has('topK') || has('explain')) this.reclassify();
    if (has('src') && this.src) void this.classifyFrom(this.src);
  }

  // ---- models ----

  /** Loads a model and everything it needs; throws with a reader-facing message. */
  private async openSession(url: string, signal?: AbortSignal): Promise<Session> {
    const loaded = await this.downloading('the model', (onProgress) =>
      this.tfjs.loadModel(url, { signal, onProgress }),
    );
    try {
      return await this.configure(loaded, true, signal);
    } catch (e) {
      loaded.model.dispose();
      throw e;
    }
  }

  /** Works out size, preset and labels for a model, and warms it up. */
  private async configure(loaded: LoadedModel, owned: boolean, signal?: AbortSignal): Promise<Session> {
    const { parsePreset, warmUp } = this.tfjs;
    const channels = loaded.inputShape[2];
    const size = fitInputSize(parseInputSize(this.inputSize), loaded.inputShape);
    const preset = this.preprocess ? parsePreset(this.preprocess) : channels === 1 ? 'mnist' : 'unit';
    const classes = await warmUp(loaded, size[0], size[1]);
    // Unless the page names them, a linked trainer's own classes name a model of its own.
    const named = owned ? undefined : classNamesOf(this.linkedSource);
    const spec = this.labels || (named?.length === classes ? named : undefined);
    const labels =
      !spec && channels === 1 && classes === 10
        ? DIGIT_LABELS
        : await labelsFor(Array.isArray(spec) ? labelArray(spec) : spec, classes, signal);
    return { loaded: { ...loaded, classes }, labels, size, preset, owned };
  }

  private useSession(session: Session): void {
    const previous = this.session;
    this.session = session;
    if (previous && previous.loaded.model !== session.loaded.model) this.retire(previous);
    const { model, kind, url, inputShape, classes } = session.loaded;
    const reason = session.owned ? 'loaded' : 'linked';
    emit<ModelChangeDetail>(this, 'model-change', { model, reason, kind, url, inputShape, classes });
    this.clearError();
    if (session.loaded.inputShape[2] === 1) void this.loadSamples();
    if (this.state === 'ready' || this.state === 'busy') this.reclassify();
  }

  private dispose(session: Session): void {
    if (session.owned) session.loaded.model.dispose();
  }

  /** A session no longer shown: its model is disposed once the predictions using it are done. */
  private retire(session: Session): void {
    if (session.owned) this.lease.retire(session.loaded.model);
  }

  private async reloadModel(): Promise<void> {
    const url = this.modelUrl || assetUrl('models/digits/model.json');
    const session = await this.compute(() => this.openSession(url), `Loading the model at ${url} failed`);
    // Keep it only if the author did not ask for yet another model meanwhile.
    if (session && (this.modelUrl || assetUrl('models/digits/model.json')) === url) this.useSession(session);
    else if (session) this.dispose(session);
  }

  /** Labels, size or preset changed: rebuild the session around the same model. */
  private async reconfigure(): Promise<void> {
    const old = this.session;
    if (!old) return;
    const session = await this.compute(
      () => this.configure(old.loaded, old.owned),
      'The new settings do not fit the model',
    );
    if (session && this.session === old) this.useSession(session);
  }

  private onSourceChange(source: ModelSource<tfl.LayersModel> | undefined): void {
    this.linkedSource?.removeEventListener('model-change', this.onSourceModel);
    this.linkedSource?.removeEventListener('dataset-change', this.onSourceSamples);
    this.linkedSource = source;
    this.onSourceSamples();
    if (!source) return;
    source.addEventListener('model-change', this.onSourceModel);
    source.addEventListener('dataset-change', this.onSourceSamples);
    void this.adoptLinkedModel();
  }

  private async adoptLinkedModel(): Promise<void> {
    const source = this.linkedSource;
    const model = source?.model;
    if (!source || !model) return;
    await this.ready.catch(() => {});
    const session = await this.compute(
      () => this.configure(this.tfjs.describeModel(model, 'layers'), false),
      `Using the model of #${this.for} failed`,
    );
    if (session && source === this.linkedSource) {
      this.useSession(session);
      // A trainer of the reader's own classes: their first example is a first look that means something.
      if (this.ownSamples) void this.showFirstLook();
    }
  }

  // ---- inputs ----

  private async read(input: ImageInput): Promise<ImagePixels> {
    // ImageData is already pixels: within the limits, skip the decode and redraw readImage does.
    if (
      input instanceof ImageData &&
      Math.max(input.width, input.height) <= MAX_SIDE &&
      Math.min(input.width, input.height) >= MIN_SIDE
    ) {
      return imageDataPixels(input);
    }
    return readImage(input, { maxSide: MAX_SIDE, minSide: MIN_SIDE });
  }

  /** Reads an input and classifies it, reporting (not throwing) errors. */
  private async classifyFrom(input: ImageInput): Promise<void> {
    const pixels = await this.compute(() => this.read(input), 'Reading the image failed');
    // A failed classification was reported where it failed.
    if (pixels) await this.classifyPixels(pixels, true).catch(() => {});
  }

  private currentPixels(): ImagePixels | undefined {
    if (this.current) return this.current;
    const pad = this.pad;
    return pad && !pad.empty ? imageDataPixels(pad.getImageData()) : undefined;
  }

  /** Classifies a slotted `<img>`; false when there is none. */
  private readSlot(): boolean {
    const img = (this.shadowRoot?.querySelector('slot') as HTMLSlotElement | null)
      ?.assignedElements({ flatten: true })
      .find((e): e is HTMLImageElement => e instanceof HTMLImageElement);
    if (!img || this.src) return false;
    if (img.complete && img.naturalWidth) void this.classifyFrom(img);
    else img.addEventListener('load', () => void this.classifyFrom(img), { once: true });
    return true;
  }

  private async startCamera(): Promise<void> {
    try {
      await this.camera.start();
      if (this.camera.on) this.camNote = 'Camera on: press Take photo to classify the current frame.';
    } catch (e) {
      this.fail(messageOf(e), e);
    }
  }

  private stopCamera(): void {
    this.camera.stop();
    this.camNote = '';
  }

  private async loadSamples(): Promise<void> {
    if (this.samples.length) return;
    try {
      this.samples = await heldOutDigits(this.tfjs);
    } catch (e) {
      // Samples are a convenience: the pad and files still work without them.
      this.camNote = `Sample digits unavailable: ${messageOf(e)}`;
    }
  }

  // ---- classification ----

  /** Runs the model on pixels; shows the result and fires `prediction`. */
  private classifyPixels(pixels: ImagePixels, keep: boolean): Promise<Prediction[]> {
    const run = this.queue.then(() => this.predict(pixels, keep));
    this.queue = run.catch(() => {});
    return run;
  }

  private async predict(pixels: ImagePixels, keep: boolean): Promise<Prediction[]> {
    const session = this.session;
    if (!session) throw new Error('No model is loaded yet.');
    return this.lease.using(session.loaded.model, () => this.predictWith(session, pixels, keep));
  }

  private async predictWith(session: Session, pixels: ImagePixels, keep: boolean): Promise<Prediction[]> {
    // A session exists only once load() imported the tfjs side.
    const { canExplain, digitToInput, gradCam, pixelsToInput, predictScores } = this.tfjs;
    const result = await this.compute(async () => {
      const t0 = performance.now();
      const spec = {
        height: session.size[0],
        width: session.size[1],
        channels: session.loaded.inputShape[2],
        preset: session.preset,
      };
      // The digit is prepared once: for the model and for the "what the model sees" view.
      const digit = session.preset === 'mnist' ? preprocessDigit(pixels).pixels : undefined;
      const x = digit ? digitToInput(digit, spec) : pixelsToInput(pixels, spec);
      try {
        const scores = predictScores(session.loaded, x);
        let values: Float32Array;
        try {
          values = (await scores.data()) as Float32Array;
        } finally {
          scores.dispose();
        }
        if (!values.every(Number.isFinite)) {
          throw new Error(
            "the model's output is not a number (NaN or infinite): its weights are broken. Load a model whose weights are finite.",
          );
        }
        const ms = performance.now() - t0;
        const top = topK(toProbabilities(values), session.labels, parseTopK(this.topK));
        const cam =
          this.explain && canExplain(session.loaded.model)
            ? await gradCam(session.loaded.model, x, top[0].index)
            : undefined;
        // Set here, in the same task as compute() going back to `ready`: one render, not two.
        if (keep) this.current = pixels;
        // A good input classified: a message about a bad one is over.
        this.clearError();
        this.top = top;
        this.latency = ms;
        this.view = { pixels, digit };
        return { top, ms, cam };
      } finally {
        x.dispose();
      }
    }, 'Classifying failed');
    if (!result) throw new Error(this.errorMessage || 'Classifying failed');
    await this.updateComplete;
    if (result.cam) paintHeatmap(this.camCanvas!, result.cam.values, result.cam.width, result.cam.height);
    else clearCanvas(this.camCanvas);
    if (this.explain && !canExplain(session.loaded.model)) {
      this.camNote =
        'Grad-CAM needs a LayersModel with convolutional layers; this model has none it can use.';
    }
    emit<PredictionDetail>(this, 'prediction', {
      top: result.top,
      ms: result.ms,
      backend: this.backendReport?.name ?? '',
    });
    return result.top;
  }

  private reclassify(): void {
    const pixels = this.currentPixels();
    if (pixels) void this.classifyPixels(pixels, false).catch(() => {});
  }

  private resetResult(): void {
    this.top = [];
    this.current = undefined;
    this.view = undefined;
    clearCanvas(this.camCanvas);
  }

  private paintView(): void {
    const view = this.view;
    if (this.photoCanvas) {
      if (view && !view.digit) {
        paintPixels(this.photoCanvas, view.pixels);
        // Fit the preview box keeping the aspect ratio (CSS max sizes alone leave the frame too wide).
        const side = parseFloat(getComputedStyle(this).getPropertyValue('--cnn-preview-size')) || 224;
        const scale = Math.min(side / view.pixels.width, side / view.pixels.height);
        this.photoCanvas.style.width = `${Math.round(view.pixels.width * scale)}px`;
        this.photoCanvas.style.height = `${Math.round(view.pixels.height * scale)}px`;
      } else clearCanvas(this.photoCanvas);
    }
    if (this.digitCanvas) {
      const digit = view?.digit;
      // Assigning a canvas's size clears and reallocates it even when unchanged: only once.
      if (this.digitCanvas.width !== DIGIT_SIDE)
        this.digitCanvas.width = this.digitCanvas.height = DIGIT_SIDE;
      if (digit)
        this.digitCanvas.getContext('2d')!.putImageData(grayToRgba(digit, DIGIT_SIDE, DIGIT_SIDE), 0, 0);
      else clearCanvas(this.digitCanvas);
    }
  }

  // ---- rendering ----

  protected override renderContent(): unknown {
    const session = this.session;
    const gray = session ? session.loaded.inputShape[2] === 1 : !this.modelUrl;
    return html`
      <div class="layout">
        <div class="input" part="input">
          <div class="views">
            ${
              gray
                ? html`<cnn-draw-pad
                  part="pad"
                  label=${`${drawPrompt(this.classNames)} on this pad`}
                  @draw-input=${() => void this.padRunner.request()}
                  @draw-change=${() => {
                    this.current = undefined;
                    void this.padRunner.request();
                  }}
                ></cnn-draw-pad>`
                : nothing
            }
            <figure>
              <div class="view" part="preview">
                ${
                  gray
                    ? html`<canvas class="digit" role="img" aria-label="The 28×28 digit the model sees"></canvas>`
                    : html`<canvas
                      class="photo"
                      role="img"
                      aria-label="The image being classified"
                      ${styleProps({ 'aspect-ratio': this.view ? undefined : this.expectedAspect() })}
                    ></canvas>`
                }
                <canvas class="cam" aria-hidden="true" ?hidden=${!this.explain}></canvas>
              </div>
              <figcaption>${gray ? 'What the model sees (28×28)' : 'Input'}${this.explain ? ', Grad-CAM overlay' : ''}</figcaption>
            </figure>
            ${this.camera.on ? html`<video muted playsinline aria-label="Camera preview"></video>` : nothing}
          </div>
          ${this.renderControls(gray)} ${this.renderSamples(gray)}
          <p class="hint">${gray ? `${drawPrompt(this.classNames)}, drop` : 'Drop'} or paste an image here, or pick one.</p>
          <div hidden><slot @slotchange=${() => this.state === 'ready' && this.readSlot()}></slot></div>
        </div>
        <div class="results">
          ${renderHeading(this.headingLevel, `Top ${this.shownK()} predictions`, 'top-heading')}
          <ol part="predictions" aria-labelledby="top-heading">
            ${this.top.length ? nothing : this.renderEmptyRows()}
            ${this.top.map(
              (p) => html`<li>
                <span class="name"><span class="label">${p.label}</span>${p.id ? html` <small class="id">· ${p.id}</small>` : nothing}</span>
                <span class="pct">${percent(p.probability)}</span>
                <span class="bar" aria-hidden="true"><span ${styleProps({ width: `${(p.probability * 100).toFixed(1)}%` })}></span></span>
              </li>`,
            )}
          </ol>
          <p class="narration" part="narration" aria-live="polite">${this.top.length ? this.narrate() : html`<span class="hint">${this.emptyHint(gray)}</span>`}</p>
          ${this.firstLook && this.view?.pixels === this.firstLook.pixels ? html`<p class="hint first-look">${this.firstLook.note}</p>` : nothing}
          ${this.camNote ? html`<p class="hint">${this.camNote}</p>` : nothing}
        </div>
      </div>
    `;
  }

  /** Width ÷ height of the photo on its way (a shipped sample's), so its box is kept when it lands. */
  private expectedAspect(): number {
    const named = SAMPLE_NAMES.find((n) => this.src?.endsWith(SAMPLE_IMAGES[n].file));
    return SAMPLE_IMAGES[named ?? SAMPLE_NAMES[0]].aspect;
  }

  private renderControls(gray: boolean) {
    return html`<div class="controls" part="controls">
      ${gray ? html`<button @click=${() => this.pad?.clear()}>Clear</button>` : nothing}
      <label class="file file-button">Open image…<input type="file" accept="image/*" @change=${this.intake.onFileInput} /></label>
      ${
        this.camera.on
          ? html`<button @click=${() => this.video && void this.classifyFrom(this.video)}>Take photo</button>
            <button @click=${() => this.stopCamera()}>Stop camera</button>`
          : html`<button @click=${() => void this.startCamera()}>Use camera</button>`
      }
      <label><input type="checkbox" .checked=${this.explain} @change=${(e: Event) => (this.explain = (e.target as HTMLInputElement).checked)} /> Explain (Grad-CAM)</label>
    </div>`;
  }

  /** Before a prediction: the rows the top-k will fill, empty, so nothing moves when it lands. */
  private renderEmptyRows() {
    return Array.from(
      { length: this.shownK() },
      () => html`<li class="empty" aria-hidden="true">
        <span class="name"><span class="label">—</span></span><span class="pct"></span><span class="bar"><span></span></span>
      </li>`,
    );
  }

  private renderSamples(gray: boolean) {
    return renderSampleStrip(gray, this.samples, (sample) => void this.classifyFrom(sample), this.ownSamples);
  }

  /** How many classes the list shows: top-k, but never more than the model has. */
  private shownK(): number {
    const k = Number.isInteger(this.topK) && this.topK >= 1 ? this.topK : 3;
    const classes = this.session?.labels.length ?? k;
    return Math.min(k, classes);
  }

  private emptyHint(gray: boolean): string {
    if (this.for && !this.session)
      return `Waiting for a model from #${this.for}: train the network there, then draw here.`;
    return gray
      ? `${drawPrompt(this.classNames)} to see what the model thinks.`
      : 'Give an image to classify.';
  }

  private narrate(): string {
    const best = this.top[0];
    if (!best) return '';
    return `The model says ${best.label} with probability ${percent(best.probability)}.`;
  }

  protected override renderStatus(): unknown {
    const session = this.session;
    const model = session
      ? `${session.loaded.kind === 'layers' ? 'LayersModel' : 'GraphModel'}, ${session.size[0]}×${session.size[1]}×${session.loaded.inputShape[2]} → ${session.loaded.classes}`
      : '';
    return html`${super.renderStatus()}
      <span>${model}${this.latency !== undefined ? html` · <span class="latency">${this.latency.toFixed(1)} ms</span>` : nothing}</span>`;
  }
}

/** `input-size` (or the model's own size) checked against the sizes the model accepts. */
function fitInputSize(
  asked: [number, number] | undefined,
  [h, w]: [number | null, number | null, number],
): [number, number] {
  if (!asked) return [h ?? 224, w ?? 224];
  if ((h !== null && asked[0] !== h) || (w !== null && asked[1] !== w)) {
    throw new Error(
      `input-size ${asked[0]}×${asked[1]} does not fit this model, which takes ${h ?? 'any'}×${w ?? 'any'} images. ` +
        "Remove input-size to use the model's own size.",
    );
  }
  return asked;
}

/** Labels given as an array property: names (strings or numbers), or `{ name, id? }` objects. */
function labelArray(spec: readonly unknown[]): ClassLabel[] {
  return spec.map((item, i) => {
    if (typeof item === 'string' || typeof item === 'number') return { name: String(item) };
    const named = item as { name?: unknown; id?: unknown } | null;
    if (named && typeof named === 'object' && typeof named.name === 'string') {
      return named.id === undefined ? { name: named.name } : { name: named.name, id: String(named.id) };
    }
    throw new Error(
      `labels[${i}] is ${JSON.stringify(item) ?? String(item)}: give each class a name (a string), or { name, id }.`,
    );
  });
}

function imageDataPixels(data: ImageData): ImagePixels {
  return {
    data: data.data,
    width: data.width,
    height: data.height,
    sourceWidth: data.width,
    sourceHeight: data.height,
  };
}

function percent(p: number): string {
  return `${(p * 100).toFixed(1)}%`;
}
