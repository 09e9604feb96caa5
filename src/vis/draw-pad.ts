/**
 * `<cnn-draw-pad>`: a square canvas a reader draws on with a mouse, pen or finger (pointer
 * events cover all three), or with the keyboard. White ink on black, the way MNIST digits
 * are stored, so a drawing needs no inversion before a digit model sees it.
 *
 * It knows nothing about models: it keeps the strokes, draws them, and says when they
 * change. Elements read `canvas` or `getImageData()` and listen for `draw-input` (while a
 * stroke is being drawn, at most once a frame) and `draw-change` (a stroke ended, or the
 * pad was cleared or undone). Strokes are kept in pad units (0..1 on each axis) so the
 * drawing survives a change of `size`.
 *
 * Keyboard: focus the pad, move the pen with the arrow keys, Space or Enter lifts and
 * lowers it (drawing while down), Backspace undoes the last stroke, Delete or Escape clears.
 */
import { css, html, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { TypedEventsElement } from '../elements/typed-events.js';
import { styleProps } from '../elements/style-props.js';

export interface PadPoint {
  /** 0 (left) to 1 (right). */
  x: number;
  /** 0 (top) to 1 (bottom). */
  y: number;
}

export type PadStroke = PadPoint[];

/** Detail of `draw-input` and `draw-change`. */
/** The draw pad's events, typed on the pad (`pad.addEventListener('draw-change', …)`). */
export interface DrawPadEventMap {
  /** While a stroke is being drawn, at most once a frame. */
  'draw-input': CustomEvent<DrawPadDetail>;
  /** A stroke ended, or the pad was cleared or undone. */
  'draw-change': CustomEvent<DrawPadDetail>;
}

export interface DrawPadDetail {
  strokes: readonly PadStroke[];
  empty: boolean;
}

/** How far one arrow key press moves the keyboard pen, in pad units. */
const KEY_STEP = 0.04;

export class CnnDrawPad extends TypedEventsElement<DrawPadEventMap> {
  static override styles = css`
    :host {
      display: inline-block;
      --_ring: var(--cnn-focus-ring, 0 0 0 3px color-mix(in srgb, var(--cnn-accent, #2563eb) 45%, transparent));
    }
    .pad {
      position: relative;
      width: var(--cnn-pad-size, 196px);
      aspect-ratio: 1;
      border-radius: 6px;
      overflow: hidden;
      background: #000;
    }
    .pad:focus-visible {
      outline: none;
      box-shadow: var(--_ring);
    }
    /* Forced colours: the black pad gets an edge on a black palette, and its focus an outline. */
    @media (forced-colors: active) {
      .pad {
        outline: 1px solid CanvasText;
      }
      .pad:focus-visible {
        outline: 3px solid Highlight;
        outline-offset: 2px;
      }
      .pen {
        forced-color-adjust: none;
        border-color: Highlight;
      }
      .pen.down {
        background: Highlight;
      }
    }
    canvas {
      display: block;
      width: 100%;
      height: 100%;
      /* The page must not scroll or zoom while a finger draws. */
      touch-action: none;
      cursor: crosshair;
    }
    .pen {
      position: absolute;
      width: 10px;
      height: 10px;
      margin: -5px 0 0 -5px;
      border: 2px solid var(--cnn-accent, #2563eb);
      border-radius: 50%;
      pointer-events: none;
    }
    .pen.down {
      background: var(--cnn-accent, #2563eb);
    }
  `;

  /** Side of the canvas in pixels (its drawing resolution; the CSS size is `--cnn-pad-size`). */
  @property({ type: Number }) size = 280;

  /** Line width as a fraction of the side (0.07 of 280 px ≈ 20 px, MNIST-like once scaled to 20×20). */
  @property({ type: Number, attribute: 'line-width' }) lineWidth = 0.07;

  /** Accessible name of the pad. */
  @property() label = 'Drawing pad';

  @query('canvas') private canvasEl!: HTMLCanvasElement;
  @state() private keyPen?: { x: number; y: number; down: boolean };

  private strokeList: PadStroke[] = [];
  private activePointer?: number;
  private frameRequested = false;

  /** The strokes drawn so far (pad units). Setting it redraws and fires nothing. */
  get strokes(): readonly PadStroke[] {
    return this.strokeList;
  }

  set strokes(value: readonly PadStroke[]) {
    this.strokeList = value.map((s) => s.map((p) => ({ x: p.x, y: p.y })));
    this.redraw();
  }

  /** True while nothing is drawn. */
  get empty(): boolean {
    return this.strokeList.length === 0;
  }

  /** The canvas the strokes are drawn on (available after the first render). */
  get canvas(): HTMLCanvasElement {
    return this.canvasEl;
  }

  /** The pixels of the drawing, `size`×`size` RGBA. */
  getImageData(): ImageData {
    return this.context().getImageData(0, 0, this.size, this.size);
  }

  /**
   * The drawing's pixels around its ink: the strokes' bounding box with a margin of black,
   * or the whole pad where the ink comes near its edge. `preprocessDigit` makes of it exactly
   * what it makes of the whole pad (the same ink on the same black, the border still black),
   * and a stroke reads a few thousand pixels instead of every one: on some machines each
   * fresh page of memory costs tens of microseconds.
   */
  getInk(): { pixels: ImageData; left: number; top: number } {
    const box = this.inkBox() ?? { left: 0, top: 0, width: this.size, height: this.size };
    const { left, top, width, height } = box;
    return { pixels: this.context().getImageData(left, top, width, height), left, top };
  }

  /** Removes every stroke and fires `draw-change`. */
  clear(): void {
    this.strokeList = [];
    this.redraw();
    this.changed('draw-change');
  }

  /** Removes the last stroke and fires `draw-change`. */
  undo(): void {
    if (this.empty) return;
    this.strokeList.pop();
    this.redraw();
    this.changed('draw-change');
  }

  /** Adds strokes as if the reader drew them (a demo, a test) and fires `draw-change`. */
  drawStrokes(strokes: readonly PadStroke[]): void {
    for (const s of strokes) this.strokeList.push(s.map((p) => ({ x: p.x, y: p.y })));
    this.redraw();
    this.changed('draw-change');
  }

  protected override firstUpdated(): void {
    this.redraw();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('size') || changed.has('lineWidth')) this.redraw();
  }

  /** The ink's box in canvas pixels, with its margin; none when empty or near an edge. */
  private inkBox(): { left: number; top: number; width: number; height: number } | undefined {
    if (this.empty) return undefined;
    let x0 = 1;
    let y0 = 1;
    let x1 = 0;
    let y1 = 0;
    for (const stroke of this.strokeList) {
      for (const { x, y } of stroke) {
        x0 = Math.min(x0, x);
        y0 = Math.min(y0, y);
        x1 = Math.max(x1, x);
        y1 = Math.max(y1, y);
      }
    }
    const s = this.size;
    // Half the line (round caps and joins reach no further) and two pixels of anti-aliasing.
    const reach = Math.max(1, this.lineWidth * s) / 2 + 2;
    const left = Math.floor(x0 * s - reach);
    const top = Math.floor(y0 * s - reach);
    const right = Math.ceil(x1 * s + reach);
    const bottom = Math.ceil(y1 * s + reach);
    if (left < 0 || top < 0 || right > s || bottom > s) return undefined;
    return { left, top, width: right - left, height: bottom - top };
  }

  /** Kept: a stroke asks for it several times, and each getContext call converts its options anew. */
  private ctx?: CanvasRenderingContext2D;

  private context(): CanvasRenderingContext2D {
    if (this.ctx?.canvas !== this.canvasEl)
      this.ctx = this.canvasEl.getContext('2d', { willReadFrequently: true })!;
    return this.ctx;
  }

  private redraw(): void {
    if (!this.canvasEl) return;
    const ctx = this.context();
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, this.size, this.size);
    for (const stroke of this.strokeList) this.paint(stroke, 0);
  }

  /** Draws a stroke from point `from` on (a dot for a single point). */
  private paint(stroke: PadStroke, from: number): void {
    const ctx = this.context();
    const s = this.size;
    ctx.strokeStyle = ctx.fillStyle = '#fff';
    ctx.lineWidth = Math.max(1, this.lineWidth * s);
    ctx.lineCap = ctx.lineJoin = 'round';
    if (stroke.length === 1) {
      ctx.beginPath();
      ctx.arc(stroke[0].x * s, stroke[0].y * s, ctx.lineWidth / 2, 0, Math.PI * 2);
      ctx.fill();
      return;
    }
    ctx.beginPath();
    const start = Math.max(0, from - 1);
    ctx.moveTo(stroke[start].x * s, stroke[start].y * s);
    for (let i = start + 1; i < stroke.length; i++) ctx.lineTo(stroke[i].x * s, stroke[i].y * s);
    ctx.stroke();
  }

  private changed(type: 'draw-input' | 'draw-change'): void {
    const detail: DrawPadDetail = { strokes: this.strokeList, empty: this.empty };
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  /** `draw-input` at most once per animation frame while a stroke grows. */
  private inputSoon(): void {
    if (this.frameRequested) return;
    this.frameRequested = true;
    requestAnimationFrame(() => {
      this.frameRequested = false;
      this.changed('draw-input');
    });
  }

  private toPad(e: PointerEvent): PadPoint {
    const r = this.canvasEl.getBoundingClientRect();
    const clamp = (v: number) => Math.min(1, Math.max(0, v));
    return { x: clamp((e.clientX - r.left) / r.width), y: clamp((e.clientY - r.top) / r.height) };
  }

  private onPointerDown(e: PointerEvent): void {
    if (this.activePointer !== undefined || (e.pointerType === 'mouse' && e.button !== 0)) return;
    e.preventDefault();
    this.activePointer = e.pointerId;
    // Keep receiving moves when the pointer leaves the canvas mid-stroke. Synthetic events
    // (a script drawing on the pad) have no active pointer to capture: draw all the same.
    try {
      this.canvasEl.setPointerCapture(e.pointerId);
    } catch {
      /* not a live pointer */
    }
    const stroke = [this.toPad(e)];
    this.strokeList.push(stroke);
    this.paint(stroke, 0);
    this.inputSoon();
  }

  private onPointerMove(e: PointerEvent): void {
    if (e.pointerId !== this.activePointer) return;
    const stroke = this.strokeList[this.strokeList.length - 1];
    const from = stroke.length;
    // Coalesced events keep fast strokes smooth where the browser batches moves.
    const events = e.getCoalescedEvents?.() ?? [];
    for (const ev of events.length ? events : [e]) stroke.push(this.toPad(ev));
    this.paint(stroke, from);
    this.inputSoon();
  }

  private onPointerUp(e: PointerEvent): void {
    if (e.pointerId !== this.activePointer) return;
    this.activePointer = undefined;
    this.changed('draw-change');
  }

  private onKeyDown(e: KeyboardEvent): void {
    const pen = this.keyPen ?? { x: 0.5, y: 0.5, down: false };
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-KEY_STEP, 0],
      ArrowRight: [KEY_STEP, 0],
      ArrowUp: [0, -KEY_STEP],
      ArrowDown: [0, KEY_STEP],
    };
    if (e.key in moves) {
      const [dx, dy] = moves[e.key];
      const next = {
        x: Math.min(1, Math.max(0, pen.x + dx)),
        y: Math.min(1, Math.max(0, pen.y + dy)),
        down: pen.down,
      };
      if (pen.down) {
        const stroke = this.strokeList[this.strokeList.length - 1];
        stroke.push({ x: next.x, y: next.y });
        this.paint(stroke, stroke.length - 1);
        this.changed('draw-change');
      }
      this.keyPen = next;
    } else if (e.key === ' ' || e.key === 'Enter') {
      if (!pen.down) {
        const stroke = [{ x: pen.x, y: pen.y }];
        this.strokeList.push(stroke);
        this.paint(stroke, 0);
        this.changed('draw-change');
      }
      this.keyPen = { ...pen, down: !pen.down };
    } else if (e.key === 'Backspace') {
      this.undo();
    } else if (e.key === 'Delete' || e.key === 'Escape') {
      this.keyPen = { ...pen, down: false };
      this.clear();
    } else {
      return;
    }
    e.preventDefault();
  }

  protected override render() {
    const pen = this.keyPen;
    return html`<div
      class="pad"
      part="pad"
      tabindex="0"
      role="application"
      aria-roledescription="drawing pad"
      aria-label=${`${this.label}. Draw with a mouse, pen or finger, or with the arrow keys: Space lowers and lifts the pen, Backspace undoes, Delete clears.`}
      @keydown=${this.onKeyDown}
      @blur=${() => (this.keyPen = undefined)}
    >
      <canvas
        width=${this.size}
        height=${this.size}
        @pointerdown=${this.onPointerDown}
        @pointermove=${this.onPointerMove}
        @pointerup=${this.onPointerUp}
        @pointercancel=${this.onPointerUp}
      ></canvas>
      ${
        pen
          ? html`<span class=${pen.down ? 'pen down' : 'pen'} ${styleProps({ left: `${pen.x * 100}%`, top: `${pen.y * 100}%` })}></span>`
          : null
      }
    </div>`;
  }
}

/**
 * Defines `<cnn-draw-pad>` once (guarded against double definition). Elements that render the
 * pad call it from their constructor: a bare side-effect import would be dropped by bundlers
 * honouring package.json's `sideEffects`, which lists only the elements' define modules.
 */
export function defineDrawPad(): void {
  if (globalThis.customElements && !customElements.get('cnn-draw-pad'))
    customElements.define('cnn-draw-pad', CnnDrawPad);
}

defineDrawPad();

declare global {
  interface HTMLElementTagNameMap {
    'cnn-draw-pad': CnnDrawPad;
  }
}
