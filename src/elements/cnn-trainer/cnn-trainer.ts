import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type * as tfl from '@tensorflow/tfjs-layers';
import { CnnElement, messageOf } from '../cnn-element.js';
import { emit } from '../events.js';
import type { MnistData } from '../../core/training/mnist.tf.js';
import {
  INPUT_SHAPE,
  PRESETS,
  PRESET_NAMES,
  SpecError,
  parseLayers,
  withClasses,
  type LayerSpec,
  type PresetName,
  type SummaryRow,
} from '../../core/models/model-spec.js';
import type { BatchReport, EpochReport } from '../../core/training/training-loop.tf.js';
import type { TrainingControl } from '../../core/training/training-session.tf.js';
import type { Evaluation } from '../../core/training/scores.js';
import { preprocessDigit } from '../../core/images/digit-preprocess.js';
import { LatestOnly } from '../../core/runtime/latest-only.js';
import { isOffline } from '../../core/runtime/connection.js';
import { ModelLease } from '../../core/models/model-lease.js';
import { RedrawThrottle } from '../../core/runtime/redraw-throttle.js';
import { assetUrl } from '../../core/runtime/assets.js';
import { CnnDrawPad } from '../../vis/draw-pad.js';
import { drawDigit } from '../../vis/digit-tile.js';
import { DEFAULT_HEADING_LEVEL, HEADING_LEVELS, headingLevelOf, renderHeading } from '../heading.js';
import { resolveHyper, resolveNetwork, type Network } from './settings.js';
import {
  SHIPPED_TRAIN,
  customHyper,
  customPlan,
  fineTuning,
  mnistPlan,
  type CustomHeldOut,
  type RunPlan,
} from './run-plan.js';
import {
  percent,
  renderLayerTable,
  renderProbabilities,
  renderProgress,
  type ComingNetwork,
} from './views.js';
import { drawCharts, emptyHistory, renderChartsPanel } from './charts.js';
import { paintResults, renderResultsPanel, type TestSet } from './results-panel.js';
import { renderControls, type Phase } from './controls-panel.js';
import { cnnTrainerStyles } from './cnn-trainer.styles.js';
import { toKerasCode } from '../../core/models/keras-code.js';
import { copyCode, kerasBaseOf, renderKerasPanel } from './keras-panel.js';
import { DatasetError, ExampleSet, parseClasses, sourcePixels } from '../../core/training/example-set.js';
import type { PathFile } from './folder-drop.js';
import { OwnExamples } from './own-examples.js';
import {
  fetchProject,
  packExamples,
  projectFromJson,
  projectToJson,
  storeProject,
  unpackExamples,
  type Project,
} from '../../core/training/project-file.js';
import { notALayersModel } from './model-guard.js';
import { downloadFile, modelLoadSource, modelSaveUrl, storageError } from './saved-places.js';
import { budgetProblem } from '../../core/models/network-budget.js';
import { modelInputShape } from '../../core/models/conv-layers.js';
import { FIRST_DIGIT } from '../sample-strip.js';

/** Detail of `epoch-end`: the epoch's training means, validation and test accuracy. */
export interface TrainerEpochDetail {
  /** 0-based epoch index. */
  epoch: number;
  loss: number;
  accuracy: number;
  /** Present when `validation-split` holds digits out. */
  valLoss?: number;
  valAccuracy?: number;
  /** Accuracy on the 2,000 test digits after this epoch. */
  testAccuracy: number;
}

/** Detail of `train-end`. */
export interface TrainEndDetail {
  /** True when `stop()` ended the run early. */
  stopped: boolean;
  epochs: TrainerEpochDetail[];
}

import type { ModelChangeDetail, ModelChangeReason, SourceSample } from '../contracts.js';
export type { ModelChangeDetail, ModelChangeReason } from '../contracts.js';
/** The trainer's `model-change` detail: the shared shape (the name is kept for pages that import it). */
export type TrainerModelChangeDetail = ModelChangeDetail;

/** Detail of `batch-end`: see `BatchReport` (epoch, batch, step, loss, accuracy, samplesPerSecond…). */
export type TrainerBatchDetail = BatchReport;

/** Detail of `dataset-change`: the reader's classes and how many examples each holds. */
export interface DatasetChangeDetail {
  classes: string[];
  examples: Record<string, number>;
}

/** The trainer's events, typed on the trainer (`trainer.addEventListener('epoch-end', …)`), not globally. */
export interface CnnTrainerEventMap {
  'batch-end': CustomEvent<TrainerBatchDetail>;
  'epoch-end': CustomEvent<TrainerEpochDetail>;
  'train-end': CustomEvent<TrainEndDetail>;
  'model-change': CustomEvent<TrainerModelChangeDetail>;
  'dataset-change': CustomEvent<DatasetChangeDetail>;
  'input-change': CustomEvent<Record<string, never>>;
}

const NETWORK_KEYS = [
  'preset',
  'layers',
  'seed',
  'trainingSet',
  'classes',
  'base',
  'baseUrl',
  'basePreprocess',
  'fineTune',
] as const;

/** The trainer's TensorFlow.js side, fetched by the base class beside the backend. */
type Tfjs = typeof import('./compute.js');

/**
 * Builds one of the course's small CNNs (or your own stack) and trains it on the
 * shipped MNIST digits in the page, with a layer table, live loss and accuracy
 * charts, test accuracy and a confusion matrix after every epoch, a gallery of the
 * most confident mistakes and a drawing pad to try the network on your own digits.
 *
 * Training runs one batch at a time in a Web Worker with a training backend of its own
 * (`dist/train-worker.js`; see `setTrainingWorkerUrl`): the shipped digits, the reader's
 * own examples and a base's cached features alike. It copies the learned weights
 * into `model` as it goes, so the page stays responsive; where no worker can start, the
 * batches run on the page, which gets the main thread back between them. Charts redraw
 * at most five times a second. Settings the author leaves out come from the preset.
 *
 * **Linking.** Other elements follow a trainer by id, e.g. `<filter-grid for="trainer1">`:
 * read `trainer.model` (a tfjs `LayersModel`, or undefined before one is built) and
 * listen for `model-change` (a new model: built, loaded or set; and after every
 * trained epoch), `epoch-end` and `batch-end` (the weights changed in place; from the
 * worker they are copied in at most every 200 ms, and always at an epoch's end). The
 * trainer owns the models it builds or loads and disposes them when it replaces them
 * or leaves the page: a linked element must not keep a reference past `model-change`.
 * A model the page sets stays the page's to dispose. `model-change` also fires when
 * the page sets `model`, so that linked elements follow it.
 *
 * @summary Build a small CNN and train it on MNIST in the page, with live charts and a confusion matrix.
 * @tag cnn-trainer
 * @fires batch-end - After every training batch; `detail: { epoch, batch, batchesPerEpoch, step, totalSteps, loss, accuracy, samplesPerSecond }`.
 * @fires epoch-end - After every epoch and its test evaluation; `detail: { epoch, loss, accuracy, valLoss, valAccuracy, testAccuracy }`.
 * @fires train-end - Training finished or was stopped; `detail: { stopped, epochs }`.
 * @fires model-change - The model was built, trained an epoch, loaded or set;
 *   `detail: { model, reason, kind, url, inputShape, classes }`, the shape every model-change has.
 * @fires input-change - The drawing on the pad changed (while a stroke is drawn, at most once a frame, and when it
 *   ends or the pad is cleared); `input` holds it, for a linked `<filter-grid>`.
 * @fires dataset-change - The reader's own examples changed (added, removed, cleared, a folder dropped); `detail: { classes, examples }`;
 *   `samples` offers the first of each class anew, for a linked `<filter-grid>` or `<pretrained-classifier>`.
 * @fires cnn-error - Bad settings, an impossible stack, a loss that turned NaN, a failed load;
 *   `detail: { message, cause? }`. The previous model stays.
 * @csspart controls - The network and training settings and the train/pause/stop buttons.
 * @csspart summary - The layer table (output shape and parameters per layer).
 * @csspart progress - Progress bar with epoch, batch, samples per second and time left.
 * @csspart more - The "More settings" fold: the settings beyond the essential ones.
 * @csspart charts - The loss and accuracy charts.
 * @csspart confusion - The confusion matrix (rows: true digit, columns: prediction).
 * @csspart gallery - The digits of the chosen confusion cell, or the most confident mistakes.
 * @csspart pad - The drawing pad and the predicted probabilities.
 * @csspart augment - The strip of augmented samples (when `augment` is on).
 * @csspart dataset - The reader's classes (with `dataset="custom"`): counts, thumbnails, add, remove, clear.
 * @csspart keras - The network and settings as Keras code, with a copy button.
 * @cssprop --cnn-train-color - Colour of the training curves (defaults to the accent).
 * @cssprop --cnn-val-color - Colour of the validation curves.
 */
export class CnnTrainer extends CnnElement<CnnTrainerEventMap, Tfjs> {
  /** @internal See CnnElement.computeModule. */
  static override computeModule = (): Promise<Tfjs> => import('./compute.js');

  static override styles = [...CnnElement.styles, cnnTrainerStyles];

  /**
   * The pad element this one renders. Referenced (not only imported for its side effect) so
   * that bundlers honouring package.json's `sideEffects` keep the module that defines it.
   */
  static readonly drawPad = CnnDrawPad;

  /** The course's network to train: `basic`, `two-conv`, `three-conv` or `dense-only`. Ignored when `layers` is set. */
  @property({ reflect: true }) preset = 'basic';

  /**
   * Your own stack, a JSON list such as
   * `[{"type":"conv2d","filters":8,"kernelSize":3,"activation":"relu"},{"type":"maxPooling2d"},{"type":"flatten"},{"type":"dense","units":10,"activation":"softmax"}]`.
   * Types: conv2d, maxPooling2d, averagePooling2d, flatten, dense, dropout, batchNormalization.
   */
  @property({ converter: { fromAttribute: (v: string | null) => v ?? undefined } })
  layers?: string | LayerSpec[];

  /** Passes over the training digits (default: the preset's, 5). */
  @property({ type: Number }) epochs?: number;

  /** Digits per gradient step (default: the preset's, 32 or 64). */
  @property({ attribute: 'batch-size', type: Number }) batchSize?: number;

  /** Step size of the optimizer (default: 0.01 for the basic preset's SGD, 0.001 for Adam). */
  @property({ attribute: 'learning-rate', type: Number }) learningRate?: number;

  /** `sgd`, `momentum` (SGD with momentum 0.9) or `adam` (default: the preset's). */
  @property() optimizer?: string;

  /** Fraction of the training digits held out for validation, 0 to 0.9 (default: the preset's). */
  @property({ attribute: 'validation-split', type: Number }) validationSplit?: number;

  /** How many of the 8,000 training digits to train on (the course uses 5,000 to iterate faster). */
  @property({ attribute: 'train-size', type: Number }) trainSize = 2000;

  /** Randomly shift, rotate and zoom the training digits each epoch, as Keras' ImageDataGenerator does. */
  @property({ type: Boolean }) augment = false;

  /** Seeds the starting weights, the training subset and its order: the same seed gives the same run. */
  @property({ type: Number }) seed = 1;

  /**
   * What to train on: `mnist` (the shipped digits) or `custom` (the reader's own classes,
   * filled from the drawing pad, the camera, image files or a dropped folder or zip; see `classes`). The
   * property is `trainingSet`: a property named `dataset` would hide the element's `data-*` map.
   */
  @property({ attribute: 'dataset', reflect: true }) trainingSet = 'mnist';

  /**
   * The reader's classes with `dataset="custom"`: 2 to 10 names, a JSON list such as
   * `["tick", "cross", "circle"]` (or an array). A class that keeps its name keeps its examples.
   */
  @property({ converter: { fromAttribute: (v: string | null) => v ?? undefined } })
  classes?: string | string[];

  /**
   * Transfer learning with `dataset="custom"`: `digits` uses the shipped digit CNN's
   * convolution layers, frozen, as the feature extractor, and trains a new head (flatten →
   * dense → softmax over your classes) on features computed once per example.
   */
  @property() base?: string;

  /**
   * A tfjs LayersModel (model.json) to use as the base instead, cut at its last feature map:
   * any image CNN with a fixed input size and 1 or 3 channels (a MobileNet takes 224×224×3).
   * Each example keeps its picture (at most 224 px a side), resized to the base's input.
   */
  @property({ attribute: 'base-url' }) baseUrl?: string;

  /**
   * How a `base-url` base wants its pixels: `unit` (0..1, the default), `mobilenet` (−1..1,
   * Keras' MobileNet `preprocess_input`) or `caffe` (VGG16/ResNet50: BGR minus the ImageNet means).
   */
  @property({ attribute: 'base-preprocess' }) basePreprocess = 'unit';

  /** Unfreezes the base's last N layers with weights, trained with a tenth of the learning rate (0: the base stays frozen). */
  @property({ attribute: 'fine-tune', type: Number }) fineTune = 0;

  @state() private phase: Phase = 'idle';
  @state() private rows: SummaryRow[] = [];
  @state() private network?: Network;
  @state() private progress?: BatchReport;
  @state() private evaluation?: Evaluation;
  @state() private selectedCell?: [number, number];
  /**
   * Level of the element's headings (1–6), so they fit the page's outline: the default 2
   * suits an element placed under the page's `<h1>`. 0 renders them as bold text, no headings.
   */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = DEFAULT_HEADING_LEVEL;

  @state() private prediction?: Float32Array;
  /** The true label of the test digit the prediction is for, while the pad is empty (the first look). */
  @state() private sampleLabel?: number;
  @state() private narration = '';
  @state() private storeName = 'cnn-trainer';
  /** What the Keras panel's copy button last did. */
  @state() private copied = '';
  /** Bumped whenever the reader's examples change, so the panel re-renders. */
  @state() private examplesVersion = 0;
  /** Where the last batches ran: on the page, or in the training worker (on a backend of its own). */
  @state() private trainedIn?: 'page' | 'worker';
  /** The worker's own training backend and why (the page's backend trains on the page). */
  @state() private trainedOn?: { name: string; note: string };

  @query('cnn-draw-pad') private pad?: CnnDrawPad;
  @query('.digit-seen') private seenCanvas?: HTMLCanvasElement;

  private current?: tfl.LayersModel;
  private ownsModel = false;
  /** The reader's own examples (`dataset="custom"`), kept as plain bytes. */
  private readonly exampleSet = new ExampleSet();
  /** How the examples come in (files, a folder, the camera) and the panel that shows them. */
  private readonly own = new OwnExamples(this, this.exampleSet, {
    fail: (message, cause) => this.fail(message, cause),
    clearError: () => this.clearError(),
    examplesChanged: () => this.datasetChanged(),
    narrate: (text) => (this.narration = text),
    useClasses: (names) => (this.classes = names),
  });
  /** The held-out examples of the last custom run, for the results. */
  private heldOut?: CustomHeldOut;
  /** Base-and-head models built here (transfer learning), by their joined model. */
  private readonly transfers = new Map<
    tfl.LayersModel,
    import('../../core/training/transfer.tf.js').TransferModel
  >();
  /** Weights of a loaded project, put into the model its settings build next. */
  private pendingWeights?: Project['weights'];
  /** Counts base loads, so that a slow load replaced by a newer one is dropped. */
  private baseLoads = 0;
  /** The current model was built here from `network` (not set by the page or loaded). */
  private builtHere = false;
  /** Models in use by an evaluation, a prediction or a run: a replaced one is disposed once they are done. */
  private readonly lease = new ModelLease<tfl.LayersModel>((model) => this.disposeModel(model));
  private data?: MnistData;
  private testSet?: TestSet;
  private run?: TrainingControl;
  /** Trains and scores off the main thread (started on first use). */
  private worker?: import('../../core/training/worker-client.tf.js').TrainingWorker;
  private training?: Promise<void>;
  private rebuildAfterTraining = false;
  /** stop() was called before the run's first batch (while the data was being prepared). */
  private stopEarly = false;
  private history = emptyHistory();
  /** The charts and the progress line, redrawn at most five times a second while training. */
  private readonly charts = new RedrawThrottle(
    200,
    () => {
      if (this.progress !== this.latest) this.progress = this.latest;
      drawCharts(this.renderRoot, this.history, this.epochs ?? PRESETS[this.presetInUse()].hyper.epochs);
    },
    true,
  );
  /** The newest batch report; shown (and charted) at most a few times a second. */
  private latest?: BatchReport;
  private readonly predictor = new LatestOnly(() => this.predictDrawing());
  /** A model the page set before TensorFlow.js had loaded. */
  private pendingModel?: tfl.LayersModel;
  /** The tfjs LayersModel being trained. Set it to train your own (28×28×1 in, 10 probabilities out). */
  get model(): tfl.LayersModel | undefined {
    return this.current;
  }

  set model(next: tfl.LayersModel | undefined) {
    if (next === this.current) return;
    const notModel = notALayersModel(next);
    if (notModel) {
      this.fail(notModel);
      return;
    }
    if (this.training) {
      this.fail('Stop training before replacing the model.');
      return;
    }
    if (!this.tfjsLoaded) {
      // TensorFlow.js is still loading: check and take the model once it is there.
      this.pendingModel = next;
      return;
    }
    const mismatch = next && this.tfjs.modelMismatch(next);
    if (mismatch) {
      this.fail(mismatch);
      return;
    }
    this.clearError();
    this.replaceModel(next, false, 'set');
  }

  /** The drawing on the pad (RGBA, the pad's size) for linked elements such as a `<filter-grid>`; undefined while it is empty. */
  get input(): ImageData | undefined {
    const pad = this.pad;
    return pad && !pad.empty ? pad.getImageData() : undefined;
  }

  /** With `dataset="custom"`, the reader's class names in output order, for linked elements; undefined for the digits. */
  get classNames(): string[] | undefined {
    return this.isCustom() ? [...this.exampleSet.classes] : undefined;
  }

  /**
   * With `dataset="custom"`, the first example of each class that has one, as the model
   * takes it in (the 28×28 digit, or the kept picture for a base that takes pictures), for
   * linked elements to offer as inputs; undefined for the digits.
   */
  get samples(): SourceSample[] | undefined {
    if (!this.isCustom()) return undefined;
    const model = this.current;
    const [h, w, c] = model ? modelInputShape(model) : [28, 28, 1];
    const digits = h === 28 && w === 28 && c === 1;
    return this.exampleSet.classes.flatMap((label) => {
      const first = this.exampleSet.examplesOf(label)[0];
      if (!first) return [];
      return [{ label, image: sourcePixels(first, digits ? undefined : this.exampleSet.sourceOf(first)) }];
    });
  }

  /** How many examples each of the reader's classes holds (`dataset="custom"`). */
  get examples(): Record<string, number> {
    return this.exampleSet.counts();
  }

  /**
   * Adds one example to a class: the image is decoded, made grey, centred and shrunk to
   * 28×28 as MNIST's digits were. Rejects (and shows the reason, firing `cnn-error`) when
   * the class does not exist, the image cannot be decoded or is blank, or the dataset is full.
   */
  async addExample(
    label: string,
    image: HTMLImageElement | HTMLCanvasElement | ImageData | ImageBitmap | Blob,
  ): Promise<void> {
    return this.own.add(label, image);
  }

  /** Removes the example at `index` (0-based, oldest first) from a class. */
  removeExample(label: string, index: number): void {
    try {
      this.exampleSet.remove(label, index);
    } catch (e) {
      this.fail(messageOf(e), e);
      throw e;
    }
    this.datasetChanged();
  }

  /** Removes every example of one class, or of all classes when no label is given. */
  clearExamples(label?: string): void {
    try {
      this.exampleSet.clear(label);
    } catch (e) {
      this.fail(messageOf(e), e);
      throw e;
    }
    this.datasetChanged();
  }

  /**
   * Adds a folder in Keras' `flow_from_directory` layout: each file's folder names its
   * class (`symbols/tick/01.png` → `tick`). Folders become the classes (a class that keeps
   * its name keeps its examples). A zip among the files (`.zip`) is unpacked and read the
   * same way. Files that are not images or cannot be read are skipped and listed. Resolves
   * with what was added and what was skipped.
   */
  addFolder(files: readonly PathFile[]): Promise<{ added: number; skipped: string[] }> {
    return this.own.addFolder(files);
  }

  /** The layer table of the current model, like Keras' `model.summary()`. */
  summary(): SummaryRow[] {
    return this.current && this.tfjsLoaded ? this.tfjs.summarize(this.current) : [];
  }

  /**
   * The current network and training settings as Keras code in the course's notation
   * (`models.Sequential([...])`, `model.compile(...)`, `model.fit(...)`), to take to a
   * notebook. Settings the author left out are the preset's, as in training. Empty when
   * the layers are not known (a model set by the page or loaded from a file).
   */
  toKeras(): string {
    const network = this.network;
    if (!network || !this.builtHere) return '';
    const preset = network.custom ? 'basic' : network.preset;
    let hyper: ReturnType<typeof resolveHyper> | (typeof PRESETS)[typeof preset]['hyper'];
    try {
      hyper = this.isCustom()
        ? customHyper(this, preset, Math.max(2, this.exampleSet.size))
        : resolveHyper(this, preset, SHIPPED_TRAIN);
    } catch {
      hyper = PRESETS[preset].hyper;
    }
    const classes = this.isCustom() ? this.exampleSet.classes : undefined;
    const transfer = this.current && this.transfers.get(this.current);
    const base =
      transfer &&
      kerasBaseOf(
        transfer,
        transfer.base.layers.map((l) => this.tfjs.layerSpecOf(l)),
        this.baseUrl,
      );
    return toKerasCode({
      layers: network.layers,
      hyper: fineTuning(hyper, transfer),
      inputShape: transfer?.base.inputShape ?? INPUT_SHAPE,
      classes,
      base,
    });
  }

  /**
   * Trains the model with the current settings. Resolves when training ends or is
   * stopped (also when it could not start: the reason is shown and fired as `cnn-error`).
   * Calling it while training returns the running promise.
   */
  async train(): Promise<void> {
    if (this.training) return this.training;
    this.stopEarly = false;
    const run = (async () => {
      await this.ready;
      await this.compute(() => this.trainNow(), 'Training failed');
    })();
    this.training = run.finally(() => {
      this.training = undefined;
      this.run = undefined;
      this.phase = 'idle';
      if (this.rebuildAfterTraining) {
        this.rebuildAfterTraining = false;
        this.rebuild();
      }
    });
    return this.training;
  }

  /** Holds training at the next batch boundary. */
  pause(): void {
    if (!this.run || this.phase !== 'training') return;
    this.run.pause();
    this.phase = 'paused';
    this.narration = 'Training paused.';
  }

  /** Continues a paused run from the batch where it stopped. */
  resume(): void {
    if (!this.run || this.phase !== 'paused') return;
    this.run.resume();
    this.phase = 'training';
    this.narration = 'Training resumed.';
  }

  /** Ends training at the next batch boundary; the model keeps what it learned. */
  stop(): void {
    if (!this.training) return;
    this.stopEarly = true;
    this.run?.stop();
    if (this.run) this.phase = 'stopping';
  }

  /**
   * Scores the model on the 2,000 test digits (with `dataset="custom"`, on the examples the last run held
   * out); `confusion[true][predicted]` counts.
   */
  async evaluate(): Promise<{ accuracy: number; loss: number; confusion: number[][] }> {
    await this.ready;
    const model = this.current;
    if (!model) throw new Error('There is no model to evaluate: fix the network settings first.');
    const evaluation = await this.evaluateTest(model);
    return { accuracy: evaluation.accuracy, loss: evaluation.loss, confusion: evaluation.confusion };
  }

  /**
   * Saves the model with tfjs: `'downloads'` (model.json and weights as files), a name
   * (kept in the browser's IndexedDB as `indexeddb://name`), or any tfjs URL scheme.
   */
  async saveModel(destination = 'downloads'): Promise<void> {
    return this.reporting(() => this.saveModelNow(destination), 'Saving the model failed');
  }

  private async saveModelNow(destination: string): Promise<void> {
    const model = this.current;
    if (!model) throw new Error('There is no model to save yet.');
    const url = modelSaveUrl(destination);
    await model.save(url).catch((e: unknown) => Promise.reject(storageError(url, e)));
    this.narration = `Model saved to ${url}.`;
  }

  /**
   * Keeps the whole project: the classes, their examples, the network settings (preset,
   * layers, base, fine-tune, seed) and the model's weights. `'downloads'` saves one
   * `.json` file; any other name keeps it in this browser's IndexedDB. Resolves with the
   * saved file.
   */
  async saveProject(destination = 'downloads'): Promise<Blob> {
    const model = this.current;
    const layers =
      typeof this.layers === 'string' ? this.layers : this.layers ? JSON.stringify(this.layers) : undefined;
    const json = projectToJson({
      ...packExamples(this.exampleSet),
      settings: {
        preset: this.preset,
        layers,
        base: this.base,
        baseUrl: this.baseUrl,
        basePreprocess: this.basePreprocess,
        fineTune: this.fineTune,
        seed: this.seed,
      },
      weights: model && this.builtHere ? await this.tfjs.weightBytes(model) : undefined,
    });
    const file = new Blob([json], { type: 'application/json' });
    if (destination === 'downloads') downloadFile(file, 'cnn-trainer-project.json');
    else await storeProject(destination, json);
    this.narration = `Project saved${destination === 'downloads' ? ' as a file' : ` in the browser as "${destination}"`}.`;
    return file;
  }

  /**
   * Restores a project kept with `saveProject`: a name in IndexedDB, or the file (a Blob).
   * Nothing changes when the project cannot be read (the reason is shown and fired as `cnn-error`).
   */
  async loadProject(source: string | Blob): Promise<void> {
    await this.ready;
    let project: Project;
    try {
      if (this.training) throw new DatasetError('Stop training before loading a project.');
      project = projectFromJson(
        typeof source === 'string' ? await fetchProject(source) : await source.text(),
      );
    } catch (e) {
      this.fail(messageOf(e), e);
      throw e;
    }
    const { settings } = project;
    unpackExamples(this.exampleSet, project);
    Object.assign(this, {
      trainingSet: 'custom',
      classes: project.classes,
      preset: settings.preset,
      layers: settings.layers,
      base: settings.base,
      baseUrl: settings.baseUrl,
      basePreprocess: settings.basePreprocess ?? 'unit',
      fineTune: settings.fineTune ?? 0,
      seed: settings.seed ?? 1,
    });
    await this.updateComplete;
    this.pendingWeights = project.weights;
    this.rebuild();
    this.datasetChanged();
    this.narration = 'Project loaded.';
  }

  /**
   * Loads a model saved before: a name saved in IndexedDB, any tfjs URL (a model.json
   * over http, `indexeddb://name`), or the files of a download (model.json and its weights).
   * The loaded model replaces the current one and fires `model-change`.
   */
  async loadModel(source: string | File[]): Promise<void> {
    return this.reporting(() => this.loadModelNow(source), 'Loading the model failed');
  }

  private async loadModelNow(source: string | File[]): Promise<void> {
    await this.ready;
    if (this.training) throw new Error('Stop training before loading a model.');
    const where = modelLoadSource(source);
    const model = await this.tfjs
      .loadLayersModel(where)
      .catch((e: unknown) => Promise.reject(storageError(where, e)));
    const mismatch = this.tfjs.modelMismatch(model);
    if (mismatch) {
      model.dispose();
      throw new Error(mismatch);
    }
    this.clearError();
    this.replaceModel(model, true, 'loaded');
    this.narration = 'Model loaded.';
  }

  protected override async load(signal: AbortSignal): Promise<void> {
    const data = await this.tfjs.loadMnist({ signal });
    if (signal.aborted) return;
    this.data = data;
  }

  protected override onReady(): void {
    const pending = this.pendingModel;
    this.pendingModel = undefined;
    if (pending) this.model = pending;
    else if (!this.current) this.rebuild();
  }

  protected override release(): void {
    this.stop();
    this.own.stop();
    this.charts.cancel();
    if (this.ownsModel && this.current) this.lease.retire(this.current);
    this.current = undefined;
    this.ownsModel = false;
    const worker = this.worker;
    this.worker = undefined;
    // A run still in flight finishes its batch first (and `stop()` above ends it there).
    if (this.training) void this.training.then(() => worker?.dispose());
    else worker?.dispose();
  }

  /** Disposes a model; a base-and-head model frees its base too. */
  private disposeModel(model: tfl.LayersModel): void {
    const transfer = this.transfers.get(model);
    this.transfers.delete(model);
    if (transfer) transfer.dispose();
    else model.dispose();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The camera films examples: it stops when the dataset is no longer the reader's own.
    if (changed.has('trainingSet') && !this.isCustom()) {
      this.own.stop();
    }
    if (changed.has('headingLevel'))
      this.checkChoice('heading-level', String(this.headingLevel), HEADING_LEVELS);
    if (changed.has('classes') && this.classes !== undefined) {
      try {
        this.exampleSet.setClasses(parseClasses(this.classes));
      } catch (e) {
        // Shown by the rebuild below; the examples of the previous classes stay.
        void e;
      }
    }
    if (NETWORK_KEYS.some((k) => changed.has(k)) && (this.state === 'ready' || this.state === 'busy')) {
      if (this.training) {
        this.rebuildAfterTraining = true;
        this.stop();
      } else this.rebuild();
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const data = this.resultSet()?.data;
    paintResults(this.renderRoot, {
      evaluation: this.evaluation,
      classNames: this.isCustom() ? this.exampleSet.classes : undefined,
      selected: this.selectedCell,
      onSelect: (cell) => (this.selectedCell = cell),
      digitOf: data && ((index) => this.tfjs.mnistDigit(data, index).pixels),
    });
    this.own.paintThumbnails(this.renderRoot);
    if (changed.has('augment') || changed.has('state')) void this.paintAugmentStrip();
    this.charts.request();
  }

  /** Builds the network of `preset`/`layers`/`seed`; on bad input keeps the previous model. */
  private rebuild(): void {
    if (this.base || this.baseUrl) {
      void this.compute(() => this.rebuildOnBase(), 'The base could not be used');
      return;
    }
    let network: Network;
    let model: tfl.LayersModel;
    try {
      network = resolveNetwork({ preset: this.preset, layers: this.layers });
      let classes: number | undefined;
      if (this.trainingSet !== 'mnist' && this.trainingSet !== 'custom') {
        throw new SpecError(
          `Unknown dataset "${this.trainingSet}". Use mnist (the shipped digits) or custom (your own classes).`,
        );
      }
      if (this.isCustom()) {
        classes = this.customClasses().length;
        network = { ...network, layers: withClasses(network.layers, classes) };
      }
      const tooBig = budgetProblem(network.layers, { classes });
      if (tooBig) throw new SpecError(tooBig);
      model = this.tfjs.buildModel(network.layers, this.seed, { classes });
    } catch (e) {
      this.fail(
        e instanceof SpecError || e instanceof DatasetError
          ? e.message
          : `The network could not be built: ${messageOf(e)}`,
        e,
      );
      return;
    }
    this.network = network;
    this.clearError();
    this.replaceModel(model, true, 'built');
  }

  /** Loads the base, cuts it at its last feature map and joins a new head for the reader's classes. */
  private async rebuildOnBase(): Promise<void> {
    const load = ++this.baseLoads;
    const { loadBase, headLayers, joinHead } = this.tfjs;
    try {
      if (!this.isCustom())
        throw new DatasetError(
          'A base (transfer learning) needs your own classes: set dataset="custom" and classes.',
        );
      if (this.base && this.base !== 'digits' && !this.baseUrl)
        throw new DatasetError(`Unknown base "${this.base}". Use base="digits" or give base-url.`);
      if (!Number.isInteger(this.fineTune) || this.fineTune < 0)
        throw new DatasetError(`fine-tune must be a whole number ≥ 0, got ${this.fineTune}.`);
      const classes = this.customClasses().length;
      const preprocess = this.baseUrl ? this.tfjs.parsePreset(this.basePreprocess) : 'unit';
      const url = this.baseUrl || assetUrl('models/digits/model.json');
      const base = await this.downloading('the base model', (onProgress) => loadBase(url, onProgress));
      const head = headLayers(base.featureShape, classes);
      const transfer = joinHead(base, head, this.seed, this.fineTune);
      transfer.preprocess = preprocess;
      // A base that takes pictures reads each example's source (the digit where there is none).
      transfer.sourceOf = (e) => sourcePixels(e, this.exampleSet.sourceOf(e));
      if (load !== this.baseLoads || !this.isConnected) {
        transfer.dispose();
        return;
      }
      this.transfers.set(transfer.model, transfer);
      this.network = { preset: 'basic', custom: true, layers: head };
      this.clearError();
      this.replaceModel(transfer.model, true, 'built');
    } catch (e) {
      if (load !== this.baseLoads) return;
      if (!isOffline()) return this.fail(messageOf(e), e);
      // A base is tens of megabytes on a phone's connection: load it again once that is back
      // (unless a newer base was asked for meanwhile).
      this.failOffline(messageOf(e), e, () => {
        if (load === this.baseLoads) void this.rebuildOnBase();
      });
    }
  }

  private replaceModel(next: tfl.LayersModel | undefined, owned: boolean, reason: ModelChangeReason): void {
    const previous = this.current;
    if (previous && previous !== next && this.ownsModel) this.lease.retire(previous);
    this.current = next;
    this.ownsModel = owned && next !== undefined;
    this.builtHere = reason === 'built';
    const transfer = next && this.transfers.get(next);
    // A frozen base's features are cached per example: count them in the dataset's memory.
    this.exampleSet.featureBytesPerExample =
      transfer && transfer.fineTune === 0 ? transfer.base.featureShape.reduce((a, b) => a * b, 4) : 0;
    this.examplesVersion++;
    const weights = this.pendingWeights;
    this.pendingWeights = undefined;
    if (next && weights && reason === 'built') this.tfjs.setWeightBytes(next, weights);
    this.rows = next && this.tfjsLoaded ? this.tfjs.summarize(next) : [];
    this.history = emptyHistory();
    this.progress = this.latest = undefined;
    this.evaluation = undefined;
    this.selectedCell = undefined;
    emit<ModelChangeDetail>(this, 'model-change', modelChange(next, reason));
    void this.predictor.request();
  }

  private datasetChanged(): void {
    this.examplesVersion++;
    emit<DatasetChangeDetail>(this, 'dataset-change', {
      classes: [...this.exampleSet.classes],
      examples: this.exampleSet.counts(),
    });
  }

  /** The pad changed: the network guesses again, and linked elements read `input` anew. */
  private readonly onPadDraw = () => {
    void this.predictor.request();
    emit<Record<string, never>>(this, 'input-change', {});
  };

  /** The name of class `n`: the reader's class names, or the digit. */
  private labelOf(n: number): string {
    return this.isCustom() ? (this.exampleSet.classes[n] ?? String(n)) : String(n);
  }

  /** The examples the results show: the held-out part of the last custom run, or the MNIST test split. */
  private resultSet(): { data: MnistData; testSet: TestSet } | undefined {
    if (this.isCustom()) return this.heldOut;
    return this.data ? { data: this.data, testSet: this.testSplit() } : undefined;
  }

  /** Adds the drawing on the pad to a class, then clears the pad for the next one. */
  private async addDrawing(label: string): Promise<void> {
    const pad = this.pad;
    if (!pad || pad.empty) {
      this.fail('Draw something on the pad first, then add it to a class.');
      return;
    }
    try {
      await this.addExample(label, pad.getImageData());
      pad.clear();
      this.narration = `Added to ${label}: ${this.exampleSet.counts()[label]} examples.`;
    } catch {
      // Shown by addExample.
    }
  }

  /**
   * The network on its way, for the layer table's placeholder rows (a preset, or valid `layers`),
   * so the layout does not move when the built table arrives.
   */
  private comingNetwork(): ComingNetwork | undefined {
    if (this.isCustom() || this.state === 'error') return undefined;
    if (this.layers !== undefined) {
      try {
        return { description: 'Your layers.', layers: parseLayers(this.layers) };
      } catch {
        return undefined;
      }
    }
    return (PRESET_NAMES as readonly string[]).includes(this.preset)
      ? PRESETS[this.preset as PresetName]
      : undefined;
  }

  /** The preset whose training settings apply: the network's, or `basic` for your own layers. */
  private presetInUse(): PresetName {
    return this.network?.custom === false ? this.network.preset : 'basic';
  }

  private isCustom(): boolean {
    return this.trainingSet === 'custom';
  }

  /** The reader's class names, checked; a DatasetError says what to fix. */
  private customClasses(): string[] {
    if (this.classes === undefined || this.classes === '') {
      throw new DatasetError(
        'With dataset="custom", name your classes first, e.g. classes=\'["tick", "cross", "circle"]\'.',
      );
    }
    return parseClasses(this.classes);
  }

  private async trainNow(): Promise<void> {
    const { startTraining, DivergedError } = this.tfjs;
    const model = this.current;
    if (!model) {
      this.fail('There is no valid network to train. Fix the settings described above, then train again.');
      return;
    }
    let plan: RunPlan;
    try {
      plan = this.planRun(model);
    } catch (e) {
      this.fail(messageOf(e), e);
      return;
    }
    this.clearError();
    const hooks = {
      onBatchEnd: (report: BatchReport) => this.onBatchEnd(report),
      onEpochEnd: (report: EpochReport) => this.onEpochEnd(model, report, plan.epochs),
    };
    // The shipped digits and the reader's examples alike train in the worker where it can start.
    const run = plan.start?.(hooks) ?? startTraining(model, plan.job, hooks, this.trainingWorker());
    this.run = run;
    if (this.stopEarly) run.stop();
    this.phase = 'training';
    this.history = emptyHistory();
    this.narration = `Training ${describeNetwork(this.network)} on ${plan.what} for ${plan.epochs} epochs.`;
    try {
      const result = await this.lease.using(model, () => run.run());
      this.progress = this.latest;
      const epochs = this.history.epochs;
      this.narration = result.stopped
        ? `Training stopped after ${this.progress?.step ?? 0} batches.`
        : `Training finished: test accuracy ${percent(epochs[epochs.length - 1]?.testAccuracy ?? 0)}.`;
      emit<TrainEndDetail>(this, 'train-end', { stopped: result.stopped, epochs: [...epochs] });
    } catch (e) {
      if (e instanceof DivergedError) {
        this.fail(e.message, e);
        emit<ModelChangeDetail>(this, 'model-change', modelChange(model, 'epoch'));
        emit<TrainEndDetail>(this, 'train-end', { stopped: true, epochs: [...this.history.epochs] });
        return;
      }
      throw e;
    }
  }

  /** The run Train starts now, from the settings; the held-out examples it scores are kept for the results. */
  private planRun(model: tfl.LayersModel): RunPlan {
    const preset = this.presetInUse();
    if (!this.isCustom()) {
      this.heldOut = undefined;
      return mnistPlan(this.tfjs, this.data!, this, preset, this.testSplit());
    }
    const { plan, heldOut } = customPlan(
      this.tfjs,
      this.exampleSet,
      this,
      preset,
      this.transfers.get(model),
      () => this.trainingWorker(),
    );
    this.heldOut = heldOut;
    return plan;
  }

  private onBatchEnd(report: BatchReport): void {
    this.trainedIn = this.run?.where;
    this.trainedOn = this.run?.trainingBackend;
    const h = this.history;
    h.batchX.push(report.step / report.batchesPerEpoch);
    h.batchLoss.push(report.loss);
    h.batchAccuracy.push(report.accuracy);
    this.latest = report;
    this.charts.request();
    emit<TrainerBatchDetail>(this, 'batch-end', report);
  }

  private onEpochEnd(model: tfl.LayersModel, { test, ...report }: EpochReport, total: number): void {
    // The run scored the test split (the element passes it to every run).
    const evaluation = test!;
    if (model === this.current) this.evaluation = evaluation;
    const detail: TrainerEpochDetail = { ...report, testAccuracy: evaluation.accuracy };
    this.history.epochs.push(detail);
    this.progress = this.latest;
    const val =
      report.valAccuracy === undefined ? '' : `, validation accuracy ${percent(report.valAccuracy)}`;
    this.narration =
      `Epoch ${report.epoch + 1} of ${total}: loss ${report.loss.toFixed(3)}, accuracy ${percent(report.accuracy)}` +
      `${val}, test accuracy ${percent(evaluation.accuracy)}.`;
    emit<TrainerEpochDetail>(this, 'epoch-end', detail);
    emit<ModelChangeDetail>(this, 'model-change', modelChange(model, 'epoch'));
    void this.predictor.request();
  }

  /**
   * The worker that trains and scores off the main thread, started on first use, with the
   * backend that trains fastest there (wasm without a real GPU; see `training-backend.ts`).
   * A CPU batch is a long JavaScript task, and the GPU backends' dispatch and shader
   * compiles take main-thread time too.
   */
  private trainingWorker(): import('../../core/training/worker-client.tf.js').TrainingWorker | undefined {
    const report = this.backendReport;
    if (!report) return undefined;
    if (!this.worker) {
      this.worker = new this.tfjs.TrainingWorker(this.tfjs.trainingBackendOrder(report));
      // Training goes on, on the page; the reader and the author learn why and how to fix it.
      this.worker.onUnavailable = (why) =>
        this.fail(`Training runs on the page instead of in a Web Worker, because ${why}.`, undefined, {
          about: 'worker',
        });
    }
    return this.worker;
  }

  /** The fixed 2,000 test digits (the same whatever the seed and training size). */
  private testSplit(): TestSet {
    if (!this.testSet) {
      const data = this.data!;
      const { test } = this.tfjs.splitMnist(data, { trainSize: 1 });
      this.testSet = { indices: test, labels: Uint8Array.from(test, (i) => data.labels[i]) };
    }
    return this.testSet;
  }

  /**
   * Scores a model on the test split: in the worker where there is one (any backend), so a
   * reader's Evaluate holds no long task on the page, else here. The test images become
   * tensors for the evaluation only: between evaluations the element holds no tensor but
   * its model.
   */
  private async evaluateTest(model: tfl.LayersModel): Promise<Evaluation> {
    const shown = this.resultSet();
    if (!shown) throw new Error('There are no held-out examples yet: train on your examples first.');
    const { data, testSet } = shown;
    // Digits (the shipped ones, or the reader's examples as 28×28 digits) are scored in the worker;
    // a base that takes pictures needs the examples' pictures, which stay on the page.
    const transfer = this.transfers.get(model);
    const worker =
      transfer && this.isCustom() && !this.tfjs.takesDigits(transfer.base)
        ? undefined
        : this.trainingWorker();
    const evaluation = await this.lease.using(
      model,
      async () =>
        (await worker?.evaluate(model, data, testSet.indices)) ?? this.evaluateHere(model, testSet, data),
    );
    if (model === this.current) this.evaluation = evaluation;
    return evaluation;
  }

  private async evaluateHere(model: tfl.LayersModel, testSet: TestSet, data: MnistData): Promise<Evaluation> {
    const transfer = this.transfers.get(model);
    const examples = this.heldOut?.examples;
    let xs;
    if (transfer && examples && this.isCustom() && !this.tfjs.takesDigits(transfer.base)) {
      xs = this.tfjs.inputsOf(
        transfer,
        testSet.indices.map((i) => examples[i]),
      );
    } else {
      const tensors = this.tfjs.mnistTensors(data, testSet.indices);
      tensors.ys.dispose();
      xs = tensors.xs;
    }
    try {
      return await this.tfjs.evaluateModel(model, xs, testSet.labels);
    } finally {
      xs.dispose();
    }
  }

  /** Predicts the digit on the pad (once per frame at most, the newest drawing wins). */
  private async predictDrawing(): Promise<void> {
    const pad = this.pad;
    const model = this.current;
    if (!pad || !model || !this.tfjsLoaded) {
      this.prediction = undefined;
      return;
    }
    if (pad.empty) return this.predictSample(model);
    this.sampleLabel = undefined;
    // The ink's region gives the same digit as the whole pad, read with a fraction of the memory.
    const digit = preprocessDigit(pad.getInk().pixels);
    if (this.seenCanvas) drawDigit(this.seenCanvas, digit.pixels, true);
    if (digit.empty) {
      this.prediction = undefined;
      return;
    }
    const transfer = this.transfers.get(model);
    const picture = transfer && !this.tfjs.takesDigits(transfer.base);
    const values = await this.lease.using(model, () =>
      picture
        ? this.tfjs.predictPicture(model, pad.getImageData(), transfer.preprocess)
        : this.tfjs.predictDigit(model, digit.pixels),
    );
    if (model === this.current) this.prediction = values;
  }

  /**
   * The first look, before the reader draws: what the network predicts for one test digit,
   * the 7 the classifier and the grid also start with (an untrained network guesses at
   * chance, and the view says so). Custom datasets have no
   * shipped example to show.
   */
  private async predictSample(model: tfl.LayersModel): Promise<void> {
    const data = this.data;
    if (!data || this.isCustom()) {
      this.prediction = this.sampleLabel = undefined;
      if (this.seenCanvas) drawDigit(this.seenCanvas, []);
      return;
    }
    const test = this.testSplit().indices;
    const first = test.find((i) => data.labels[i] === FIRST_DIGIT) ?? test[0];
    const { pixels, label } = this.tfjs.mnistDigit(data, first);
    if (this.seenCanvas) drawDigit(this.seenCanvas, pixels);
    const values = await this.lease.using(model, () =>
      this.tfjs.predictDigit(
        model,
        Float32Array.from(pixels, (v) => v / 255),
      ),
    );
    if (model !== this.current || !this.pad?.empty) return;
    this.prediction = values;
    this.sampleLabel = label;
  }

  /** Eight augmented variants of one training digit, so the reader sees what augmentation does. */
  private async paintAugmentStrip(): Promise<void> {
    const strip = this.renderRoot.querySelector<HTMLElement>('.augment-strip');
    const data = this.data;
    if (!strip || !data || !this.tfjsLoaded || !this.augment) return;
    const { train } = this.tfjs.splitMnist(data, { trainSize: 1, seed: this.seed });
    const values = await this.tfjs.augmentedVariants(data, train[0], this.seed + 1);
    strip
      .querySelectorAll('canvas')
      .forEach((canvas, i) => drawDigit(canvas, values.subarray(i * 784, (i + 1) * 784), true));
  }

  private async copyKeras(code: HTMLElement | null): Promise<void> {
    const done = await copyCode(this.toKeras(), code);
    this.copied = done
      ? 'Copied to the clipboard.'
      : 'The page may not use the clipboard: the code is selected, copy it with Ctrl+C (⌘C).';
  }

  protected override renderContent(): unknown {
    return html`
      ${this.renderControls()}
      ${this.isCustom() ? this.renderDataset() : nothing}
      <section part="summary" class="panel">${renderLayerTable(this.rows, this.network, this.current !== undefined, this.comingNetwork())}</section>
      ${this.augment ? this.renderAugment() : nothing}
      ${renderProgress({
        progress: this.progress,
        phase: this.phase,
        where:
          this.trainedIn === 'worker'
            ? {
                worker: true,
                backend: this.trainedOn?.name ?? this.backendReport?.name ?? '',
                note: this.trainedOn?.note,
              }
            : { worker: false, backend: this.backendReport?.name ?? '' },
      })}
      ${renderChartsPanel(this.history)}
      ${renderResultsPanel({
        evaluation: this.evaluation,
        testSet: this.resultSet()?.testSet,
        name: (n) => this.labelOf(n),
        custom: this.isCustom(),
        selected: this.selectedCell,
        headingLevel: this.headingLevel,
      })}
      ${this.renderPad()}
      ${this.network && this.builtHere ? renderKerasPanel(this.toKeras(), this.copied, (code) => void this.copyKeras(code)) : nothing}
      <p class="sr-only" aria-live="polite">${this.narration}</p>
    `;
  }

  private renderControls() {
    return renderControls(
      {
        settings: this,
        hyper: PRESETS[this.presetInUse()].hyper,
        ownLayers: this.layers !== undefined,
        phase: this.phase,
        ready: this.state === 'ready' || this.state === 'busy',
        hasModel: this.current !== undefined,
        storeName: this.storeName,
      },
      {
        set: (change) => Object.assign(this, change),
        rename: (name) => (this.storeName = name),
        train: () => void this.train(),
        pause: () => this.pause(),
        resume: () => this.resume(),
        stop: () => this.stop(),
        evaluate: () => void this.compute(() => this.evaluate(), 'Evaluation failed'),
        download: () => void this.compute(() => this.saveModel('downloads'), 'Saving failed'),
        saveInBrowser: () =>
          void this.compute(
            async () =>
              void (await (this.isCustom()
                ? this.saveProject(this.storeName)
                : this.saveModel(this.storeName))),
            'Saving failed',
          ),
        loadFromBrowser: () =>
          void this.compute(
            () => (this.isCustom() ? this.loadProject(this.storeName) : this.loadModel(this.storeName)),
            'Loading failed',
          ),
        loadFiles: (files) => {
          const json = files.find((f) => f.name.endsWith('.json'));
          if (json)
            void this.compute(
              () => this.loadModel([json, ...files.filter((f) => f !== json)]),
              'Loading failed',
            );
        },
      },
    );
  }

  private renderAugment() {
    return html`<section class="panel" part="augment">
      ${renderHeading(this.headingLevel, 'Augmented samples')}
      <p class="hint">Each epoch sees every digit shifted (±10%), rotated (±10°) and zoomed (±10%) at random.</p>
      <div class="augment-strip">
        ${Array.from({ length: 8 }, (_, i) => html`<canvas class="tile" role="img" aria-label=${`augmented variant ${i + 1}`}></canvas>`)}
      </div>
    </section>`;
  }

  /** Says what the shown prediction is for while the pad is empty, and how much to trust it. */
  private sampleNote(): string | undefined {
    if (this.sampleLabel === undefined) return undefined;
    const untrained = this.builtHere && this.history.epochs.length === 0 && !this.progress;
    return `A test digit ${this.sampleLabel}, until you draw one.${untrained ? ' The network is not trained yet: its guesses are no better than chance (1 in 10).' : ''}`;
  }

  private renderDataset() {
    void this.examplesVersion;
    return this.own.render(this.phase !== 'idle', headingLevelOf(this.headingLevel), {
      remove: (label, index) => this.removeExample(label, index),
      clear: (label) => this.clearExamples(label),
      saveFile: () => void this.compute(() => this.saveProject('downloads'), 'Saving the project failed'),
      loadFile: (file) => void this.loadProject(file).catch(() => undefined),
    });
  }

  private renderPad() {
    const custom = this.isCustom();
    const busy = this.phase !== 'idle';
    return html`<section class="panel pad" part="pad">
      ${renderHeading(this.headingLevel, custom ? 'Draw an example, add it to a class, or try the network on it' : 'Try it: draw a digit')}
      <div class="pad-row">
        <cnn-draw-pad
          label=${custom ? 'Draw an example for one of your classes' : 'Draw a digit for the network'}
          @draw-input=${this.onPadDraw}
          @draw-change=${this.onPadDraw}
        ></cnn-draw-pad>
        <div class="pad-side">
          <canvas class="tile digit-seen" role="img" aria-label="The 28×28 digit the network sees"></canvas>
          <button @click=${() => this.pad?.clear()}>Clear</button>
          ${
            custom
              ? this.exampleSet.classes.map(
                  (label) =>
                    html`<button class="add-drawing" ?disabled=${busy} @click=${() => void this.addDrawing(label)}>Add to ${label}</button>`,
                )
              : nothing
          }
        </div>
        ${renderProbabilities(this.prediction, this.isCustom() ? this.exampleSet.classes : undefined, this.sampleNote())}
      </div>
    </section>`;
  }
}

function describeNetwork(network: Network | undefined): string {
  if (!network) return 'the network';
  return network.custom ? 'your network' : `the ${network.preset} network`;
}

/** The shared `model-change` detail of a trainer's LayersModel (its shapes read from the model). */
function modelChange(model: tfl.LayersModel | undefined, reason: ModelChangeReason): ModelChangeDetail {
  if (!model) return { model, reason };
  const [, h = null, w = null, c = 1] = model.inputs[0].shape;
  const out = model.outputs[0].shape;
  return {
    model,
    reason,
    kind: 'layers',
    url: '',
    inputShape: [h, w, c ?? 1],
    classes: out[out.length - 1] ?? 0,
  };
}
