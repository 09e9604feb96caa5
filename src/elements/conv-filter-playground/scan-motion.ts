/**
 * The playground's convolution in motion: the inspected output pixel moves across the map
 * in reading order and the output fills in behind it, with Back, Play/Pause, Step, a scrub
 * bar and a speed. The motion owns how far the fill has come and whether it plays; the
 * playground owns the inspected pixel, which the motion moves through `MotionMap`.
 */
import { html, type ReactiveControllerHost } from 'lit';
import { TickerController } from '../../controllers/ticker.js';
import { clamp } from '../../core/math/numbers.js';
import {
  scanIndex,
  scanInterval,
  scanNext,
  scanPixel,
  scansByRows,
  type ScanSpeed,
} from '../../core/math/conv-scan.js';

/** What the motion reads of the playground, and how it moves the inspected pixel. */
export interface MotionMap {
  /** The output map's height and width; undefined while there is none. */
  shape(): readonly [number, number] | undefined;
  /** The inspected output pixel, [row, col]. */
  pixel(): [number, number];
  /** Inspects `pixel`, chosen by the motion (so a new result no longer moves it). */
  moveTo(pixel: [number, number]): void;
  speed(): ScanSpeed;
}

export class ScanMotion {
  private filledThrough?: number;
  private on = false;
  private readonly ticker: TickerController;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly map: MotionMap,
  ) {
    // The ticker is the host's controller: it stops when the host leaves the page.
    this.ticker = new TickerController(host);
  }

  /** True while the pixel moves by itself. */
  get playing(): boolean {
    return this.on;
  }

  /** In motion (playing or paused in it): the reading-order index the output is filled through; undefined when the whole map shows. */
  get index(): number | undefined {
    return this.filledThrough;
  }

  /** Plays from the inspected pixel, or from the start when the last run ended; stops at the end. */
  play(): void {
    const shape = this.map.shape();
    if (!shape) return;
    const [h, w] = shape;
    if (this.filledThrough === undefined || this.filledThrough >= h * w - 1) this.moveTo(0);
    const reduced =
      typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
    this.set(true, this.filledThrough);
    this.ticker.start(scanInterval(this.map.speed()), () => {
      const now = this.map.shape();
      const next = now && scanNext(this.filledThrough ?? 0, now[0], now[1], scansByRows(now[1], reduced));
      if (next === undefined) {
        // The whole map is filled (or gone): leave motion and show it all.
        this.set(false, undefined);
        return false;
      }
      this.moveTo(next);
      return true;
    });
  }

  /** Stops where it is; the output stays filled up to the inspected pixel. */
  pause(): void {
    this.ticker.stop();
    this.set(false, this.filledThrough);
  }

  /** Pauses and moves the inspected pixel `delta` steps in reading order (negative goes back). */
  step(delta = 1): void {
    const shape = this.map.shape();
    if (!shape) return;
    this.pause();
    const [h, w] = shape;
    const from = this.filledThrough ?? scanIndex(...this.map.pixel(), w);
    this.moveTo(clamp(from + delta, 0, h * w - 1));
  }

  /** Ends the motion: the whole map shows (the reader pointed, used the keys, or the page chose a pixel). */
  leave(): void {
    this.ticker.stop();
    this.set(false, undefined);
  }

  /** A new map: in motion, the fill follows the inspected pixel on its grid. */
  follow(): void {
    const shape = this.map.shape();
    if (this.filledThrough !== undefined && shape)
      this.set(this.on, scanIndex(...this.map.pixel(), shape[1]));
  }

  /** The controls, under the maps; `speed` is the speed's select. */
  render(speed: unknown): unknown {
    const shape = this.map.shape();
    if (!shape) return undefined;
    const [h, w] = shape;
    const [r, c] = this.map.pixel();
    const status = this.on
      ? 'Playing…'
      : this.filledThrough !== undefined
        ? `Paused at row ${r + 1}, column ${c + 1}`
        : '';
    return html`<div class="motion" part="motion" role="group" aria-label="The convolution in motion">
      <button type="button" @click=${() => this.step(-1)}>◀ Back</button>
      <button type="button" @click=${() => (this.on ? this.pause() : this.play())}>${this.on ? 'Pause' : 'Play'}</button>
      <button type="button" @click=${() => this.step(1)}>Step ▶</button>
      <label class="scrub"
        >Output pixel
        <input
          type="range"
          min="0"
          max=${h * w - 1}
          .value=${String(scanIndex(r, c, w))}
          aria-valuetext=${`row ${r + 1}, column ${c + 1} of ${h}×${w}`}
          @input=${(e: Event) => {
            this.pause();
            this.moveTo(Number((e.target as HTMLInputElement).value));
          }}
        />
      </label>
      ${speed}
      <span class="status" aria-live="polite">${status}</span>
    </div>`;
  }

  private moveTo(index: number): void {
    const shape = this.map.shape();
    if (!shape) return;
    this.set(this.on, index);
    this.map.moveTo(scanPixel(index, shape[1]));
  }

  private set(on: boolean, filledThrough: number | undefined): void {
    if (on === this.on && filledThrough === this.filledThrough) return;
    this.on = on;
    this.filledThrough = filledThrough;
    this.host.requestUpdate();
  }
}
