/**
 * What linked elements expect of each other (`for=`), declared once: the detail a
 * `<filter-grid>` sends a playground, and what a model source offers the grid and the
 * classifier. Types only: importing this module loads nothing.
 */
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import type { RgbaPixels } from '../core/images/digit-preprocess.js';
import type { ConvMapRecipe } from '../core/models/layer-outputs.tf.js';

/**
 * Why a model changed: built from the attributes, trained an epoch, loaded (a URL, a save,
 * files), set by the page, or taken from the element `for` names.
 */
export type ModelChangeReason = 'built' | 'epoch' | 'loaded' | 'set' | 'linked';

/**
 * Detail of `model-change`, one shape from every element that has a model (`<cnn-trainer>`,
 * `<pretrained-classifier>`). `kind`, `url`, `inputShape` and `classes` describe the model
 * and are there whenever `model` is.
 */
export interface ModelChangeDetail {
  /** The model now in use; undefined when the element has none (yet). */
  model: LayersModel | GraphModel | undefined;
  reason: ModelChangeReason;
  kind?: 'layers' | 'graph';
  /** The model.json URL it was loaded from, or empty (built, set, trained, linked). */
  url?: string;
  /** The input's height, width and channels; null where the model takes any size. */
  inputShape?: [number | null, number | null, number];
  /** Number of classes (the output's last dimension). */
  classes?: number;
}

/** Detail of `filter-select`: the filter's weights for the input channel shown. */
export interface FilterSelectDetail {
  index: number;
  kernel: number[][];
  layer: string;
  /**
   * In the network view: the whole convolution behind the selected map (the layer's
   * input maps, one kernel per input channel, bias, activation, stride, dilation,
   * padding), which a linked playground redoes.
   */
  recipe?: ConvMapRecipe;
}

/** A picture of one class that a source offers its followers as an input to pick. */
export interface SourceSample {
  /** The class's name. */
  label: string;
  /** As the source's model takes it in: a 28×28 digit, or the picture a base resizes. */
  image: RgbaPixels;
}

/**
 * An element whose model others follow (`<cnn-trainer>`, `<pretrained-classifier>`): its
 * `model`, with `model-change` fired when it changes, and the `input` it shows: a
 * classifier's last picture (`prediction` fires), a trainer's drawing (`input-change`
 * fires). `M` is the kind of model the follower can use (a classifier takes a trainer's
 * LayersModel; the grid checks what it got).
 */
export interface ModelSource<M = unknown> extends HTMLElement {
  model?: M;
  input?: RgbaPixels;
  /** The model's class names in output order, where the source names them (a classifier's labels, a trainer's own classes). */
  classNames?: readonly string[];
  /**
   * Samples to offer in place of the shipped digits and photos: a custom trainer's first
   * example of each class (`dataset-change` fires when they may have changed).
   */
  samples?: readonly SourceSample[];
}
