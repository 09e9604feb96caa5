/**
 * What linked elements expect of each other (`for=`), declared once: the detail a
 * `<filter-grid>` sends a playground, and what a model source offers the grid and the
 * classifier. Types only: importing this module loads nothing.
 */
import type { RgbaPixels } from '../core/digit-preprocess.js';
import type { ConvMapRecipe } from '../core/network.js';

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

/**
 * An element whose model others follow (`<cnn-trainer>`, `<pretrained-classifier>`): its
 * `model`, with `model-change` fired when it changes, and for a classifier the `input`
 * it classified. `M` is the kind of model the follower can use (a classifier takes a
 * trainer's LayersModel; the grid checks what it got).
 */
export interface ModelSource<M = unknown> extends HTMLElement {
  model?: M;
  input?: RgbaPixels;
}
