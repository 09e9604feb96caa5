import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { styleProps } from '../style-props.js';
import { CnnElement, messageOf } from '../cnn-element.js';
import { emit } from '../events.js';
import { LinkedSourceController } from '../../controllers/linked-source.js';
import {
  describeWindow,
  formatNumber,
  planPooling,
  windowAt,
  type Padding,
  type PoolMode,
  type PoolPlan,
  type PoolWindow,
} from '../../core/math/pooling-plan.js';
import { clamp, valueRange } from '../../core/math/numbers.js';
import { randomIntegerMap } from '../../core/math/random.js';
import { cellLabel } from './cell-label.js';
import { imageToGrid, reduceFeatureMap } from '../../core/images/image-grid.js';
import { sequentialColors } from '../../vis/colormap.js';
import {
  MODES,
  PADDINGS,
  checkFiniteMap,
  parseMode,
  parsePadding,
  parsePair,
  parseSeed,
  parseSide,
  parseSpeed,
  parseValues,
} from './input.js';
import { poolingStepperStyles } from './pooling-stepper.styles.js';

/** Detail of the `step` event. */
export interface PoolStepDetail {
  index: number;
  /** Output cell written by this step. */
  row: number;
  col: number;
  /** The window's values (only the cells inside the map when `same` padding clips it). */
  window: number[][];
  result: number;
}

/** What a linked element must offer to be pooled: a feature map, and an `output` event when it changes. */
interface FeatureMapSource extends HTMLElement {
  getOutput(): Promise<{ values: ArrayLike<number>; shape: number[] }>;
}

/** The map and plan currently shown: replaced only by a valid new configuration. */
interface Stage {
  map: number[][];
  plan: PoolPlan;
  /** The full pooled map from tfjs, row-major. */
  output?: Float32Array;
}

const PLAN_KEYS = ['values', 'rows', 'cols', 'seed', 'mode', 'poolSize', 'stride', 'padding'] as const;

/** The stepper's TensorFlow.js side, fetched by the base class beside the backend. */
type Tfjs = typeof import('../../core/math/pooling.tf.js');

/**
 * Steps a pooling window across a feature map, one output cell at a time, so a
 * reader sees why the map shrinks and which values survive.
 *
 * The map comes from `values`, from `src` (an image reduced to a small grayscale
 * grid), from the feature map of the element named by `for` (a
 * `<conv-filter-playground>`), or else from a seeded random map (`rows`, `cols`,
 * `seed`). The full output is computed by tfjs (`maxPool`, `avgPool`, and min as
 * −maxPool(−x)); the narrated arithmetic of each window is derived independently.
 *
 * Keyboard: focus the map, then Space plays or pauses, arrow keys step, Home and
 * End jump to the first and last window.
 *
 * @summary Step a max, average or min pooling window across a feature map, one cell at a time.
 * @tag pooling-stepper
 * @fires step - The window moved (user action or playback); `detail: { index, row, col, window, result }`.
 * @fires complete - The last window was reached.
 * @fires cnn-error - Bad input or a failed load; `detail: { message, cause? }`. The previous map stays.
 * @csspart input - The input map.
 * @csspart output - The pooled map.
 * @csspart cell - Every cell of either map.
 * @csspart formula - The output-size formula with the current numbers.
 * @csspart narration - The arithmetic of the current window, also announced to screen readers.
 * @csspart controls - Playback buttons, scrubber and settings.
 * @cssprop --cnn-cell-size - Side of one cell (default 2.2em).
 * @cssprop --cnn-window - Outline colour of the current window (defaults to the accent).
 */
export class PoolingStepper extends CnnElement<PoolingStepperEventMap, Tfjs> {
  /** @internal See CnnElement.computeModule. */
  static override computeModule = (): Promise<Tfjs> => import('../../core/math/pooling.tf.js');

  static override styles = [...CnnElement.styles, poolingStepperStyles];

  /** The map to pool: a 2-D array of finite numbers (JSON in the attribute), at most 32×32. */
  @property({ attribute: 'values', converter: { fromAttribute: (v: string | null) => v } })
  values?: number[][] | string;

  /** `max`, `avg` or `min`. */
  @property({ reflect: true }) mode: PoolMode = 'max';

  /** Window size: 1 to 5, or `h×w` such as `2x3`. */
  @property({ attribute: 'pool-size' }) poolSize: number | string = 2;

  /** Step between windows: 1 to 5 or `h×w`; defaults to the pool size. */
  @property() stride?: number | string;

  /** `valid` keeps whole windows only; `same` pads so that out = ceil(in / stride). */
  @property({ reflect: true }) padding: Padding = 'valid';

  /** Rows of the seeded random map used when no other input is given. */
  @property({ type: Number }) rows = 6;

  /** Columns of the seeded random map. */
  @property({ type: Number }) cols = 6;

  /** Seed of the random map (a whole number): the same seed gives the same map. */
  @property({ type: Number }) seed = 1;

  /** An image URL, reduced to a grayscale grid of at most 16×16. */
  @property() src?: string;

  /** Id of a `<conv-filter-playground>` whose feature map to pool, following its changes. */
  @property() for?: string;

  /** Milliseconds per step while playing: 50 to 10000. */
  @property({ type: Number }) speed = 700;

  /** Start playing once ready (ignored when the reader prefers reduced motion). */
  @property({ type: Boolean }) autoplay = false;

  /** The current step (window) index, 0 to `steps − 1`. */
  @property({ type: Number }) step = 0;

  @state() private stage?: Stage;
  @state() private playing = false;
  /** A map loaded from `src` or the linked element; takes precedence over `values`. */
  @state() private loadedMap?: number[][];
  /** Where `loadedMap` came from, so that unlinking or removing `src` gives `values` back. */
  private loadedFrom?: 'src' | 'link';
  /** The speed in use: the last valid `speed`. */
  private interval = 700;

  private timer?: ReturnType<typeof setInterval>;
  private readonly link = new LinkedSourceController<FeatureMapSource>(
    this,
    (source) => this.onSourceChange(source),
    {
      accepts: (element) => typeof (element as Partial<FeatureMapSource>).getOutput === 'function',
      wanted: 'a <conv-filter-playground>',
      report: (message) => this.fail(message, undefined, { about: 'for' }),
      clear: () => this.clearError('for'),
    },
  );
  private linkedSource?: FeatureMapSource;
  private readonly onSourceOutput = () => void this.pullFromSource();

  /** Total number of steps (one per output cell). */
  get steps(): number {
    return this.stage?.plan.steps ?? 0;
  }

  /** The full pooled map, computed by tfjs. */
  async getOutput(): Promise<{ values: Float32Array; shape: [number, number] }> {
    await this.ready;
    const stage = this.stage;
    if (!stage) throw new Error('The stepper has no valid map to pool yet.');
    return this.tfjs.poolMap(stage.map, stage.plan);
  }

  /** Plays the steps from the current one (from the start when at the end). */
  play(): void {
    if (!this.stage || this.playing) return;
    if (this.step >= this.steps - 1) this.moveTo(0);
    this.playing = true;
    this.timer = setInterval(() => {
      if (this.step >= this.steps - 1) this.pause();
      else this.moveTo(this.step + 1);
    }, this.interval);
  }

  pause(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.playing = false;
  }

  next(): void {
    if (this.step < this.steps - 1) this.moveTo(this.step + 1);
  }

  previous(): void {
    if (this.step > 0) this.moveTo(this.step - 1);
  }

  /** Pauses and goes back to the first window. */
  reset(): void {
    this.pause();
    this.moveTo(0);
  }

  protected override release(): void {
    this.pause();
    this.linkedSource?.removeEventListener('output', this.onSourceOutput);
    this.linkedSource = undefined;
  }

  protected override onReady(): void {
    void this.refreshOutput();
    this.link.arm();
    if (this.autoplay && !matchMedia('(prefers-reduced-motion: reduce)').matches) this.play();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('for')) this.link.follow(this.for);
    if (PLAN_KEYS.some((k) => changed.has(k)) || changed.has('loadedMap' as keyof PoolingStepper))
      this.rebuild();
    if (changed.has('step') && this.stage) this.checkStep();
    if (changed.has('speed')) this.checkSpeed();
  }

  /** A step outside 0..steps − 1 (or not a whole number) is explained and clamped. */
  private checkStep(): void {
    const wanted = Number(this.step);
    const last = this.steps - 1;
    const step = clamp(Number.isFinite(wanted) ? Math.round(wanted) : 0, 0, last);
    if (step !== wanted) {
      this.fail(
        `step "${String(this.step)}" is not a window of this map: use a whole number from 0 to ${last}. Showing step ${step}.`,
      );
    }
    this.step = step;
  }

  private checkSpeed(): void {
    try {
      this.interval = parseSpeed(this.speed);
    } catch (e) {
      this.fail(messageOf(e), e);
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (changed.has('src') && !this.for) {
      if (this.src) void this.loadImage(this.src);
      else if (this.loadedFrom === 'src') this.useLoadedMap(undefined);
    }
    if (changed.has('speed') && this.playing) {
      this.pause();
      this.play();
    }
  }

  /** Validates the inputs into a new stage; on bad input reports it and keeps the old stage. */
  private rebuild(): void {
    try {
      const map =
        this.loadedMap ??
        (this.values !== undefined && this.values !== null ? parseValues(this.values) : this.randomMap());
      const size = parsePair(this.poolSize, 'pool-size');
      const stride =
        this.stride === undefined || this.stride === '' ? size : parsePair(this.stride, 'stride');
      const plan = planPooling([map.length, map[0].length], {
        mode: parseMode(this.mode),
        size,
        stride,
        padding: parsePadding(this.padding),
      });
      const previous = this.stage;
      this.stage = { map, plan };
      if (!previous || previous.plan.steps !== plan.steps) this.step = 0;
      this.clearError();
      if (this.state === 'ready' || this.state === 'busy') void this.refreshOutput();
    } catch (e) {
      this.fail(messageOf(e), e);
    }
  }

  private randomMap(): number[][] {
    return randomIntegerMap(parseSide(this.rows, 'rows'), parseSide(this.cols, 'cols'), parseSeed(this.seed));
  }

  private async refreshOutput(): Promise<void> {
    const stage = this.stage;
    if (!stage) return;
    if (!this.tfjsLoaded) return;
    const pooling = this.tfjs;
    const result = await this.compute(() => pooling.poolMap(stage.map, stage.plan), 'Pooling failed');
    // Keep it only if the stage was not replaced meanwhile.
    if (result && this.stage === stage) this.stage = { ...stage, output: result.values };
  }

  private async loadImage(url: string): Promise<void> {
    await this.compute(async () => {
      const grid = await imageToGrid(url);
      if (this.src === url && !this.for) this.useLoadedMap(grid, 'src');
    }, 'Loading the image failed');
  }

  private onSourceChange(source: FeatureMapSource | undefined): void {
    this.linkedSource?.removeEventListener('output', this.onSourceOutput);
    this.linkedSource = source;
    if (!source) {
      // Unlinked: the map comes from `src` or `values` again, not from the old link.
      if (this.loadedFrom === 'link') this.useLoadedMap(undefined);
      if (!this.for && this.src && this.state !== 'loading') void this.loadImage(this.src);
      return;
    }
    source.addEventListener('output', this.onSourceOutput);
    void this.pullFromSource();
  }

  private async pullFromSource(): Promise<void> {
    const source = this.linkedSource;
    if (!source) return;
    await this.compute(async () => {
      const { values, shape } = await source.getOutput();
      const [h, w, c = 1] = shape;
      const map = checkFiniteMap(reduceFeatureMap(values, [h, w, c]), `The feature map of #${this.for}`);
      if (source === this.linkedSource) this.useLoadedMap(map, 'link');
    }, `Reading the feature map of #${this.for} failed`);
  }

  private useLoadedMap(map: number[][] | undefined, from?: 'src' | 'link'): void {
    this.loadedMap = map;
    this.loadedFrom = map ? from : undefined;
  }

  /** Moves to a step as a user action: fires `step`, and `complete` at the last one. */
  private moveTo(index: number): void {
    if (!this.stage) return;
    this.step = clamp(index, 0, this.steps - 1);
    const w = windowAt(this.stage.map, this.stage.plan, this.step);
    emit<PoolStepDetail>(this, 'step', {
      index: w.index,
      row: w.row,
      col: w.col,
      window: w.window,
      result: w.result,
    });
    if (this.step === this.steps - 1) emit<PoolCompleteDetail>(this, 'complete', { steps: this.steps });
  }

  private onStageKey(e: KeyboardEvent): void {
    const actions: Record<string, () => void> = {
      ' ': () => (this.playing ? this.pause() : this.play()),
      ArrowRight: () => this.next(),
      ArrowDown: () => this.next(),
      ArrowLeft: () => this.previous(),
      ArrowUp: () => this.previous(),
      Home: () => this.moveTo(0),
      End: () => this.moveTo(this.steps - 1),
    };
    const action = actions[e.key];
    if (!action) return;
    e.preventDefault();
    if (e.key !== ' ') this.pause();
    action();
  }

  protected override renderContent(): unknown {
    const stage = this.stage;
    if (!stage) return html`<p>Preparing the map…</p>`;
    const { map, plan } = stage;
    const current = windowAt(map, plan, this.step);
    // A loop, not Math.min(...cells): spreading a big map overflows the call stack.
    const colors = sequentialColors(...valueRange(map.flat()));
    return html`
      <div class="maps">
        <figure>
          <figcaption>Input ${plan.inShape[0]}×${plan.inShape[1]}</figcaption>
          <div
            class="stage"
            part="input"
            tabindex="0"
            role="group"
            aria-label="Input map. Space plays or pauses; arrow keys step; Home and End jump."
            @keydown=${this.onStageKey}
          >
            ${this.renderInput(map, plan, current, colors)}
          </div>
        </figure>
        <figure>
          <figcaption>Output ${plan.outShape[0]}×${plan.outShape[1]}</figcaption>
          <div class="output" part="output">${this.renderOutput(stage, colors)}</div>
        </figure>
      </div>
      <p class="formula" part="formula">${formula(plan)}</p>
      <p class="narration" part="narration" aria-live="polite">${this.narrate(current, plan)}</p>
      ${this.renderControls(plan)}
    `;
  }

  private renderInput(
    map: number[][],
    plan: PoolPlan,
    w: PoolWindow,
    colors: ReturnType<typeof sequentialColors>,
  ) {
    const [h, wd] = plan.inShape;
    const [pt, pl] = plan.padBefore;
    const pb = plan.padTotal[0] - pt;
    const pr = plan.padTotal[1] - pl;
    const cells = [];
    for (let r = -pt; r < h + pb; r++) {
      for (let c = -pl; c < wd + pr; c++) {
        const inWindow = r >= w.top && r < w.top + plan.size[0] && c >= w.left && c < w.left + plan.size[1];
        const padded = r < 0 || c < 0 || r >= h || c >= wd;
        const chosen = w.chosen && w.chosen[0] === r && w.chosen[1] === c;
        const style = padded ? {} : colors(map[r][c]);
        cells.push(
          html`<span
            part="cell"
            class=${classMap({ cell: true, pad: padded, win: inWindow, chosen: Boolean(chosen) })}
            ${styleProps(style)}
            title=${padded ? nothing : formatNumber(map[r][c])}
            >${padded ? '' : fittedValue(map[r][c], formatNumber(map[r][c]))}</span
          >`,
        );
      }
    }
    return html`<div class="grid" ${styleProps({ '--cols': wd + pl + pr })}>${cells}</div>`;
  }

  private renderOutput(stage: Stage, colors: ReturnType<typeof sequentialColors>) {
    const [oh, ow] = stage.plan.outShape;
    const cells = [];
    for (let i = 0; i < oh * ow; i++) {
      const written = i <= this.step && stage.output !== undefined;
      const v = stage.output?.[i] ?? 0;
      cells.push(
        html`<span
          part="cell"
          class=${classMap({ cell: true, current: i === this.step, empty: !written })}
          ${styleProps(written ? { ...colors(v) } : {})}
          title=${written ? formatNumber(v, 3) : nothing}
          >${written ? fittedValue(v, formatNumber(v, 3)) : ''}</span
        >`,
      );
    }
    return html`<div class="grid" ${styleProps({ '--cols': ow })}>${cells}</div>`;
  }

  private narrate(w: PoolWindow, plan: PoolPlan): string {
    const rows = w.rows[1] - w.rows[0] > 1 ? `rows ${w.rows[0] + 1}–${w.rows[1]}` : `row ${w.rows[0] + 1}`;
    const cols =
      w.cols[1] - w.cols[0] > 1 ? `columns ${w.cols[0] + 1}–${w.cols[1]}` : `column ${w.cols[0] + 1}`;
    return (
      `Step ${w.index + 1} of ${plan.steps}: window over ${rows}, ${cols}. ` +
      `${describeWindow(w, plan.mode)}, written to output row ${w.row + 1}, column ${w.col + 1}.`
    );
  }

  private renderControls(plan: PoolPlan) {
    const last = plan.steps - 1;
    return html`<div class="controls" part="controls">
      <div class="buttons">
        <button @click=${() => this.reset()} aria-label="Reset to the first window">Reset</button>
        <button @click=${() => this.previous()} ?disabled=${this.step <= 0} aria-label="Previous window">◀</button>
        <button class="play primary" @click=${() => (this.playing ? this.pause() : this.play())} aria-pressed=${this.playing}>
          ${this.playing ? 'Pause' : 'Play'}
        </button>
        <button @click=${() => this.next()} ?disabled=${this.step >= last} aria-label="Next window">▶</button>
      </div>
      <label class="scrub"
        >Step
        <input
          type="range"
          min="0"
          max=${last}
          .value=${String(this.step)}
          aria-valuetext=${`step ${this.step + 1} of ${plan.steps}`}
          @input=${(e: Event) => {
            this.pause();
            this.moveTo(Number((e.target as HTMLInputElement).value));
          }}
      /></label>
      <label
        >Mode
        <select @change=${(e: Event) => this.setByUser('mode', (e.target as HTMLSelectElement).value)}>
          ${MODES.map((m) => html`<option value=${m} ?selected=${m === plan.mode}>${m}</option>`)}
        </select></label
      >
      <label
        >Pool
        <select @change=${(e: Event) => this.setByUser('poolSize', (e.target as HTMLSelectElement).value)}>
          ${[1, 2, 3, 4, 5].map(
            (n) =>
              html`<option value=${n} ?selected=${plan.size[0] === n && plan.size[1] === n}>${n}×${n}</option>`,
          )}
          ${
            plan.size[0] !== plan.size[1]
              ? html`<option selected value=${`${plan.size[0]}x${plan.size[1]}`}>${plan.size[0]}×${plan.size[1]}</option>`
              : nothing
          }
        </select></label
      >
      <label
        >Padding
        <select @change=${(e: Event) => this.setByUser('padding', (e.target as HTMLSelectElement).value)}>
          ${PADDINGS.map((p) => html`<option value=${p} ?selected=${p === plan.padding}>${p}</option>`)}
        </select></label
      >
      <label
        >Speed
        <select @change=${(e: Event) => (this.speed = Number((e.target as HTMLSelectElement).value))}>
          ${[
            [1400, 'slow'],
            [700, 'normal'],
            [250, 'fast'],
          ].map(([ms, name]) => html`<option value=${ms} ?selected=${this.speed === ms}>${name}</option>`)}
        </select></label
      >
    </div>`;
  }

  private setByUser(key: 'mode' | 'poolSize' | 'padding', value: string): void {
    this.pause();
    (this as Record<typeof key, unknown>)[key] = value;
  }
}

/** The output-size formula per axis, filled with the current numbers. */
function formula(plan: PoolPlan): string {
  const axis = (name: string, i: 0 | 1) => {
    const n = plan.inShape[i];
    const k = plan.size[i];
    const s = plan.stride[i];
    const out = plan.outShape[i];
    return plan.padding === 'same'
      ? `${name}: ceil(${n} / ${s}) = ${out} (padding ${plan.padTotal[i]})`
      : `${name}: floor((${n} − ${k}) / ${s}) + 1 = ${out}`;
  };
  return `Output size, ${axis('rows', 0)}; ${axis('columns', 1)}.`;
}

/** Detail of the `complete` event: how many windows the walk had. */
export interface PoolCompleteDetail {
  steps: number;
}

/** The stepper's events, typed on the stepper (`stepper.addEventListener('step', …)`), not globally. */
export interface PoolingStepperEventMap {
  step: CustomEvent<PoolStepDetail>;
  complete: CustomEvent<PoolCompleteDetail>;
}

/** A cell's value in at most four characters, the full value beside it for screen readers (and in its title). */
function fittedValue(v: number, full: string) {
  const short = cellLabel(v);
  // Four characters take a smaller font to fit the default cell.
  const size = short.length >= 4 ? 'long' : '';
  if (short === full) return size ? html`<span class=${size}>${full}</span>` : full;
  return html`<span class=${size} aria-hidden="true">${short}</span><span class="sr-only">${full}</span>`;
}
