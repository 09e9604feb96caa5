/**
 * <filter-grid view="network"> row: one refresh of the whole-network view per drawn
 * stroke (redraw the pad, read its ink, preprocess the drawing, run every layer, read
 * every output, paint every map, bar and probability, until `network-update`) against a
 * bare forward pass that returns all layer outputs: one multi-output predict on a ready
 * input tensor, every output read with data(). The bare side skips the drawing's
 * preprocessing and all painting, so the ratio is an upper bound. Aim ≤ 1.2.
 *
 * The refresh is what a reader's stroke costs; `getLayerOutputs()` is not part of it (it
 * hands a page copies of what the view holds, and is read once the view has painted).
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import '../src/elements/filter-grid/define';
import type { FilterGrid } from '../src/elements/filter-grid/filter-grid';
import type { CnnDrawPad, PadStroke } from '../src/vis/draw-pad';
import { defineBenchmark, type Benchmark } from './benchmark';

interface NetworkCtx {
  grid: FilterGrid;
  pad: CnnDrawPad;
  probe: tfl.LayersModel;
  x: tf.Tensor4D;
  strokes: PadStroke[];
  turn: number;
}

/** Two strokes that alternate, so every run is a new drawing. */
const STROKES: PadStroke[] = [
  [
    { x: 0.5, y: 0.15 },
    { x: 0.5, y: 0.85 },
  ],
  [
    { x: 0.3, y: 0.2 },
    { x: 0.7, y: 0.2 },
    { x: 0.4, y: 0.8 },
  ],
];

export const networkViewBenchmarks: Benchmark[] = [
  defineBenchmark<NetworkCtx>({
    name: 'network view: refresh per drawn stroke vs bare forward pass returning all layer outputs',
    backends: ['webgpu', 'webgl', 'wasm', 'cpu'],
    // A refresh takes about a millisecond on wasm: ten per timed sample.
    repeat: 10,
    async setup() {
      const grid = document.createElement('filter-grid') as FilterGrid;
      grid.setAttribute('view', 'network');
      document.body.append(grid);
      await grid.ready;
      await grid.getLayerOutputs();
      await grid.updateComplete;
      const pad = grid.shadowRoot!.querySelector('cnn-draw-pad') as CnnDrawPad;
      // The bare side: the same shipped model, every layer an output, as a page would write it.
      const model = (grid as unknown as { model: tfl.LayersModel }).model;
      const probe = tfl.model({
        inputs: model.inputs,
        outputs: model.layers.map((l) => l.output as tfl.SymbolicTensor),
      });
      const x = tf.randomUniform([1, 28, 28, 1], 0, 1, 'float32', 3) as tf.Tensor4D;
      return { grid, pad, probe, x, strokes: STROKES, turn: 0 };
    },
    async run(ctx) {
      const painted = new Promise((resolve) =>
        ctx.grid.addEventListener('network-update', resolve, { once: true }),
      );
      ctx.pad.clear();
      ctx.pad.drawStrokes([ctx.strokes[ctx.turn++ % ctx.strokes.length]]);
      await painted;
    },
    async baseline(ctx) {
      const ys = tf.tidy(() => {
        const out = ctx.probe.predict(ctx.x);
        return Array.isArray(out) ? out : [out];
      });
      await Promise.all(ys.map((y) => y.data()));
      ys.forEach((y) => y.dispose());
    },
    async teardown({ grid, x }) {
      x.dispose();
      grid.remove();
      await new Promise((resolve) => setTimeout(resolve));
    },
  }),
];
