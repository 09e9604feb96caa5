import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { formatBytes } from '../core/math/numbers.js';

/** One download being shown: its loader reports to `report`, and `end` stops showing it. */
export interface Download {
  report(fraction: number, totalBytes?: number): void;
  end(): void;
}

/**
 * What an element is downloading, shown in its status line while it lasts. A model's
 * weights can be tens of megabytes (a VGG16 base, a ResNet50): on a phone's connection
 * that takes long enough that the reader must see it move, and how much there is to come.
 * A later download replaces an earlier one on the line.
 */
export class DownloadController implements ReactiveController {
  private current?: { what: string; percent: number; totalBytes?: number };

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** Starts showing a download of `what` ("the model"). */
  track(what: string): Download {
    const shown = { what, percent: 0, totalBytes: undefined as number | undefined };
    this.current = shown;
    this.host.requestUpdate();
    return {
      report: (fraction, totalBytes) => {
        const percent = Math.floor(Math.min(1, Math.max(0, fraction)) * 100);
        // A render per whole percent, not per network packet.
        if (percent === shown.percent && totalBytes === shown.totalBytes) return;
        Object.assign(shown, { percent, totalBytes });
        if (this.current === shown) this.host.requestUpdate();
      },
      end: () => {
        if (this.current !== shown) return;
        this.current = undefined;
        this.host.requestUpdate();
      },
    };
  }

  render(): unknown {
    const d = this.current;
    if (!d) return nothing;
    const size = d.totalBytes ? ` of ${formatBytes(d.totalBytes)}` : '';
    return html`<span class="download" part="download"
      ><progress max="100" .value=${d.percent} aria-label=${`Loading ${d.what}`}></progress> Loading ${d.what}:
      ${d.percent}%${size}</span
    >`;
  }

  hostConnected(): void {}
}
