/**
 * The trainer's controls: the network and its epochs, train / pause / stop / evaluate, and
 * the "More settings" fold (optimizer, batch size, learning rate, data, saving and loading).
 */
import { html } from 'lit';
import { PRESET_NAMES, type Hyperparameters } from '../../core/models/model-spec.js';
import { OPTIMIZERS } from './settings.js';

export type Phase = 'idle' | 'training' | 'paused' | 'stopping';

/** The settings the controls show and change: the element's attributes of the same names. */
export interface ControlSettings {
  preset: string;
  epochs?: number;
  optimizer?: string;
  batchSize?: number;
  learningRate?: number;
  validationSplit?: number;
  trainSize: number;
  seed: number;
  augment: boolean;
}

export interface ControlsInput {
  settings: ControlSettings;
  /** The preset's values, shown where a setting is left out. */
  hyper: Hyperparameters;
  /** `layers` is set: the network choice does not apply. */
  ownLayers: boolean;
  phase: Phase;
  /** The element is ready (or busy with something else than training). */
  ready: boolean;
  hasModel: boolean;
  /** The name to save under, and load from, in this browser. */
  storeName: string;
}

export interface ControlsActions {
  set(change: Partial<ControlSettings>): void;
  rename(storeName: string): void;
  train(): void;
  pause(): void;
  resume(): void;
  stop(): void;
  evaluate(): void;
  download(): void;
  saveInBrowser(): void;
  loadFromBrowser(): void;
  /** A model's files: its model.json and weights. */
  loadFiles(files: File[]): void;
}

/** The number in a number field, or undefined when it is empty (the preset's value applies). */
function numberIn(e: Event): number | undefined {
  const text = (e.target as HTMLInputElement).value.trim();
  return text === '' ? undefined : Number(text);
}

export function renderControls(input: ControlsInput, act: ControlsActions) {
  const { settings: s, hyper, phase, ready, hasModel } = input;
  const busy = phase !== 'idle';
  const num = (
    label: string,
    value: number | undefined,
    fallback: number,
    set: (v: number | undefined) => void,
    step = '1',
  ) =>
    html`<label
      >${label}
      <input
        type="number"
        step=${step}
        placeholder=${String(fallback)}
        .value=${value === undefined ? '' : String(value)}
        ?disabled=${busy}
        @change=${(e: Event) => set(numberIn(e))}
    /></label>`;
  const selected = (e: Event) => (e.target as HTMLSelectElement).value;
  return html`<section class="controls" part="controls">
    <div class="settings">
      <label
        >Network
        <select ?disabled=${busy || input.ownLayers} @change=${(e: Event) => act.set({ preset: selected(e) })}>
          ${PRESET_NAMES.map((p) => html`<option value=${p} ?selected=${p === s.preset}>${p}</option>`)}
        </select></label
      >
      ${num('Epochs', s.epochs, hyper.epochs, (epochs) => act.set({ epochs }))}
    </div>
    <div class="buttons">
      <button class="primary" ?disabled=${!ready || busy || !hasModel} @click=${act.train}>Train</button>
      ${
        phase === 'paused'
          ? html`<button @click=${act.resume}>Resume</button>`
          : html`<button ?disabled=${phase !== 'training'} @click=${act.pause}>Pause</button>`
      }
      <button ?disabled=${!busy || phase === 'stopping'} @click=${act.stop}>Stop</button>
      <button ?disabled=${!ready || busy || !hasModel} @click=${act.evaluate}>Evaluate</button>
    </div>
    <details class="more" part="more">
      <summary>More settings: optimizer, batch size, learning rate, data, saving and loading</summary>
      <div class="settings">
        <label
          >Optimizer
          <select ?disabled=${busy} @change=${(e: Event) => act.set({ optimizer: selected(e) })}>
            ${OPTIMIZERS.map((o) => html`<option value=${o} ?selected=${o === (s.optimizer ?? hyper.optimizer)}>${o}</option>`)}
          </select></label
        >
        ${num('Batch size', s.batchSize, hyper.batchSize, (batchSize) => act.set({ batchSize }))}
        ${num('Learning rate', s.learningRate, hyper.learningRate, (learningRate) => act.set({ learningRate }), 'any')}
        ${num('Validation split', s.validationSplit, hyper.validationSplit, (validationSplit) => act.set({ validationSplit }), '0.05')}
        ${num('Training digits', s.trainSize, 2000, (v) => act.set({ trainSize: v ?? 2000 }), '100')}
        ${num('Seed', s.seed, 1, (v) => act.set({ seed: v ?? 1 }))}
        <label class="check"
          ><input
            type="checkbox"
            .checked=${s.augment}
            ?disabled=${busy}
            @change=${(e: Event) => act.set({ augment: (e.target as HTMLInputElement).checked })}
          />
          Augment</label
        >
      </div>
      <div class="buttons">
        <span class="store">
          <button ?disabled=${!hasModel} @click=${act.download}>Download</button>
          <label
            >Name
            <input
              class="name"
              .value=${input.storeName}
              @change=${(e: Event) => act.rename((e.target as HTMLInputElement).value.trim() || 'cnn-trainer')}
          /></label>
          <button ?disabled=${!hasModel} @click=${act.saveInBrowser}>Save in browser</button>
          <button ?disabled=${busy || !ready} @click=${act.loadFromBrowser}>Load from browser</button>
          <label class="files"
            >Load files
            <input
              type="file"
              multiple
              accept=".json,.bin"
              ?disabled=${busy || !ready}
              @change=${(e: Event) => act.loadFiles([...((e.target as HTMLInputElement).files ?? [])])}
          /></label>
        </span>
      </div>
    </details>
  </section>`;
}
