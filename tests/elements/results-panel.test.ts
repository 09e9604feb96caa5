/** The trainer's results panel without the trainer: the chosen cell's caption and its digits, or the mistakes. */
import { expect } from '@open-wc/testing';
import { render } from 'lit';
import { renderResultsPanel } from '../../src/elements/cnn-trainer/results-panel.js';
import { score } from '../../src/core/training/scores.js';

/** 40 samples of two classes: 30 of class 1 taken for 0 (confidence 0.9), 10 of class 0 right (0.8). */
function evaluated() {
  const labels = Uint8Array.from({ length: 40 }, (_, i) => (i < 30 ? 1 : 0));
  const probs = Float32Array.from({ length: 80 }, (_, k) => {
    const i = Math.floor(k / 2);
    const wanted = i < 30 ? [0.9, 0.1] : [0.8, 0.2];
    return wanted[k % 2];
  });
  return { evaluation: score(probs, labels, 2), testSet: { indices: labels.map((_, i) => 100 + i), labels } };
}

function shown(selected?: [number, number]) {
  const { evaluation, testSet } = evaluated();
  const box = document.createElement('div');
  render(
    renderResultsPanel({
      evaluation,
      testSet: { indices: [...testSet.indices], labels: testSet.labels },
      name: (n) => ['cat', 'dog'][n],
      custom: true,
      selected,
      headingLevel: 3,
    }),
    box,
  );
  return box;
}

describe('the trainer’s results panel', () => {
  it('captions a chosen cell with its count, and says when it shows only the first 24', () => {
    const box = shown([1, 0]);
    expect(box.querySelector('[part="gallery"] figcaption')!.textContent).to.equal(
      'True dog, predicted cat: 30 examples (first 24)',
    );
    const tiles = [...box.querySelectorAll<HTMLCanvasElement>('canvas[data-digit]')];
    expect(tiles).to.have.length(24);
    // Each tile names the data's own index, not its place among the evaluated samples.
    expect(tiles[0].dataset.digit).to.equal('100');
    expect(shown([0, 0]).querySelector('[part="gallery"] figcaption')!.textContent).to.equal(
      'True cat, predicted cat: 10 examples',
    );
  });

  it('shows the most confident mistakes when no cell is chosen, and the held-out accuracy', () => {
    const box = shown();
    expect(box.querySelector('[part="gallery"] figcaption')!.textContent).to.equal(
      'The most confident mistakes',
    );
    expect(box.querySelectorAll('canvas[data-digit]')).to.have.length(12);
    expect(box.textContent).to.contain('Held-out accuracy 25.0%');
  });
});
