/** Pure render helpers of `<cnn-trainer>`: the layer table, the probability bars, the progress line, number formats. */
import { html } from 'lit';
import { styleProps } from '../style-props.js';
import { PRESETS, kerasLayerNames, type LayerSpec, type SummaryRow } from '../../core/models/model-spec.js';
import type { Network } from './settings.js';
import type { BatchReport } from '../../core/training/training-loop.tf.js';
import type { Phase } from './controls-panel.js';

/** 0.9731 → "97.3%". */
export function percent(fraction: number, digits = 1): string {
  return `${(fraction * 100).toFixed(digits)}%`;
}

/** Seconds → "0:42" or "1:05:03". */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  return h ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

const grouped = (n: number) => n.toLocaleString('en-US');

/** A network still being built: its caption and layers, known before TensorFlow.js is. */
export interface ComingNetwork {
  description: string;
  layers: readonly LayerSpec[];
}

/** The column headers of the layer table, built or still coming. */
const LAYER_TABLE_HEAD = html`<thead>
  <tr>
    <th scope="col">Layer</th>
    <th scope="col">Type</th>
    <th scope="col">Output shape</th>
    <th scope="col" class="num">Parameters</th>
  </tr>
</thead>`;

/** The layer table, like Keras' model.summary(): output shape and parameters per layer. */
export function renderLayerTable(
  rows: readonly SummaryRow[],
  network: Network | undefined,
  hasModel: boolean,
  coming?: ComingNetwork,
) {
  if (!hasModel) return coming ? renderComingTable(coming) : html`<p class="hint">No network yet.</p>`;
  const total = rows.reduce((s, r) => s + r.params, 0);
  const trainable = rows.reduce((s, r) => s + (r.trainableParams ?? r.params), 0);
  const caption =
    network && !network.custom
      ? PRESETS[network.preset].description
      : network?.custom
        ? 'Your layers.'
        : 'The model set by the page.';
  return html`<table class="layers">
    <caption>
      ${caption}
    </caption>
    ${LAYER_TABLE_HEAD}
    <tbody>
      ${rows.map(
        (r) => html`<tr>
          <td>${r.name}${r.trainableParams === 0 && r.params > 0 ? ' (frozen)' : ''}</td>
          <td>${r.type}</td>
          <td>${r.outputShape.join('×')}</td>
          <td class="num">${grouped(r.params)}</td>
        </tr>`,
      )}
    </tbody>
    <tfoot>
      <tr>
        <th scope="row" colspan="3">Total parameters</th>
        <td class="num">${grouped(total)}</td>
      </tr>
      ${
        trainable < total
          ? html`<tr class="trainable">
              <th scope="row" colspan="3">Trainable parameters</th>
              <td class="num">${grouped(trainable)}</td>
            </tr>
            <tr class="frozen">
              <th scope="row" colspan="3">Non-trainable (frozen) parameters</th>
              <td class="num">${grouped(total - trainable)}</td>
            </tr>`
          : ''
      }
    </tfoot>
  </table>`;
}

/**
 * The table of a network still being built (TensorFlow.js loads behind it): one row per layer
 * with "…", so the element already has its final height and nothing below it moves.
 */
function renderComingTable({ description, layers }: ComingNetwork) {
  const dots = html`<td aria-hidden="true">…</td>`;
  return html`<table class="layers" aria-busy="true">
    <caption>
      ${description}
    </caption>
    ${LAYER_TABLE_HEAD}
    <tbody>
      ${kerasLayerNames(layers).map((name, i) => {
        // The names and classes the built rows will have, so the rows wrap as the real ones will.
        const type = layers[i].type;
        const kind = type.charAt(0).toUpperCase() + type.slice(1).replace(/2d$/, '2D');
        return html`<tr class="coming">
          <td>${name}</td>
          <td>${kind}</td>
          ${dots}${dots}
        </tr>`;
      })}
    </tbody>
    <tfoot>
      <tr>
        <th scope="row" colspan="3">Total parameters</th>
        ${dots}
      </tr>
    </tfoot>
  </table>`;
}

/** One bar per class (the ten digits, or the reader's classes), the most likely highlighted. */
export function renderProbabilities(
  probs: Float32Array | undefined,
  names?: readonly string[],
  note?: string,
) {
  if (!probs)
    return html`<p class="probs hint" aria-live="polite">Draw ${names ? 'something' : 'a digit'} to see what the network predicts.</p>`;
  const name = (i: number) => names?.[i] ?? String(i);
  let best = 0;
  for (let i = 1; i < probs.length; i++) if (probs[i] > probs[best]) best = i;
  return html`<div class="probs">
    ${note ? html`<p class="hint sample-note">${note}</p>` : ''}
    <p aria-live="polite">Prediction: <strong class="guess">${name(best)}</strong> (${percent(probs[best])})</p>
    <ol class="bars">
      ${Array.from(
        probs,
        (
          p,
          digit,
        ) => html`<li class=${digit === best ? 'best' : ''} aria-label=${`${name(digit)}: ${percent(p)}`}>
          <span class="digit">${name(digit)}</span>
          <span class="bar"><span ${styleProps({ width: `${(p * 100).toFixed(1)}%` })}></span></span>
          <span class="value">${percent(p)}</span>
        </li>`,
      )}
    </ol>
  </div>`;
}

export interface ProgressInput {
  /** The newest batch shown; undefined before a run. */
  progress?: BatchReport;
  phase: Phase;
  /** Where the batches run: the page's backend, or the training worker's own one (with why it was picked). */
  where: { worker: boolean; backend: string; note?: string };
}

/** The progress bar and its line: epoch, batch, loss, rate, time left and where the batches run. */
export function renderProgress({ progress: p, phase, where }: ProgressInput) {
  if (!p)
    return html`<div class="progress" part="progress"><progress max="1" value="0" aria-label="Training progress"></progress> Not trained yet.</div>`;
  const remaining = p.step ? ((p.totalSteps - p.step) * p.elapsedMs) / p.step / 1000 : 0;
  const state = phase === 'paused' ? ' · paused' : phase === 'stopping' ? ' · stopping…' : '';
  return html`<div class="progress" part="progress">
    <progress max=${p.totalSteps} value=${p.step} aria-label="Training progress"></progress>
    <span
      >Epoch ${p.epoch + 1} · batch ${p.batch + 1}/${p.batchesPerEpoch} · loss ${p.loss.toFixed(3)} ·
      ${Math.round(p.samplesPerSecond)} samples/s${phase === 'idle' ? '' : html` · ETA ${duration(remaining)}`}${state}${
        where.worker
          ? html` · <span title=${where.note ?? ''}>${where.backend} in a Web Worker</span>`
          : ` · ${where.backend}`
      }</span
    >
  </div>`;
}
