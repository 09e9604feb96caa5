import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * A repeating timer tied to its host's life: `start` calls `tick` every `intervalMs`
 * until `tick` returns false, `stop` is called, or the host leaves the page.
 */
export class TickerController implements ReactiveController {
  private timer?: ReturnType<typeof setTimeout>;

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  get running(): boolean {
    return this.timer !== undefined;
  }

  start(intervalMs: number, tick: () => boolean): void {
    this.stop();
    const next = () => {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        if (tick()) next();
      }, intervalMs);
    };
    next();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.stop();
  }
}
