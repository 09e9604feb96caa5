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
 *
 * A second row times the same refresh against a bare pass that also draws the stroke,
 * reads its ink and prepares the digit (what any page must do to run a drawn digit), on a
 * pad of its own: what is left between the two is the view's own painting and bookkeeping.
 * A third times the bare pass against itself: how far from 1 a ratio strays in this harness
 * on this machine when both sides do the same.
 *
 * A timed sample is as many strokes in a row as fit in 100 ms (`sampleMs`), as a reader's
 * strokes follow one another. Timed ten at a time between ten bare passes, the same refresh
 * cost 1.1–1.4 ms on wasm against 0.7–0.9 ms in runs of a hundred: each pass pushed the
 * view's code and data out of the processor's caches.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import '../src/elements/filter-grid/define';
import { preprocessDigit } from '../src/core/images/digit-preprocess';
import type { FilterGrid } from '../src/elements/filter-grid/filter-grid';
import type { CnnDrawPad, PadStroke } from '../src/vis/draw-pad';
import { defineBenchmark, type Benchmark } from './benchmark';

interface NetworkCtx {
  grid: FilterGrid;
  pad: CnnDrawPad;
  /** The bare side's own pad, of the grid's pad's size, linked to nothing. */
  barePad: CnnDrawPad;
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

/** The shipped digit model's network view, its pad, and the same model with every layer an output. */
async function setup(): Promise<NetworkCtx> {
  const grid = document.createElement('filter-grid') as FilterGrid;
  grid.setAttribute('view', 'network');
  document.body.append(grid);
  await grid.ready;
  await grid.getLayerOutputs();
  await grid.updateComplete;
  const pad = grid.shadowRoot!.querySelector('cnn-draw-pad') as CnnDrawPad;
  const barePad = document.createElement('cnn-draw-pad') as CnnDrawPad;
  barePad.size = pad.size;
  document.body.append(barePad);
  await barePad.updateComplete;
  // The bare side: the same shipped model, every layer an output, as a page would write it.
  const model = (grid as unknown as { model: tfl.LayersModel }).model;
  const probe = tfl.model({
    inputs: model.inputs,
    outputs: model.layers.map((l) => l.output as tfl.SymbolicTensor),
  });
  const x = tf.randomUniform([1, 28, 28, 1], 0, 1, 'float32', 3) as tf.Tensor4D;
  return { grid, pad, barePad, probe, x, strokes: STROKES, turn: 0 };
}

/** One reader's stroke on the view's pad, until the view has painted every layer for it. */
async function stroke(ctx: NetworkCtx): Promise<void> {
  const painted = new Promise((resolve) =>
    ctx.grid.addEventListener('network-update', resolve, { once: true }),
  );
  ctx.pad.clear();
  ctx.pad.drawStrokes([ctx.strokes[ctx.turn++ % ctx.strokes.length]]);
  await painted;
}

/** One multi-output predict, every output read with data(). */
async function barePass(probe: tfl.LayersModel, x: tf.Tensor): Promise<void> {
  const ys = tf.tidy(() => {
    const out = probe.predict(x);
    return Array.isArray(out) ? out : [out];
  });
  await Promise.all(ys.map((y) => y.data()));
  ys.forEach((y) => y.dispose());
}

async function teardown({ grid, barePad, x }: NetworkCtx): Promise<void> {
  x.dispose();
  grid.remove();
  barePad.remove();
  await new Promise((resolve) => setTimeout(resolve));
}

const NAME = 'network view: refresh per drawn stroke vs bare forward pass returning all layer outputs';
const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
/** About a hundred strokes on wasm, one or two on a software WebGPU adapter. */
const SAMPLE_MS = 100;

export const networkViewBenchmarks: Benchmark[] = [
  defineBenchmark<NetworkCtx>({
    name: NAME,
    backends: BACKENDS,
    sampleMs: SAMPLE_MS,
    setup,
    run: stroke,
    baseline: (ctx) => barePass(ctx.probe, ctx.x),
    teardown,
  }),
  defineBenchmark<NetworkCtx>({
    name: `${NAME}, the stroke drawn, read and prepared on both sides`,
    backends: BACKENDS,
    sampleMs: SAMPLE_MS,
    setup,
    run: stroke,
    async baseline(ctx) {
      ctx.barePad.clear();
      ctx.barePad.drawStrokes([ctx.strokes[ctx.turn++ % ctx.strokes.length]]);
      const { pixels } = preprocessDigit(ctx.barePad.getInk().pixels);
      const x = tf.tensor4d(pixels, [1, 28, 28, 1]);
      try {
        await barePass(ctx.probe, x);
      } finally {
        x.dispose();
      }
    },
    teardown,
  }),
  defineBenchmark<NetworkCtx>({
    name: 'network view: bare forward pass against itself (the noise floor of the rows above)',
    backends: BACKENDS,
    sampleMs: SAMPLE_MS,
    setup,
    run: (ctx) => barePass(ctx.probe, ctx.x),
    baseline: (ctx) => barePass(ctx.probe, ctx.x),
    teardown,
  }),
];
