/**
 * Press and hold to repeat: one shot when a button is pressed (pointer, Enter or Space), then
 * one every `every` ms while it is held, at most `max` in one hold. A click that no press
 * began (a screen reader's activation) takes one shot. Shots run one after another, never
 * overlapping, so a slow shot spaces the next one instead of piling them up.
 */
export interface BurstOptions {
  /** Takes one shot; resolves false to end the burst (an error, the dataset full). */
  shoot: (label: string) => Promise<boolean>;
  /** After a burst (or a single shot), with how many shots were taken. */
  done: (label: string, shots: number) => void;
  every?: number;
  max?: number;
}

const KEYS = new Set(['Enter', ' ']);

export class Burst {
  private held = false;
  /** A pointer or key press began this activation: its click is not one more shot. */
  private pressed = false;
  /** Enter or Space is down (a held Enter repeats its clicks: they are the hold, not new shots). */
  private keyHeld = false;
  private running?: Promise<void>;
  /** The class the running burst adds to: only its button's release ends it. */
  private label?: string;
  /** Ends the wait between two shots at once when the button is let go. */
  private wake?: () => void;
  private readonly every: number;
  private readonly max: number;

  constructor(private readonly options: BurstOptions) {
    this.every = options.every ?? 100;
    this.max = options.max ?? 30;
  }

  /** Event handlers for the button that adds to `label` (spread with lit's `@event` bindings). */
  handlers(label: string) {
    return {
      pointerdown: (e: PointerEvent) => {
        if (e.button !== 0) return;
        // Keep getting the pointer's up even when it leaves the button; a synthetic event's id may be unknown.
        try {
          (e.currentTarget as Element).setPointerCapture(e.pointerId);
        } catch {
          /* the up still reaches the button while the pointer stays on it */
        }
        this.press(label);
      },
      // Another button losing focus as this one is pressed must not end this one's burst.
      release: () => {
        if (this.label === label) this.release();
      },
      keydown: (e: KeyboardEvent) => {
        if (!KEYS.has(e.key) || e.repeat) return;
        this.keyHeld = true;
        this.press(label);
      },
      keyup: (e: KeyboardEvent) => {
        if (!KEYS.has(e.key)) return;
        this.keyHeld = false;
        if (this.label === label) this.release();
      },
      click: () => {
        if (this.pressed || this.keyHeld) this.pressed = false;
        // A burst ending (of another class): this frame comes right after it.
        else if (this.running) void this.running.then(() => this.press(label, true));
        else this.press(label, true);
      },
    };
  }

  /** Ends the hold: the burst stops after the shot in progress. */
  release(): void {
    this.held = false;
    this.keyHeld = false;
    this.wake?.();
  }

  private press(label: string, once = false): void {
    if (this.running) return;
    this.held = !once;
    this.pressed = !once;
    this.label = label;
    this.running = this.loop(label).finally(() => (this.running = this.label = undefined));
  }

  private async loop(label: string): Promise<void> {
    let shots = 0;
    try {
      while (shots < this.max) {
        if (!(await this.options.shoot(label))) break;
        shots++;
        if (!this.held) break;
        await new Promise<void>((r) => {
          const timer = setTimeout(r, this.every);
          this.wake = () => {
            clearTimeout(timer);
            r();
          };
        });
        this.wake = undefined;
        if (!this.held) break;
      }
    } finally {
      this.held = false;
      this.options.done(label, shots);
    }
  }
}
