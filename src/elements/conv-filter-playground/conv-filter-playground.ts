import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { styleProps } from '../style-props.js';
import type * as tf from '@tensorflow/tfjs-core';
import { CnnElement, messageOf } from '../cnn-element.js';
import { emit } from '../events.js';
import { LinkedSourceController } from '../../controllers/linked-source.js';
import type { FeatureMap } from '../../core/math/conv.tf.js';
import {
  ACTIVATIONS,
  fromKerasActivation,
  normalizeKernel,
  planConv,
  sizeFormula,
  type Activation,
  type ConvPlan,
} from '../../core/math/conv-plan.js';
import {
  CHANNEL_MODES,
  toChannels,
  type ChannelImage,
  type ChannelMode,
} from '../../core/images/image-channels.js';
import { readImage, type ImageInput, type ImagePixels } from '../../core/images/image-input.js';
import { LatestOnly } from '../../core/runtime/latest-only.js';
import { ImageIntake } from '../../controllers/image-intake.js';
import { clamp, valueRange } from '../../core/math/numbers.js';
import { formatNumber } from '../../core/math/pooling-plan.js';
import { SAMPLE_IMAGES, SAMPLE_NAMES, sampleUrl, type SampleName } from '../../core/images/samples.js';
import { CONV_PADDINGS, padImage, parseConvPadding, type ConvPadding } from '../../core/math/border.js';
import {
  mapScale,
  paintIntensities,
  paintMap,
  renderLegend,
  robustRange,
  type MapColormap,
  type MapScale,
} from '../../vis/feature-map.js';
import { parsePixel, pixelOutside, strongestPixel } from './inspected-pixel.js';
import { narrate, pixelArithmetic, type GridImage, type PixelArithmetic } from './arithmetic.js';
import type { ConvMapRecipe } from '../../core/models/layer-outputs.tf.js';
import { MAX_KERNEL_SIDE, parseKernel, presetKernel } from './kernels.js';
import { editCell, renderKernelEditor } from './kernel-editor.js';
import { playgroundStyles } from './conv-filter-playground.styles.js';
import { SCAN_SPEEDS, type ScanSpeed } from '../../core/math/conv-scan.js';
import { ScanMotion } from './scan-motion.js';
import type { FilterSelectDetail } from '../contracts.js';

/** Detail of the `output` event. */
export interface ConvOutputDetail {
  shape: [number, number, number];
  min: number;
  max: number;
  backend: string;
  /** Milliseconds from the start of the convolution to its values being read back. */
  ms: number;
}

/** Detail of the `pixel-change` event: the inspected output pixel (from 0) and its value per output channel. */
export interface PixelChangeDetail {
  row: number;
  col: number;
  values: number[];
}

/** Detail of the `kernel-change` event. */
export interface KernelChangeDetail {
  kernel: number[][];
}

/** The image currently convolved, in the form each step needs. */
interface Picture {
  pixels: ImagePixels;
  image: GridImage;
  tensor: tf.Tensor3D;
  /** Set when the picture is a layer's maps taken from a `<filter-grid>`: which layer and filter. */
  source?: { layer: string; index: number; channels: number };
}

/** The last computed result and the settings that produced it. */
interface Result extends FeatureMap {
  plan: ConvPlan;
  kernel: number[][];
  picture: Picture;
  mode: ChannelMode;
  /** A learned filter's kernel per channel (the shown one is `kernel`, channel 0). */
  channelKernels?: number[][][];
  bias: number;
  activation: Activation;
  min: number;
  max: number;
  /** Cached colour scale, for the colormap choice it was made for. */
  scale?: { choice: ColormapChoice; scale: MapScale };
}

/** Product tables shown for a many-channel input (a layer's maps); the narration gives the total. */
const SHOWN_CHANNEL_TABLES = 4;
const COLORMAPS = ['auto', 'diverging', 'gray'] as const;
type ColormapChoice = (typeof COLORMAPS)[number];
const SETTINGS = [
  'kernel',
  'normalize',
  'stride',
  'padding',
  'dilation',
  'bias',
  'activation',
  'channels',
] as const;

/** `normalize="false"` (or `off`, `0`) turns it off; the bare attribute or any other value turns it on. */
const onOffConverter = {
  fromAttribute: (value: string | null) =>
    value === null || !['false', 'off', '0'].includes(value.trim().toLowerCase()),
  toAttribute: (value: boolean) => String(value),
};

/** The playground's TensorFlow.js side, fetched by the base class beside the backend. */
type Tfjs = typeof import('../../core/math/conv.tf.js');

/**
 * Applies a kernel to an image and shows the feature map, with the arithmetic behind
 * any output pixel: hover, tap or focus the map, and the kernel's receptive field is
 * outlined on the input while the products and their sum are listed beside it.
 *
 * The image comes from `sample` (shipped photos), `src`, the `image` property, or the
 * reader (file picker, drag and drop, paste, camera). It is scaled so its longest side
 * is at most `max-size` and read as 0–255 intensities: one gray channel, or R, G, B.
 * The kernel is a preset name or a JSON matrix, editable in the element.
 *
 * Keyboard: focus the feature map, then arrow keys move the inspected pixel (Shift
 * moves 10), Home and End jump to the first and last pixel.
 *
 * `play()` shows the convolution in motion: the inspected pixel moves in reading order
 * while the output fills in (`pause()`, `step()`, a scrub slider, `speed`).
 *
 * @summary Apply and edit a kernel on an image and see the feature map and the arithmetic behind each pixel.
 * @tag conv-filter-playground
 * @fires kernel-change - The reader edited the kernel (not fired when the page sets it); `detail: { kernel }`.
 * @fires output - A feature map was computed; `detail: { shape, min, max, backend, ms }`.
 * @fires pixel-change - The inspected output pixel moved (the reader pointing or using the keys, `play()`,
 *   `step()`, `pixel`, a new map); `detail: { row, col, values }`, counted from 0, one value per output channel.
 * @fires cnn-error - Bad input (kernel, image, settings) or a failed load; `detail: { message, cause? }`. The previous image and kernel stay.
 * @csspart input - The input image.
 * @csspart output - The feature map.
 * @csspart legend - The colour legend of the feature map.
 * @csspart formula - The output-size formula with the current numbers.
 * @csspart arithmetic - The products and sum behind the inspected pixel, also announced to screen readers.
 * @csspart kernel - The editable kernel grid.
 * @csspart controls - Kernel, convolution and image settings.
 * @csspart more - The "More settings" fold: the settings beyond the essential ones.
 * @csspart motion - Play, pause, step, the output-pixel slider and the speed.
 * @cssprop --cnn-window - Outline colour of the receptive field and the inspected pixel (defaults to the accent).
 */
export class ConvFilterPlayground extends CnnElement<ConvFilterPlaygroundEventMap, Tfjs> {
  /** @internal See CnnElement.computeModule. */
  static override computeModule = (): Promise<Tfjs> => import('../../core/math/conv.tf.js');

  static override styles = [...CnnElement.styles, playgroundStyles];

  /**
   * The kernel: a preset name (`identity`, `edge`, `sobel-x`, `sobel-y`, `sharpen`,
   * `box-blur`, `box-blur-5`, `gaussian`, `emboss`, `outline`) or a JSON matrix in the
   * attribute; a `number[][]` (1×1 to 7×7, square or not) as a property. Reading it
   * gives the matrix as entered, before normalisation.
   * @type {number[][]}
   */
  @property({ attribute: 'kernel', noAccessor: true, converter: { fromAttribute: (v: string | null) => v } })
  set kernel(value: number[][] | string) {
    const old = this.currentKernel;
    try {
      this.currentKernel = parseKernel(value);
      this.requestUpdate('kernel', old);
    } catch (e) {
      this.fail(messageOf(e), e);
    }
  }
  get kernel(): number[][] {
    return this.currentKernel;
  }

  /**
   * Divide the kernel by its sum when the sum is not zero (`normalize="false"` to turn off).
   * The name the course uses; on this element it shadows the DOM's rarely used `Node.normalize()`.
   * @type {boolean}
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- typed `any` because Node declares normalize() as a method.
  @property({ converter: onOffConverter }) override normalize: any = true;

  /** Step between kernel positions, 1 to 4. */
  @property({ type: Number }) stride = 1;

  /**
   * `valid` (no padding: the map shrinks), `same` (zeros, TensorFlow's: out = ceil(in / stride)),
   * `reflect` (mirrored without repeating the edge pixel: cv2's BORDER_REFLECT_101, the
   * default of cv2.filter2D) or `replicate` (the edge pixel repeated: BORDER_REPLICATE).
   * With the last three the output has the input's size at stride 1, and the input is
   * drawn with the border the kernel reads.
   */
  @property() padding: ConvPadding = 'valid';

  /** Spacing between kernel taps, 1 to 3 (a dilated, or atrous, convolution). */
  @property({ type: Number }) dilation = 1;

  /** Added to every output value, before the activation. */
  @property({ type: Number }) bias = 0;

  /** `none` or `relu` (negative outputs become 0). */
  @property() activation: Activation = 'none';

  /**
   * `gray`: the kernel on the grayscale image. `rgb`: the kernel on each colour channel
   * separately, three maps shown as one colour image. `sum`: one filter over the three
   * channels, their products added into one map, as a Conv2D filter does.
   */
  @property() channels: ChannelMode = 'gray';

  /** A shipped photo: `cat` (default), `coffee`, `astronaut`, `rocket`, `camera`, `brick`, `coins`, `horse`. */
  @property() sample = 'cat';

  /** An image URL; takes precedence over `sample`. */
  @property() src?: string;

  /** Longest side, in pixels, the image is scaled down to before convolving. */
  @property({ attribute: 'max-size', type: Number }) maxSize = 512;

  /** `auto` (diverging when the map has negative values, else gray), `diverging` or `gray`. */
  @property() colormap: ColormapChoice = 'auto';

  /**
   * How fast `play()` moves the inspected pixel: `slow` (2 steps a second), `medium` (6)
   * or `fast` (20). A step is one pixel, or one row on maps wider than 32 pixels and
   * when the reader prefers reduced motion.
   */
  @property() speed: ScanSpeed = 'medium';

  /** Id of a `<filter-grid>`: the filter the reader selects there becomes this kernel. */
  @property() for?: string;

  /**
   * The inspected output pixel, `row,col` counted from 0 as `getOutput()` indexes the map:
   * the window it reads on the input, its products and its sum. Set it to point the reader
   * at a place (an article's paragraph scrolling into view); setting it stops `play()`.
   * Reading it gives the pixel inspected now, wherever the reader or the motion moved it
   * (undefined before the first map). Without it, the first look inspects the strongest
   * response away from the edges.
   * @type {[number, number] | undefined}
   */
  @property({
    attribute: 'pixel',
    noAccessor: true,
    converter: { fromAttribute: (v: string | null) => v ?? undefined },
  })
  set pixel(value: readonly [number, number] | string | undefined) {
    if (value === undefined || value === null) {
      // Back to the first look's choice.
      this.askedPixel = undefined;
      this.pixelPicked = false;
      this.clearError('pixel');
      if (this.result) this.focusPixel = strongestPixel(this.result.values, this.result.shape);
      return;
    }
    let pixel: [number, number];
    try {
      pixel = parsePixel(value);
    } catch (e) {
      this.fail(messageOf(e), e, { about: 'pixel' });
      return;
    }
    if (this.result) this.inspect(pixel);
    else this.askedPixel = pixel; // Checked against the first map.
  }
  get pixel(): [number, number] | undefined {
    // Nothing is inspected before the first map (and removing the attribute restores that).
    if (this.askedPixel) return [...this.askedPixel];
    return this.result ? [...this.focusPixel] : undefined;
  }

  /**
   * An image to convolve: an HTMLImageElement, ImageBitmap, ImageData or canvas.
   * @type {HTMLImageElement | ImageBitmap | ImageData | HTMLCanvasElement | undefined}
   */
  @property({ attribute: false }) image?:
    | HTMLImageElement
    | ImageBitmap
    | ImageData
    | HTMLCanvasElement
    | OffscreenCanvas;

  @state() private picture?: Picture;
  @state() private result?: Result;
  @state() private focusPixel: [number, number] = [0, 0];
  /** True once the reader, the page (`pixel`) or play/step chose the inspected pixel: results no longer move it. */
  private pixelPicked = false;
  /** A `pixel` the page set before there was a map to check it on. */
  private askedPixel?: [number, number];
  /** The inspected pixel last announced with `pixel-change`, as `row,col`. */
  private announcedPixel = '';
  /** The convolution in motion: play, pause, step and scrub move the inspected pixel. */
  private readonly motion = new ScanMotion(this, {
    shape: () => this.result?.plan.outShape,
    pixel: () => this.focusPixel,
    moveTo: (pixel) => {
      this.pixelPicked = true;
      this.focusPixel = pixel;
    },
    speed: () => this.speed,
  });
  /** Kernel cells whose text is not a number yet, by `row,col`: shown as typed, not applied. */
  @state() private drafts = new Map<string, string>();

  @query('canvas.in') private inputCanvas?: HTMLCanvasElement;
  @query('canvas.out') private outputCanvas?: HTMLCanvasElement;
  @query('svg.legend') private legendSvg?: SVGSVGElement;

  private currentKernel: number[][] = presetKernel('edge');
  /** The `output` event of a result not drawn yet. */
  private unannounced?: ConvOutputDetail;
  /** What the shown image was read from (a URL, a file, an image object). */
  private loadedFrom?: ImageInput;
  private imageRequest = 0;
  private readonly runner = new LatestOnly(() => this.convolveNow());
  /** Pictures from the file picker, a drop anywhere on the element, or a paste. */
  private readonly intake = new ImageIntake(
    this,
    (file) => void this.setPicture(file),
    (message) => this.fail(message, undefined, { about: 'image' }),
  );
  private readonly link = new LinkedSourceController<HTMLElement>(
    this,
    (source) => this.onLinkedSource(source),
    {
      accepts: (element) => element.localName === 'filter-grid' || 'getFilters' in element,
      wanted: 'a <filter-grid>',
      report: (message) => this.fail(message, undefined, { about: 'for' }),
      clear: () => this.clearError('for'),
    },
  );
  private linked?: HTMLElement;
  /** A learned filter's kernel per input channel, while the picture is a layer's maps. */
  private layerKernels?: number[][][];
  private readonly onFilterSelect = (e: Event) => {
    const detail = (e as CustomEvent<FilterSelectDetail>).detail;
    if (detail?.recipe) this.useRecipe(detail.recipe, detail.layer ?? 'the layer', detail.index ?? 0);
    else if (detail?.kernel) this.kernel = detail.kernel;
  };

  /**
   * Redoes a conv layer's map: its input maps become the picture, its learned kernels, bias,
   * activation, stride, dilation and padding the settings, so the output is the layer's map.
   */
  private useRecipe(recipe: ConvMapRecipe, layer: string, index: number): void {
    if (!this.tfjsLoaded) return;
    const activation = fromKerasActivation(recipe.activation);
    const [h, w, c] = recipe.input.shape;
    const [kh, kw] = [recipe.kernels[0].length, recipe.kernels[0][0].length];
    const problem =
      activation === undefined
        ? `the activation ${recipe.activation}, which the playground does not offer (it has ${ACTIVATIONS.join(', ')})`
        : recipe.stride > 4 || recipe.dilation > 3 || kh > MAX_KERNEL_SIDE || kw > MAX_KERNEL_SIDE
          ? `a ${kh}×${kw} kernel at stride ${recipe.stride} and dilation ${recipe.dilation}, beyond the playground's 7×7, stride 4, dilation 3`
          : undefined;
    if (problem) {
      this.fail(
        `${layer} uses ${problem}, so the playground cannot redo its map ${index}. The previous picture and kernel stay.`,
      );
      return;
    }
    const image: GridImage = { values: recipe.input.values, height: h, width: w, channels: c, maps: true };
    // A gray rendering of the first map, only used if the reader switches to rgb (which leaves the layer's maps).
    const [lo, hi] = valueRange(recipe.input.values, 0, c);
    const data = new Uint8ClampedArray(h * w * 4);
    for (let i = 0; i < h * w; i++)
      data
        .fill(hi > lo ? ((recipe.input.values[i * c] - lo) / (hi - lo)) * 255 : 0, 4 * i, 4 * i + 3)
        .fill(255, 4 * i + 3, 4 * i + 4);
    const old = this.picture;
    this.picture = {
      pixels: { data, width: w, height: h, sourceWidth: w, sourceHeight: h },
      image,
      tensor: this.tfjs.imageTensor(image as ChannelImage),
      source: { layer, index, channels: c },
    };
    old?.tensor.dispose();
    this.loadedFrom = undefined;
    this.layerKernels = recipe.kernels.map((k) => k.map((r) => [...r]));
    this.currentKernel = this.layerKernels[0].map((r) => [...r]);
    this.drafts = new Map();
    Object.assign(this, {
      normalize: false,
      bias: recipe.bias,
      activation,
      stride: recipe.stride,
      dilation: recipe.dilation,
      padding: recipe.padding,
      channels: c === 1 ? 'gray' : 'sum',
    });
    this.requestUpdate('kernel');
    this.clearError();
  }

  /** The feature map for the current settings, after the activation: row-major HWC. */
  async getOutput(): Promise<{ values: Float32Array; shape: [number, number, number] }> {
    await this.ready;
    await this.runner.settled();
    const result = this.result;
    if (!result)
      throw new Error('The playground has no feature map yet: it needs an image and a valid kernel.');
    return { values: result.values.slice(), shape: [...result.shape] };
  }

  /**
   * Moves the inspected output pixel across the map in reading order, the output filling
   * in behind it, at `speed`; from the start when the last run ended. Stops at the end.
   */
  play(): void {
    this.motion.play();
  }

  /** Stops the motion where it is; the output stays filled up to the inspected pixel. */
  pause(): void {
    this.motion.pause();
  }

  /** Pauses and moves the inspected pixel `delta` steps in reading order (negative goes back). */
  step(delta = 1): void {
    this.motion.step(delta);
  }

  /** Inspects a pixel the page asked for, when it is on the map; else says why and keeps the one inspected. */
  private inspect(pixel: [number, number]): void {
    const problem = pixelOutside(pixel, this.result!.plan.outShape);
    if (problem) {
      this.fail(problem, undefined, { about: 'pixel' });
      return;
    }
    this.clearError('pixel');
    this.motion.leave();
    this.pixelPicked = true;
    this.focusPixel = pixel;
  }

  /** Fires `pixel-change` when the inspected pixel moved since the last one said. */
  private announcePixel(): void {
    const result = this.result;
    if (!result) return;
    const [row, col] = this.focusPixel;
    const key = `${row},${col}`;
    if (key === this.announcedPixel) return;
    this.announcedPixel = key;
    const channels = result.shape[2];
    const at = (row * result.shape[1] + col) * channels;
    emit<PixelChangeDetail>(this, 'pixel-change', {
      row,
      col,
      values: [...result.values.slice(at, at + channels)],
    });
  }

  protected override async load(signal: AbortSignal): Promise<void> {
    // The first image: without it there is nothing to show, so its failure is fatal
    // (state="error", the message, one cnn-error) rather than an empty map said to be ready.
    await this.loadPicture(() => this.initialSource(), signal, { fatal: true });
  }

  protected override onReady(): void {
    // The page may have set src, sample or image while the first image was loading.
    if (this.loadedFrom === undefined || this.initialSource() !== this.loadedFrom)
      void this.setPicture(() => this.initialSource());
    else void this.runner.request();
    this.link.arm();
  }

  protected override release(): void {
    this.motion.leave();
    this.announcedPixel = '';
    this.picture?.tensor.dispose();
    this.picture = undefined;
    this.result = undefined;
    this.linked?.removeEventListener('filter-select', this.onFilterSelect);
    this.linked = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('for')) this.link.follow(this.for);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const loaded = this.state !== 'loading' && this.state !== 'error';
    if (loaded && changed.has('src') && this.src) void this.setPicture(this.src);
    else if (loaded && changed.has('sample') && changed.get('sample') !== undefined)
      void this.setPicture(() => this.sampleSource());
    else if (loaded && changed.has('image') && this.image) void this.setPicture(this.image);
    else if (loaded && changed.has('maxSize') && changed.get('maxSize') !== undefined && this.picture)
      void this.setPicture(() => this.initialSource());
    if (loaded && SETTINGS.some((k) => changed.has(k))) void this.runner.request();
    if (changed.has('picture') || changed.has('result')) this.paintInput();
    if (changed.has('colormap')) this.checkChoice('colormap', this.colormap, COLORMAPS);
    if (changed.has('result') || changed.has('colormap')) this.paintOutput();
    // `output` means "drawn": fired once the new map is on the canvas.
    if (this.unannounced) {
      const detail = this.unannounced;
      this.unannounced = undefined;
      emit<ConvOutputDetail>(this, 'output', detail);
    }
    if (changed.has('focusPixel') || changed.has('result')) this.announcePixel();
  }

  // ---- images ----------------------------------------------------------------

  private initialSource(): ImageInput {
    return this.image ?? this.src ?? this.sampleSource();
  }

  private sampleSource(): string {
    return sampleUrl(this.sample || 'cat');
  }

  /** Loads an image as the reader's or author's action: failures keep the previous picture. */
  private async setPicture(input: ImageInput | (() => ImageInput)): Promise<void> {
    await this.compute(async () => {
      await this.loadPicture(input);
      await this.runner.request();
    }, 'Loading the image failed');
  }

  /** `source` may be a function, so that an unknown sample name is reported like any bad image. */
  private async loadPicture(
    source: ImageInput | (() => ImageInput),
    signal?: AbortSignal,
    { fatal = false } = {},
  ): Promise<void> {
    const request = ++this.imageRequest;
    let pixels: ImagePixels;
    let input: ImageInput;
    try {
      input = typeof source === 'function' ? source() : source;
      pixels = await readImage(input, { maxSide: this.maxSize, signal });
    } catch (e) {
      if (signal?.aborted || fatal) throw e;
      // About the image: the redraw of the previous picture must not clear it (see CnnElement.clearError).
      this.fail(messageOf(e), e, { about: 'image' });
      return;
    }
    // A newer image was asked for meanwhile, or the element left the page.
    if (request !== this.imageRequest || signal?.aborted || !this.isConnected) return;
    this.loadedFrom = input;
    this.usePixels(pixels);
    this.clearError('image');
  }

  private usePixels(pixels: ImagePixels): void {
    this.layerKernels = undefined;
    const image = toChannels(pixels, this.channels);
    const old = this.picture;
    this.picture = { pixels, image, tensor: this.tfjs.imageTensor(image) };
    old?.tensor.dispose();
  }

  // ---- computing ---------------------------------------------------------------

  /** The settings, checked; throws a reader-facing message when one is out of range. */
  private settings() {
    const stride = checkInteger(this.stride, 'stride', 1, 4);
    const dilation = checkInteger(this.dilation, 'dilation', 1, 3);
    const padding = parseConvPadding(this.padding);
    if (!ACTIVATIONS.includes(this.activation))
      throw new Error(`activation "${this.activation}" is unknown: use ${ACTIVATIONS.join(', ')}.`);
    if (!CHANNEL_MODES.includes(this.channels))
      throw new Error(`channels "${this.channels}" is unknown: use gray, rgb or sum.`);
    const bias = Number(this.bias);
    if (!Number.isFinite(bias)) throw new Error(`bias "${String(this.bias)}" is not a number.`);
    const kernel = this.normalize ? normalizeKernel(this.currentKernel) : this.currentKernel;
    return { stride, dilation, padding, bias, kernel, activation: this.activation, mode: this.channels };
  }

  private async convolveNow(): Promise<void> {
    let picture = this.picture;
    if (!picture) return;
    let s: ReturnType<ConvFilterPlayground['settings']>;
    let plan: ConvPlan;
    try {
      s = this.settings();
      const [kh, kw] = [s.kernel.length, s.kernel[0].length];
      plan = planConv([picture.image.height, picture.image.width], {
        kernelSize: [kh, kw],
        stride: s.stride,
        dilation: s.dilation,
        padding: s.padding,
      });
    } catch (e) {
      this.fail(messageOf(e), e);
      return;
    }
    // The channel mode decides how the image is read: gray needs one channel, rgb and sum three.
    const maps = picture.image.maps === true;
    if (maps ? s.mode === 'rgb' : (s.mode === 'gray') !== (picture.image.channels === 1)) {
      this.usePixels(picture.pixels);
      picture = this.picture!;
    }
    await this.compute(async () => {
      const started = performance.now();
      const channelKernels = this.channelKernels(s.kernel);
      const map = await this.tfjs.convolveToMap(
        picture.tensor,
        { kernel: s.kernel, channels: s.mode, bias: s.bias, activation: s.activation, channelKernels },
        plan,
      );
      const ms = performance.now() - started;
      // Released or replaced while computing: the picture's tensor is gone, drop the result.
      if (!this.isConnected || this.picture !== picture) return;
      const [min, max] = valueRange(map.values);
      if (!map.values.every(Number.isFinite)) throw new Error(overflowMessage);
      this.result = {
        ...map,
        plan,
        kernel: s.kernel,
        channelKernels,
        picture,
        mode: s.mode,
        bias: s.bias,
        activation: s.activation,
        min,
        max,
      };
      // Until the reader picks a pixel, the first look inspects the strongest response.
      this.focusPixel = this.pixelPicked
        ? [
            Math.min(this.focusPixel[0], plan.outShape[0] - 1),
            Math.min(this.focusPixel[1], plan.outShape[1] - 1),
          ]
        : strongestPixel(map.values, map.shape);
      // In motion, the fill follows the pixel on the new map's grid.
      this.motion.follow();
      const asked = this.askedPixel;
      this.askedPixel = undefined;
      if (asked) this.inspect(asked);
      this.clearError();
      this.unannounced = { shape: map.shape, min, max, backend: this.backendReport?.name ?? '', ms };
    }, 'The convolution failed');
  }

  /** The kernels of a learned filter, channel 0 being the grid as the reader left it; none once its size changed. */
  private channelKernels(kernel: number[][]): number[][][] | undefined {
    const layer = this.layerKernels;
    if (!layer || !this.picture?.image.maps || layer.length !== this.picture.image.channels) return undefined;
    if (kernel.length !== layer[0].length || kernel[0].length !== layer[0][0].length) return undefined;
    return [kernel, ...layer.slice(1)];
  }

  // ---- drawing -------------------------------------------------------------------

  /** The input as the kernel of the current result sees it: with its padding, when there is a result for this picture. */
  private shownInput():
    | { image: GridImage; padBefore: [number, number]; padTotal: [number, number] }
    | undefined {
    const picture = this.picture;
    if (!picture) return undefined;
    const plan = this.result?.picture === picture ? this.result.plan : undefined;
    if (!plan || (plan.padTotal[0] === 0 && plan.padTotal[1] === 0))
      return { image: picture.image, padBefore: [0, 0], padTotal: [0, 0] };
    return {
      image: padImage(picture.image, plan.padBefore, plan.padTotal, plan.padding),
      padBefore: plan.padBefore,
      padTotal: plan.padTotal,
    };
  }

  private paintInput(): void {
    const canvas = this.inputCanvas;
    const shown = this.shownInput();
    if (!canvas || !shown) return;
    const { values, height, width, channels } = shown.image;
    // A layer's maps are not 0–255 intensities: the first map through a gray scale of its range.
    if (this.picture?.image.maps)
      paintMap(
        canvas,
        values,
        [height, width, channels],
        mapScale('gray', ...valueRange(values, 0, channels)),
        0,
      );
    else paintIntensities(canvas, values, [height, width, channels]);
  }

  private paintOutput(): void {
    const canvas = this.outputCanvas;
    const result = this.result;
    if (!canvas || !result) return;
    const legend = this.legendSvg;
    if (result.mode === 'rgb') {
      paintIntensities(canvas, result.values, result.shape);
      legend?.replaceChildren();
      return;
    }
    const scale = this.scaleOf(result);
    paintMap(canvas, result.values, result.shape, scale);
    // A fixed drawing width scaled by CSS: reading the canvas's size would force a layout per edit.
    if (legend) renderLegend(legend, scale, 320, 'Feature map values');
  }

  /** The colour scale of a result, built once per result and colormap choice. */
  private scaleOf(result: Result): MapScale {
    if (result.scale?.choice === this.colormap) return result.scale.scale;
    const [low, high] = robustRange(result.values);
    const colormap: MapColormap =
      this.colormap === 'gray' || (this.colormap === 'auto' && result.min >= 0) ? 'gray' : 'diverging';
    const scale = mapScale(colormap, low, high);
    result.scale = { choice: this.colormap, scale };
    return scale;
  }

  // ---- reader actions ---------------------------------------------------------

  private setKernelByReader(kernel: number[][]): void {
    if (kernel.length !== this.currentKernel.length || kernel[0].length !== this.currentKernel[0].length)
      this.drafts = new Map();
    this.kernel = kernel;
    emit<KernelChangeDetail>(this, 'kernel-change', { kernel: this.kernel.map((r) => [...r]) });
  }

  /** The reader typed into a weight: applied when it is a number, kept as a draft while it is not. */
  private onCellTyped(r: number, c: number, text: string, commit: boolean): void {
    const edit = editCell(this.currentKernel, this.drafts, r, c, text);
    this.drafts = edit.drafts;
    if (edit.kernel) this.setKernelByReader(edit.kernel);
    // While typing ("-", "1e") wait; on commit (Enter, leaving the cell) say what is wrong.
    else if (edit.notANumber && commit)
      this.fail(
        `Kernel row ${r + 1}, column ${c + 1} is "${text}", not a number. The previous kernel is still applied.`,
      );
  }

  private async takePhoto(): Promise<void> {
    await this.compute(async () => {
      const stream = await navigator.mediaDevices.getUserMedia({ video: true });
      try {
        const video = document.createElement('video');
        video.muted = true;
        video.playsInline = true;
        video.srcObject = stream;
        await video.play();
        await this.setPicture(video);
      } finally {
        stream.getTracks().forEach((t) => t.stop());
      }
    }, 'The camera could not be used');
  }

  private onSample(e: Event): void {
    const name = (e.target as HTMLSelectElement).value;
    // Picking a sample replaces an author's src until the page sets src again.
    this.src = undefined;
    this.sample = name;
  }

  private onMapPointer(e: PointerEvent): void {
    const result = this.result;
    if (!result) return;
    const canvas = e.currentTarget as HTMLCanvasElement;
    const box = canvas.getBoundingClientRect();
    const [oh, ow] = result.plan.outShape;
    const row = Math.floor(((e.clientY - box.top) / box.height) * oh);
    const col = Math.floor(((e.clientX - box.left) / box.width) * ow);
    // Playing, the pointer does not move the pixel; paused in motion, a press leaves the motion first.
    if (this.motion.playing) return;
    if (e.type === 'pointerdown') this.motion.leave();
    if (this.motion.index !== undefined) return;
    this.pixelPicked = true;
    this.focusPixel = [clamp(row, 0, oh - 1), clamp(col, 0, ow - 1)];
  }

  private onMapKey(e: KeyboardEvent): void {
    const result = this.result;
    if (!result) return;
    const [oh, ow] = result.plan.outShape;
    const step = e.shiftKey ? 10 : 1;
    const [r, c] = this.focusPixel;
    const moves: Record<string, [number, number]> = {
      ArrowUp: [r - step, c],
      ArrowDown: [r + step, c],
      ArrowLeft: [r, c - step],
      ArrowRight: [r, c + step],
      Home: [0, 0],
      End: [oh - 1, ow - 1],
    };
    const next = moves[e.key];
    if (!next) return;
    e.preventDefault();
    this.motion.leave();
    this.pixelPicked = true;
    this.focusPixel = [clamp(next[0], 0, oh - 1), clamp(next[1], 0, ow - 1)];
  }

  private onLinkedSource(source: HTMLElement | undefined): void {
    this.linked?.removeEventListener('filter-select', this.onFilterSelect);
    this.linked = source;
    source?.addEventListener('filter-select', this.onFilterSelect);
  }

  // ---- template ---------------------------------------------------------------

  protected override renderContent(): unknown {
    const result = this.result;
    const picture = this.picture;
    const arithmetic =
      result && result.picture === picture
        ? pixelArithmetic(
            result.picture.image,
            result.mode,
            result.kernel,
            result.plan,
            result.bias,
            result.activation,
            ...this.focusPixel,
            result.channelKernels,
          )
        : undefined;
    return html`
      <div class="panes">
        <figure>
          <figcaption>
            ${picture ? this.inputCaption(picture) : 'Input'}
          </figcaption>
          <div class="viewport" part="input">
            <canvas
              class="in"
              role="img"
              aria-label=${picture ? `Input image, ${picture.image.width} by ${picture.image.height} pixels` : 'No image yet'}
              ${styleProps({ 'aspect-ratio': picture ? undefined : this.expectedAspect() })}
            ></canvas>
            ${picture ? this.renderEdge(picture.image) : nothing} ${arithmetic && picture ? this.renderField(arithmetic, picture.image) : nothing}
            ${picture ? nothing : html`<p class="placeholder">No image yet: pick a sample, choose a file, or drop one here.</p>`}
          </div>
        </figure>
        <figure>
          <figcaption>${result ? `Feature map ${result.shape[1]}×${result.shape[0]}${result.mode === 'rgb' ? ', 3 channels shown as RGB (clamped to 0–255)' : ''}` : 'Feature map'}</figcaption>
          <div
            class="viewport"
            part="output"
            tabindex="0"
            role="group"
            aria-label="Feature map. Point at a pixel, or use the arrow keys, to see how it was computed."
            @keydown=${this.onMapKey}
          >
            <canvas
              class="out"
              aria-hidden="true"
              ${styleProps({ 'aspect-ratio': result ? undefined : picture ? picture.image.width / picture.image.height : this.expectedAspect() })}
              @pointermove=${this.onMapPointer}
              @pointerdown=${this.onMapPointer}
            ></canvas>
            ${result ? this.renderCursor(result) : nothing}
          </div>
          <svg class="legend" part="legend" role="img" aria-label=${result ? this.legendLabel(result) : 'Legend'}></svg>
        </figure>
      </div>
      ${this.renderControls()}
      <!-- After the controls: what needs a first result appears below them, and nothing above moves. -->
      ${this.motion.render(this.renderSelect('Speed', this.speed, SCAN_SPEEDS, (v) => (this.speed = v as ScanSpeed)))} ${arithmetic && result ? this.renderArithmetic(arithmetic, result) : nothing}
      ${
        result
          ? html`<p class="formula" part="formula">
            height ${sizeFormula(result.plan, 0)}<br />
            width&nbsp; ${sizeFormula(result.plan, 1)}
          </p>`
          : nothing
      }
    `;
  }

  /** Width ÷ height of the picture on its way (a shipped sample's), so the maps keep their box when it lands. */
  private expectedAspect(): number {
    const sample = SAMPLE_IMAGES[this.sample as SampleName];
    return !this.src && !this.for && sample ? sample.aspect : 1.5;
  }

  /** Percentages of the drawn (padded) input for a rectangle in image coordinates. */
  private inputBox(image: GridImage, box: { top: number; left: number; bottom: number; right: number }) {
    const [[pt, pl], [ph, pw]] =
      this.result?.picture === this.picture
        ? [this.result!.plan.padBefore, this.result!.plan.padTotal]
        : [
            [0, 0],
            [0, 0],
          ];
    const h = image.height + ph;
    const w = image.width + pw;
    return {
      top: `${((box.top + pt) / h) * 100}%`,
      left: `${((box.left + pl) / w) * 100}%`,
      height: `${((box.bottom - box.top) / h) * 100}%`,
      width: `${((box.right - box.left) / w) * 100}%`,
    };
  }

  /** Marks the image's own edge when the input is drawn with its padding. */
  private renderEdge(image: GridImage) {
    const padded = this.result?.picture === this.picture && this.result!.plan.padTotal.some((p) => p > 0);
    if (!padded) return nothing;
    return html`<div class="edge" ${styleProps(this.inputBox(image, { top: 0, left: 0, bottom: image.height, right: image.width }))}></div>`;
  }

  private inputCaption(picture: Picture): string {
    const { width, height, channels } = picture.image;
    const from = picture.source;
    if (from) {
      const all =
        channels > 1
          ? `; drawn: map 0 of ${channels}, the sum runs over all ${channels} with each one's own kernel`
          : '';
      return `Input ${width}×${height}: the maps ${from.layer} reads, for its map ${from.index}${all}`;
    }
    return `Input ${width}×${height}${channels === 1 ? ', grayscale' : ', RGB'}`;
  }

  private renderField(a: PixelArithmetic, image: GridImage) {
    return html`<div class="box" ${styleProps(this.inputBox(image, a.window))}></div>`;
  }

  private renderCursor(result: Result) {
    const [oh, ow] = result.plan.outShape;
    const [r, c] = this.focusPixel;
    // In motion: veil what is not computed yet, the rest of the pixel's row and the rows below.
    const veil =
      this.motion.index === undefined
        ? nothing
        : html`<div class="unfilled" ${styleProps({ top: `${(r / oh) * 100}%`, left: `${((c + 1) / ow) * 100}%`, height: `${100 / oh}%`, right: '0' })}></div>
            <div class="unfilled" ${styleProps({ top: `${((r + 1) / oh) * 100}%`, left: '0', right: '0', bottom: '0' })}></div>`;
    return html`${veil}<div
      class="box"
      ${styleProps({ top: `${(r / oh) * 100}%`, left: `${(c / ow) * 100}%`, height: `${100 / oh}%`, width: `${100 / ow}%` })}
    ></div>`;
  }

  private legendLabel(result: Result): string {
    if (result.mode === 'rgb') return 'Three channels shown as an RGB image';
    const scale = this.scaleOf(result);
    const [lo, hi] = scale.domain;
    return scale.colormap === 'gray'
      ? `Gray scale: black is ${formatNumber(lo)} or less, white is ${formatNumber(hi)} or more`
      : `Diverging scale: blue is negative (darkest at ${formatNumber(lo)} or less), white is 0, red is positive (darkest at ${formatNumber(hi)} or more)`;
  }

  private renderArithmetic(a: PixelArithmetic, result: Result) {
    const maps = result.picture.image.maps === true;
    const value = (i: number) => result.values[(a.row * result.shape[1] + a.col) * result.shape[2] + i];
    return html`<section class="arithmetic" part="arithmetic">
      <div class="products" role="group" aria-label="Products of the window and the kernel" tabindex="0">
        ${a.channels.slice(0, SHOWN_CHANNEL_TABLES).map(
          (ch) => html`<table>
            <caption>
              ${ch.name === 'gray' ? 'input × kernel' : `${ch.name} × kernel`} = ${formatNumber(ch.sum)}
            </caption>
            ${ch.rows.map(
              (row) => html`<tr>
                ${row.map((p) => html`<td class=${p.padding ? 'pad' : ''}>${formatNumber(p.x, maps ? 3 : 1)}×${p.w < 0 ? `(${formatNumber(p.w)})` : formatNumber(p.w)}</td>`)}
              </tr>`,
            )}
          </table>`,
        )}
        ${
          a.channels.length > SHOWN_CHANNEL_TABLES
            ? html`<p class="more">… and ${a.channels.length - SHOWN_CHANNEL_TABLES} more maps, each with its own kernel (sum of all ${a.channels.length}: ${formatNumber(a.channels.reduce((t, c) => t + c.sum, 0))})</p>`
            : nothing
        }
      </div>
      <p aria-live=${this.motion.playing ? 'off' : 'polite'}>
        ${narrate(a, result.plan, result.mode)} The feature map holds
        ${a.results.map((_, i) => formatNumber(value(i))).join(', ')}.
      </p>
    </section>`;
  }

  private renderControls() {
    return html`<div class="controls" part="controls">
      ${renderKernelEditor(
        { kernel: this.currentKernel, drafts: this.drafts, normalize: this.normalize as boolean },
        {
          setKernel: (kernel) => this.setKernelByReader(kernel),
          typed: (r, c, text, commit) => this.onCellTyped(r, c, text, commit),
          setNormalize: (on) => (this.normalize = on),
        },
      )}
      <fieldset>
        <legend>Image</legend>
        <label
          >Sample
          <select @change=${this.onSample}>
            ${this.src ? html`<option selected value="">your image</option>` : nothing}
            ${SAMPLE_NAMES.map((name) => html`<option value=${name} ?selected=${!this.src && name === this.sample}>${SAMPLE_IMAGES[name].label}</option>`)}
          </select>
        </label>
        <label class="file"><input type="file" accept="image/*" @change=${this.intake.onFileInput} /><span class="file-button">Choose a file…</span></label>
        ${
          'mediaDevices' in navigator
            ? html`<button type="button" @click=${() => void this.takePhoto()}>Take a photo</button>`
            : nothing
        }
      </fieldset>
      <details class="more" part="more">
        <summary>More settings: stride, padding, dilation, bias, activation, channels, colours</summary>
        <fieldset>
        <legend>Convolution</legend>
        ${this.renderSelect('Stride', String(this.stride), ['1', '2', '3', '4'], (v) => (this.stride = Number(v)))}
        ${this.renderSelect('Padding', this.padding, CONV_PADDINGS, (v) => (this.padding = v as ConvPadding))}
        ${this.renderSelect('Dilation', String(this.dilation), ['1', '2', '3'], (v) => (this.dilation = Number(v)))}
        <label
          >Bias
          <input
            class="bias"
            type="number"
            step="any"
            .value=${String(this.bias)}
            @change=${(e: Event) => {
              const v = Number((e.target as HTMLInputElement).value);
              if (Number.isFinite(v)) this.bias = v;
              else this.fail('The bias must be a number. The previous bias is still applied.');
            }}
          />
        </label>
        ${this.renderSelect('Activation', this.activation, ACTIVATIONS, (v) => (this.activation = v as Activation))}
        ${this.renderSelect('Channels', this.channels, CHANNEL_MODES, (v) => (this.channels = v as ChannelMode))}
        ${this.renderSelect('Colours', this.colormap, COLORMAPS, (v) => (this.colormap = v as ColormapChoice))}
        </fieldset>
      </details>
    </div>`;
  }

  private renderSelect(label: string, value: string, options: readonly string[], set: (v: string) => void) {
    return html`<label
      >${label}
      <select @change=${(e: Event) => set((e.target as HTMLSelectElement).value)}>
        ${options.map((o) => html`<option ?selected=${o === value}>${o}</option>`)}
      </select>
    </label>`;
  }
}

/** Float32 holds numbers up to about 3.4e38: beyond, the map is Infinity or NaN and says nothing. */
const overflowMessage =
  'the feature map overflowed (values beyond ±3.4e38, or NaN): the kernel or bias is too large for 32-bit numbers. Use smaller numbers, or normalize the kernel. The previous map stays.';

function checkInteger(value: unknown, name: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`${name} must be a whole number from ${min} to ${max}, not "${String(value)}".`);
  return n;
}

/** The playground's events, typed on the playground (`playground.addEventListener('output', …)`), not globally. */
export interface ConvFilterPlaygroundEventMap {
  'kernel-change': CustomEvent<KernelChangeDetail>;
  output: CustomEvent<ConvOutputDetail>;
  'pixel-change': CustomEvent<PixelChangeDetail>;
}
