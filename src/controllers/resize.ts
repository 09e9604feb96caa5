import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Tracks the host's content-box size so drawings can fit their container.
 * Updates are coalesced to one per animation frame.
 */
export class ResizeController implements ReactiveController {
  width = 0;
  height = 0;
  private observer?: ResizeObserver;
  private frame = 0;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly onResize?: (width: number, height: number) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.observer = new ResizeObserver((entries) => {
      const box = entries[entries.length - 1].contentRect;
      cancelAnimationFrame(this.frame);
      this.frame = requestAnimationFrame(() => this.update(box.width, box.height));
    });
    this.observer.observe(this.host);
  }

  hostDisconnected(): void {
    cancelAnimationFrame(this.frame);
    this.observer?.disconnect();
    this.observer = undefined;
  }

  private update(width: number, height: number): void {
    if (width === this.width && height === this.height) return;
    this.width = width;
    this.height = height;
    this.onResize?.(width, height);
    this.host.requestUpdate();
  }
}
