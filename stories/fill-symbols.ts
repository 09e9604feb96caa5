/**
 * A story's `play` that fills the trainer in it with drawn examples of ✓, ✗ and ○ (its
 * classes `tick`, `cross` and `circle`), so that the story opens ready to train and a
 * linked element has the reader's own examples to offer.
 */
import { drawSymbol } from '../tests/draw-symbols.js';

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
