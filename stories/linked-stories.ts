/**
 * Helpers for stories of elements linked to each other: several tags stacked in one story,
 * and a trainer filled with the reader's own examples.
 */
import { drawSymbol } from '../tests/draw-symbols.js';

/** Elements that work together (a source and what follows it), one under the other. */
export function stacked(markup: string): HTMLElement {
  const wrapper = document.createElement('div');
  wrapper.style.display = 'grid';
  wrapper.style.gap = '12px';
  wrapper.innerHTML = markup;
  return wrapper;
}

/**
 * A story's `play` that fills the trainer in it with drawn examples of ✓, ✗ and ○ (its
 * classes `tick`, `cross` and `circle`), so that the story opens ready to train and a
 * linked element has the reader's own examples to offer.
 */
export async function fillSymbols({ canvasElement }: { canvasElement: HTMLElement }): Promise<void> {
  const el = canvasElement.querySelector('cnn-trainer') as HTMLElement & {
    ready: Promise<unknown>;
    addExample(label: string, image: HTMLCanvasElement): Promise<void>;
  };
  await el.ready;
  let seed = 3;
  const next = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  for (let i = 0; i < 8; i++)
    for (const [k, label] of ['tick', 'cross', 'circle'].entries())
      await el.addExample(label, drawSymbol((['tick', 'cross', 'ring'] as const)[k], next));
}
