/** The trainer's loss and accuracy charts: the run's curves, the panel, its drawing and what it narrates. */
import { html } from 'lit';
import { drawLineChart, smooth } from '../../vis/line-chart.js';
import { percent } from './views.js';
// Type only: the charts plot the trainer's own `epoch-end` details.
import type { TrainerEpochDetail as EpochPoint } from './cnn-trainer.js';

/** Curves: per batch (x in epochs, fractional) and per epoch. */
export interface History {
  batchX: number[];
  batchLoss: number[];
  batchAccuracy: number[];
  epochs: EpochPoint[];
}

export const emptyHistory = (): History => ({ batchX: [], batchLoss: [], batchAccuracy: [], epochs: [] });

const CHART = { width: 320, height: 170 };

/** The charts' frame: drawn into by `drawCharts` after each render. */
export function renderChartsPanel(history: History) {
  return html`<section part="charts" class="charts">
    <figure>
      <figcaption>Loss</figcaption>
      <svg class="loss" role="img" aria-label=${chartLabel(history, 'loss')}></svg>
    </figure>
    <figure>
      <figcaption>Accuracy</figcaption>
      <svg class="accuracy" role="img" aria-label=${chartLabel(history, 'accuracy')}></svg>
    </figure>
    <p class="legend">
      <span class="key train"></span> training (smoothed per batch, dots per epoch)
      <span class="key val"></span> validation <span class="key test"></span> test
    </p>
  </section>`;
}

/** What a chart says to a screen reader: the newest epoch's figures. */
function chartLabel(history: History, kind: 'loss' | 'accuracy'): string {
  const last = history.epochs[history.epochs.length - 1];
  if (!last) return `${kind} chart: nothing trained yet`;
  return kind === 'loss'
    ? `Loss chart: ${last.loss.toFixed(3)} after epoch ${last.epoch + 1}`
    : `Accuracy chart: training ${percent(last.accuracy)}, test ${percent(last.testAccuracy)} after epoch ${last.epoch + 1}`;
}

/**
 * Draws both charts into the panel under `root`. The x axis spans `plannedEpochs` from the
 * start, so an empty chart already says how long the run will be.
 */
export function drawCharts(root: ParentNode, history: History, plannedEpochs: number): void {
  const loss = root.querySelector<SVGSVGElement>('svg.loss');
  const accuracy = root.querySelector<SVGSVGElement>('svg.accuracy');
  if (!loss || !accuracy) return;
  const h = history;
  const xMax = Math.max(1, Number.isFinite(plannedEpochs) ? plannedEpochs : 1, h.epochs.length, ...h.batchX);
  const pairs = (ys: number[]) => ys.map((y, i) => [h.batchX[i], y] as const);
  const perEpoch = (pick: (e: EpochPoint) => number | undefined) =>
    h.epochs.filter((e) => pick(e) !== undefined).map((e) => [e.epoch + 1, pick(e)!] as const);
  const train = 'var(--_train)';
  // Each metric as three series: per batch (smoothed), per epoch, and on the validation split.
  const metric = (name: 'loss' | 'accuracy', perBatch: number[], valName: 'valLoss' | 'valAccuracy') => [
    { name: `training ${name} (smoothed)`, points: pairs(smooth(perBatch)), color: train },
    {
      name: `training ${name} per epoch`,
      points: perEpoch((e) => e[name]),
      color: train,
      dots: true,
      noLine: true,
    },
    {
      name: `validation ${name}`,
      points: perEpoch((e) => e[valName]),
      color: 'var(--_val)',
      dashed: true,
      dots: true,
    },
  ];
  drawLineChart(
    loss,
    metric('loss', h.batchLoss, 'valLoss'),
    // Before any data: a loss axis up to chance level for ten classes (ln 10 ≈ 2.3), where training starts.
    { ...CHART, xLabel: 'epoch', xMax, emptyYDomain: [0, 2.5] },
  );
  drawLineChart(
    accuracy,
    [
      ...metric('accuracy', h.batchAccuracy, 'valAccuracy'),
      { name: 'test accuracy', points: perEpoch((e) => e.testAccuracy), color: 'var(--_test)', dots: true },
    ],
    { ...CHART, xLabel: 'epoch', xMax, yDomain: [0, 1] },
  );
}
