/**
 * The confusion matrix as a d3-drawn heatmap of buttons: rows are the true digits,
 * columns the predictions, each cell shows its count and can be clicked (or reached
 * with Tab and pressed) to see those digits. Built from HTML rather than SVG so every
 * cell is a real, labelled, keyboard-operable button.
 */
import { select } from 'd3-selection';
import { sequentialColors } from './colormap.js';

export interface ConfusionOptions {
  /** The selected cell, [true, predicted]. */
  selected?: readonly [number, number];
  onSelect(truth: number, predicted: number): void;
  /** Class names for the heads and labels (default: the digits 0..n−1). */
  labels?: readonly string[];
}

interface Cell {
  truth: number;
  predicted: number;
  count: number;
}

/** Draws (or redraws) the matrix into a container element. */
export function drawConfusionMatrix(
  container: HTMLElement,
  matrix: readonly (readonly number[])[],
  options: ConfusionOptions,
): void {
  const n = matrix.length;
  const name = (i: number) => options.labels?.[i] ?? String(i);
  const cells: Cell[] = matrix.flatMap((row, truth) =>
    row.map((count, predicted) => ({ truth, predicted, count })),
  );
  // Colour the mistakes on their own scale: the diagonal would wash them out.
  const worst = Math.max(1, ...cells.filter((c) => c.truth !== c.predicted).map((c) => c.count));
  const mistakeColors = sequentialColors(0, worst);
  const hitColors = sequentialColors(
    0,
    Math.max(1, ...cells.filter((c) => c.truth === c.predicted).map((c) => c.count)),
  );
  const colorsOf = (c: Cell) =>
    c.count === 0 ? undefined : (c.truth === c.predicted ? hitColors : mistakeColors)(c.count);
  const root = select(container);
  root.selectAll('*').remove();
  const grid = root
    .append('div')
    .attr('class', 'cm-grid')
    .style('grid-template-columns', `auto repeat(${n}, minmax(1.9em, 1fr))`);
  grid.append('span').attr('class', 'cm-corner').text('true ↓ / predicted →');
  for (let p = 0; p < n; p++) grid.append('span').attr('class', 'cm-head').text(name(p));
  for (let t = 0; t < n; t++) {
    grid.append('span').attr('class', 'cm-head').text(name(t));
    grid
      .selectAll(`button.row-${t}`)
      .data(cells.filter((c) => c.truth === t))
      .join('button')
      .attr('type', 'button')
      .attr('class', (c) => `cm-cell row-${t}${c.truth === c.predicted ? ' hit' : ''}`)
      .attr('aria-pressed', (c) =>
        String(options.selected?.[0] === c.truth && options.selected?.[1] === c.predicted),
      )
      .attr(
        'aria-label',
        (c) =>
          `true ${name(c.truth)}, predicted ${name(c.predicted)}: ${c.count} ${options.labels ? (c.count === 1 ? 'example' : 'examples') : c.count === 1 ? 'digit' : 'digits'}`,
      )
      .style('background', (c) => colorsOf(c)?.background ?? null)
      .style('color', (c) => colorsOf(c)?.color ?? null)
      .text((c) => String(c.count))
      .on('click', (_event: Event, c) => options.onSelect(c.truth, c.predicted));
  }
}
