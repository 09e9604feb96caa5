import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { formatBytes } from '../core/math/numbers.js';
import type { DownloadProgress } from '../core/runtime/fetch-checked.js';

/** One download being shown: its loader reports to `report`, and `end` stops showing it. */
export interface Download {
  report: DownloadProgress;
  end(): void;
}

/** How long a download runs unseen: one that ends sooner (the shipped digit model) never flashes a line. */
const SHOW_AFTER_MS = 400;

/**
 * What an element is downloading, shown in its status line while it lasts. A model's
 * weights can be tens of megabytes (a VGG16 base, a ResNet50): on a phone's connection
 * that takes long enough that the reader must see it move, and how much there is to come.
 * A later download replaces an earlier one on the line.
 */
export class DownloadController implements ReactiveController {
  private current?: { what: string; percent: number; totalBytes?: number };
  private visible = false;
  private timer?: ReturnType<typeof setTimeout>;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** Starts a download of `what` ("the model"), shown if it is still running after a moment. */
  track(what: string): Download {
    const shown = { what, percent: 0, totalBytes: undefined as number | undefined };
    this.current = shown;
    this.showSoon();
    return {
      report: (fraction, totalBytes) => {
        const percent = Math.floor(Math.min(1, Math.max(0, fraction)) * 100);
        // A render per whole percent, not per network packet.
        if (percent === shown.percent && totalBytes === shown.totalBytes) return;
        Object.assign(shown, { percent, totalBytes });
        if (this.current === shown && this.visible) this.host.requestUpdate();
      },
      end: () => {
        if (this.current !== shown) return;
        this.current = undefined;
        clearTimeout(this.timer);
        if (this.visible) this.host.requestUpdate();
        this.visible = false;
      },
    };
  }

  render(): unknown {
    const d = this.current;
    if (!d || !this.visible) return nothing;
    const size = d.totalBytes ? ` of ${formatBytes(d.totalBytes)}` : '';
    return html`<span class="download" part="download"
      ><progress max="100" .value=${d.percent} aria-label=${`Loading ${d.what}`}></progress> Loading ${d.what}:
      ${d.percent}%${size}</span
    >`;
  }

  private showSoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.visible = true;
      this.host.requestUpdate();
    }, SHOW_AFTER_MS);
  }

  /** A host moved in the page mid-download: its line still comes. */
  hostConnected(): void {
    if (this.current && !this.visible) this.showSoon();
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
  }
}
