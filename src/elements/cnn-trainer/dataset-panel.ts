/** The "Your classes" panel of `<cnn-trainer dataset="custom">`: counts, thumbnails, add, remove, clear, drop a folder. */
import { html, nothing } from 'lit';
import { MAX_BYTES, MAX_EXAMPLES, SOURCE_SIDE } from '../../core/training/example-set.js';
import { renderHeading } from '../heading.js';
import { formatBytes } from '../../core/math/numbers.js';
import type { Burst } from './burst.js';

/** Thumbnails shown per class (the newest); the count says how many there are in all. */
export const THUMBS = 24;

export interface DatasetPanelInput {
  classes: readonly string[];
  counts: Record<string, number>;
  /** Bytes of the examples and their pictures. */
  bytes: number;
  /** Bytes of a frozen base's cached features (0 without a base). */
  featureBytes: number;
  skipped: readonly string[];
  busy: boolean;
  /** The element's `heading-level`. */
  headingLevel: number;
  /** The camera is on (its preview and the add-a-frame buttons show). */
  camera: boolean;
}

export interface DatasetPanelActions {
  addFiles(label: string, files: File[]): void;
  remove(label: string, index: number): void;
  clear(label: string): void;
  drop(transfer: DataTransfer): void;
  addFolder(files: File[]): void;
  saveFile(): void;
  loadFile(file: File): void;
  startCamera(): void;
  stopCamera(): void;
  /** Adds camera frames to a class: one per click, a burst while held. */
  burst: Burst;
}

export function renderDatasetPanel(input: DatasetPanelInput, act: DatasetPanelActions) {
  const { classes, counts, bytes, featureBytes, skipped, busy } = input;
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  // A folder (its files' paths name the classes) or a zip of one.
  const addPicked = (e: Event) => {
    const target = e.target as HTMLInputElement;
    act.addFolder([...(target.files ?? [])]);
    target.value = '';
  };
  return html`<section
    class="panel dataset"
    part="dataset"
    @dragover=${(e: DragEvent) => e.preventDefault()}
    @drop=${(e: DragEvent) => {
      e.preventDefault();
      if (e.dataTransfer && !busy) act.drop(e.dataTransfer);
    }}
  >
    ${renderHeading(input.headingLevel, 'Your classes')}
    <p class="hint">
      Draw on the pad below and add the drawing to a class, film with the camera, choose image files, or drop a folder (or a zip of it)
      with one subfolder per class (Keras' <code>flow_from_directory</code> layout).
    </p>
    <p class="memory" aria-live="polite">
      ${total} of at most ${MAX_EXAMPLES} examples · ${formatBytes(bytes)} of 28×28 digits and pictures (up to ${SOURCE_SIDE} px)${
        featureBytes ? ` · ${formatBytes(featureBytes)} of the base's features` : ''
      }
      · at most ${formatBytes(MAX_BYTES)}
      <label class="files"
        >Add a folder
        <input
          type="file"
          webkitdirectory
          multiple
          ?disabled=${busy}
          @change=${addPicked}
      /></label>
      <label class="files"
        >Add a zip
        <input
          type="file"
          accept=".zip,application/zip"
          ?disabled=${busy}
          @change=${addPicked}
      /></label>
    </p>
    ${renderCamera(input, act)}
    <p class="project">
      <button ?disabled=${busy} @click=${() => act.saveFile()}>Download project</button>
      <label class="files"
        >Load project
        <input
          type="file"
          accept=".json,application/json"
          ?disabled=${busy}
          @change=${(e: Event) => {
            const target = e.target as HTMLInputElement;
            const file = target.files?.[0];
            if (file) act.loadFile(file);
            target.value = '';
          }}
      /></label>
    </p>
    ${
      skipped.length
        ? html`<details class="skipped">
          <summary>${skipped.length} ${skipped.length === 1 ? 'file was' : 'files were'} skipped</summary>
          <ul>
            ${skipped.map((s) => html`<li>${s}</li>`)}
          </ul>
        </details>`
        : nothing
    }
    <ul class="classes">
      ${classes.map((label) => {
        const count = counts[label] ?? 0;
        const first = Math.max(0, count - THUMBS);
        return html`<li class="class-row" data-label=${label}>
          <strong>${label}</strong> <span class="count">${count} ${count === 1 ? 'example' : 'examples'}</span>
          <label class="files"
            >Add images
            <input
              type="file"
              accept="image/*"
              multiple
              ?disabled=${busy}
              @change=${(e: Event) => {
                const target = e.target as HTMLInputElement;
                act.addFiles(label, [...(target.files ?? [])]);
                target.value = '';
              }}
          /></label>
          <button ?disabled=${busy || count === 0} @click=${() => act.clear(label)}>Clear ${label}</button>
          <div class="thumbs">
            ${Array.from({ length: count - first }, (_, k) => {
              const index = first + k;
              return html`<button
                class="thumb"
                ?disabled=${busy}
                aria-label=${`Remove example ${index + 1} of ${label}`}
                title="Remove"
                @click=${() => act.remove(label, index)}
              >
                <canvas class="tile" data-example=${`${index}`} data-class=${label}></canvas>
              </button>`;
            })}
            ${first > 0 ? html`<span class="hint">+${first} older</span>` : nothing}
          </div>
        </li>`;
      })}
    </ul>
  </section>`;
}

/** The camera's preview and, while it is on, one button per class: click for a frame, hold for a burst. */
function renderCamera({ classes, busy, camera }: DatasetPanelInput, act: DatasetPanelActions) {
  return html`<div class="camera">
    ${camera ? html`<video class="camera-preview" muted playsinline aria-label="Camera preview"></video>` : nothing}
    <p class="camera-buttons">
      ${
        camera
          ? html`<button @click=${() => act.stopCamera()}>Stop camera</button>
            ${classes.map((label) => {
              const on = act.burst.handlers(label);
              return html`<button
                class="shoot"
                data-label=${label}
                aria-describedby="camera-hint"
                ?disabled=${busy}
                @pointerdown=${on.pointerdown}
                @pointerup=${on.release}
                @pointercancel=${on.release}
                @lostpointercapture=${on.release}
                @blur=${on.release}
                @keydown=${on.keydown}
                @keyup=${on.keyup}
                @click=${on.click}
                @contextmenu=${(e: Event) => e.preventDefault()}
              >
                Add frame to ${label}
              </button>`;
            })}
            <span class="hint" id="camera-hint">Press for one frame; hold for a burst (10 a second, up to 30).</span>`
          : html`<button ?disabled=${busy} @click=${() => act.startCamera()}>Use camera</button>`
      }
    </p>
  </div>`;
}
