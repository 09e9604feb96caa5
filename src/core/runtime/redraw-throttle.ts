/**
 * Redraws at most once every `intervalMs`, however often they are asked for: a fast backend
 * reports hundreds of batches a second, and drawing each would slow training down. An ask
 * during the wait is kept, so the last state is always drawn. With `inFrame`, the redraw
 * runs in an animation frame. One throttle per element; `cancel()` when it leaves the page.
 * No tfjs here.
 */
export class RedrawThrottle {
  private timer?: ReturnType<typeof setTimeout>;
  private frame?: number;
  private last = -Infinity;

  constructor(
    private readonly intervalMs: number,
    private readonly redraw: () => void,
    private readonly inFrame = false,
  ) {}

  /** Asks for a redraw: now (or next frame) if the interval has passed, else when it has. */
  request(): void {
    if (this.timer !== undefined || this.frame !== undefined) return;
    const run = () => {
      this.timer = this.frame = undefined;
      this.last = performance.now();
      this.redraw();
    };
    const start = () => {
      this.timer = undefined;
      if (this.inFrame) this.frame = requestAnimationFrame(run);
      else run();
    };
    const wait = this.last + this.intervalMs - performance.now();
    if (wait > 0) this.timer = setTimeout(start, wait);
    else if (this.inFrame) start();
    else this.timer = setTimeout(start, 0);
  }

  /** Drops a pending redraw. */
  cancel(): void {
    clearTimeout(this.timer);
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.timer = this.frame = undefined;
  }
}
