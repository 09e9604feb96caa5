/**
 * The trainer's results: test (or held-out) accuracy, the confusion matrix, and the digits
 * of the chosen cell or the most confident mistakes.
 */
import { html, nothing } from 'lit';
import { confidentMistakes, samplesInCell, type Evaluation } from '../../core/training/scores.js';
import { drawConfusionMatrix } from '../../vis/confusion-matrix.js';
import { drawDigit } from '../../vis/digit-tile.js';
import { renderHeading } from '../heading.js';
import { percent } from './views.js';

/** The examples the results are about: indices into their data, and their labels. */
export interface TestSet {
  indices: number[];
  labels: Uint8Array;
}

export interface ResultsInput {
  evaluation?: Evaluation;
  /** The examples evaluated; undefined before there are any (a custom dataset before its first run). */
  testSet?: TestSet;
  /** The name of class `n`: the reader's class, or the digit. */
  name: (n: number) => string;
  /** The reader's own classes, not the digits. */
  custom: boolean;
  /** The confusion-matrix cell chosen: [true, predicted]. */
  selected?: readonly [number, number];
  headingLevel: number;
}

export function renderResultsPanel({
  evaluation,
  testSet,
  name,
  custom,
  selected,
  headingLevel,
}: ResultsInput) {
  if (!evaluation || !testSet || evaluation.predicted.length !== testSet.labels.length) {
    return html`<section class="panel results"><p class="hint">Test accuracy, the confusion matrix and the mistakes appear after the first epoch (or Evaluate).</p></section>`;
  }
  const { indices, labels } = testSet;
  const things = custom ? 'examples' : 'digits';
  const picks = selected
    ? samplesInCell(evaluation, labels, selected[0], selected[1]).slice(0, 24)
    : confidentMistakes(evaluation, labels, 12);
  let title = 'The most confident mistakes';
  if (selected) {
    const [truth, guess] = selected;
    const inCell = evaluation.confusion[truth][guess];
    title = `True ${name(truth)}, predicted ${name(guess)}: ${inCell} ${things}${picks.length < inCell ? ` (first ${picks.length})` : ''}`;
  }
  return html`<section class="panel results">
    ${renderHeading(
      headingLevel,
      html`${custom ? 'Held-out accuracy' : 'Test accuracy'} ${percent(evaluation.accuracy)}
        <span class="hint">(loss ${evaluation.loss.toFixed(3)}, ${labels.length} ${custom ? 'held-out examples' : 'test digits'})</span>`,
    )}
    <div class="result-grid">
      <figure>
        <figcaption>Confusion matrix: choose a cell to see its digits</figcaption>
        <div class="confusion" part="confusion"></div>
      </figure>
      <figure part="gallery">
        <figcaption>${title}</figcaption>
        <div class="gallery">
          ${picks.length === 0 ? html`<p class="hint">None.</p>` : nothing}
          ${picks.map((i) => {
            const truth = labels[i];
            const guess = evaluation.predicted[i];
            const text = `true ${name(truth)}, predicted ${name(guess)} (${percent(evaluation.confidence[i])})`;
            return html`<div class="shot">
              <canvas class="tile" data-digit=${indices[i]} role="img" aria-label=${text}></canvas>
              <span>${name(truth)}→${name(guess)} ${percent(evaluation.confidence[i], 0)}</span>
            </div>`;
          })}
        </div>
      </figure>
    </div>
  </section>`;
}

export interface ResultsPaint {
  evaluation?: Evaluation;
  /** The reader's class names for the matrix's axes (the digits when undefined). */
  classNames?: readonly string[];
  selected?: readonly [number, number];
  /** Chooses a cell, or clears the choice (the same cell again). */
  onSelect: (cell: [number, number] | undefined) => void;
  /** The 28×28 pixels of example `index` of the evaluated data; undefined before there is data. */
  digitOf?: (index: number) => ArrayLike<number>;
}

/** Draws into the rendered panel: the confusion matrix, and each gallery canvas whose digit changed. */
export function paintResults(
  root: ParentNode,
  { evaluation, classNames, selected, onSelect, digitOf }: ResultsPaint,
): void {
  const box = root.querySelector<HTMLElement>('.confusion');
  if (box && evaluation) {
    drawConfusionMatrix(box, evaluation.confusion, {
      labels: classNames,
      selected,
      onSelect: (t, p) => onSelect(selected?.[0] === t && selected?.[1] === p ? undefined : [t, p]),
    });
  }
  if (!digitOf) return;
  for (const canvas of root.querySelectorAll<HTMLCanvasElement>('canvas[data-digit]')) {
    const index = Number(canvas.dataset.digit);
    if (canvas.dataset.painted === String(index)) continue;
    drawDigit(canvas, digitOf(index));
    canvas.dataset.painted = String(index);
  }
}
