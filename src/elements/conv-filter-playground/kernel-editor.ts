/**
 * The playground's kernel editor: a preset, the kernel's rows and columns, normalisation,
 * and a grid of weights the reader types into. A cell whose text is not a number yet
 * ("-", "1e") is a draft: shown as typed, marked invalid, not applied.
 */
import { html } from 'lit';
import { styleProps } from '../style-props.js';
import { formatNumber } from '../../core/math/pooling-plan.js';
import {
  MAX_KERNEL_SIDE,
  PRESET_NAMES,
  presetKernel,
  presetOf,
  resizeKernel,
  type PresetName,
} from './kernels.js';

/** Cells whose text is not a number yet, by `row,col`. */
export type Drafts = ReadonlyMap<string, string>;

/**
 * A typed weight, as readers type it: `0.5`, and also a decimal comma (`0,5`, what a phone's
 * decimal key gives in much of Europe and Latin America) and the typographic minus sign
 * (`−1`, pasted from a course text). NaN for anything that is not a number yet.
 */
export function parseWeight(text: string): number {
  const plain = text.trim().replace(/^\u2212/, '-');
  if (plain === '') return NaN;
  return Number(/^[-+]?\d*,\d+$/.test(plain) ? plain.replace(',', '.') : plain);
}

/** What typing `text` into cell (row, col) does: the drafts after it, and the kernel when it changed. */
export function editCell(
  kernel: readonly (readonly number[])[],
  drafts: Drafts,
  row: number,
  col: number,
  text: string,
): { drafts: Map<string, string>; kernel?: number[][]; notANumber: boolean } {
  const key = `${row},${col}`;
  const value = parseWeight(text);
  const next = new Map(drafts);
  if (!Number.isFinite(value)) return { drafts: next.set(key, text), notANumber: true };
  next.delete(key);
  // The change that commits a cell repeats the value its input already applied.
  if (kernel[row]?.[col] === value) return { drafts: next, notANumber: false };
  const changed = kernel.map((r) => [...r]);
  changed[row][col] = value;
  return { drafts: next, kernel: changed, notANumber: false };
}

export interface KernelEditorInput {
  kernel: readonly (readonly number[])[];
  drafts: Drafts;
  normalize: boolean;
}

export interface KernelEditorActions {
  /** A new kernel from the reader: a preset, a new size, or an edited weight. */
  setKernel(kernel: number[][]): void;
  /** The reader typed into a cell; `commit` when they pressed Enter or left it. */
  typed(row: number, col: number, text: string, commit: boolean): void;
  setNormalize(on: boolean): void;
}

export function renderKernelEditor(
  { kernel, drafts, normalize }: KernelEditorInput,
  act: KernelEditorActions,
) {
  const [rows, cols] = [kernel.length, kernel[0].length];
  const preset = presetOf(kernel) ?? '';
  const sides = Array.from({ length: MAX_KERNEL_SIDE }, (_, i) => i + 1);
  const sum = kernel.flat().reduce((a, b) => a + b, 0);
  const resize = (axis: 0 | 1) => (e: Event) => {
    const n = Number((e.target as HTMLSelectElement).value);
    act.setKernel(resizeKernel(kernel, axis === 0 ? n : rows, axis === 1 ? n : cols));
  };
  // The number of rows or columns, 1 to 7.
  const side = (label: string, axis: 0 | 1, now: number) =>
    html`<label
      >${label}
      <select @change=${resize(axis)}>
        ${sides.map((n) => html`<option ?selected=${n === now}>${n}</option>`)}
      </select>
    </label>`;
  const cell = (r: number, c: number, commit: boolean) => (e: Event) =>
    act.typed(r, c, (e.target as HTMLInputElement).value, commit);
  return html`<fieldset>
    <legend>Kernel</legend>
    <label
      >Preset
      <select
        @change=${(e: Event) => {
          const name = (e.target as HTMLSelectElement).value;
          if (name) act.setKernel(presetKernel(name as PresetName));
        }}
        .value=${preset}
      >
        <option value="">custom</option>
        ${PRESET_NAMES.map((name) => html`<option value=${name} ?selected=${name === preset}>${name}</option>`)}
      </select>
    </label>
    ${side('Rows', 0, rows)} ${side('Columns', 1, cols)}
    <label
      ><span>Normalize${normalize && Math.abs(sum) > 1e-12 && sum !== 1 ? ` (÷ ${formatNumber(sum)})` : ''}</span>
      <input
        type="checkbox"
        .checked=${normalize}
        @change=${(e: Event) => act.setNormalize((e.target as HTMLInputElement).checked)}
      />
    </label>
    <div
      class="kernel"
      part="kernel"
      role="group"
      aria-label=${`Kernel weights, ${rows} by ${cols}`}
      ${styleProps({ '--cols': cols })}
    >
      ${kernel.map((row, r) =>
        row.map(
          (v, c) =>
            // The full keyboard on a phone: the decimal keypad iOS shows has no minus sign,
            // and kernels need negative weights.
            html`<input
              type="text"
              autocomplete="off"
              autocapitalize="off"
              spellcheck="false"
              aria-label=${`Weight row ${r + 1}, column ${c + 1}`}
              aria-invalid=${drafts.has(`${r},${c}`) ? 'true' : 'false'}
              .value=${drafts.get(`${r},${c}`) ?? String(v)}
              @input=${cell(r, c, false)}
              @change=${cell(r, c, true)}
            />`,
        ),
      )}
    </div>
  </fieldset>`;
}
