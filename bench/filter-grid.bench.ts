/**
 * <filter-grid> rows:
 * - its main job, the activation maps of a digit: `refresh()` of a grid in the activations
 *   view (input, the truncated model's prediction, drawing) against bare tfjs predicting
 *   the first convolution's output of the same digit; run on every backend and `auto`,
 *   for the auto ÷ fastest figure;
 * - does a grid following a training trainer slow the training down? Two identical
 *   trainers train the same epochs; one has a grid linked with `for=`. The ratio of times
 *   is the inverse of the ratio of samples per second (aim ≤ 1.05).
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import '../src/elements/cnn-trainer/define';
import '../src/elements/filter-grid/define';
import type { CnnTrainer } from '../src/elements/cnn-trainer/cnn-trainer';
import type { FilterGrid } from '../src/elements/filter-grid/filter-grid';
import { defineBenchmark, type Benchmark } from './benchmark';

interface LinkedCtx {
  linked: CnnTrainer;
  alone: CnnTrainer;
  grid: FilterGrid;
}

function trainer(id: string): CnnTrainer {
  const el = document.createElement('cnn-trainer') as CnnTrainer;
  el.id = id;
  el.setAttribute('preset', 'basic');
  el.setAttribute('train-size', '256');
  el.setAttribute('epochs', '1');
  el.setAttribute('batch-size', '32');
  document.body.append(el);
  return el;
}

interface ActivationsCtx {
  source: CnnTrainer;
  grid: FilterGrid;
  firstConv: tfl.LayersModel;
  digit: tf.Tensor4D;
}

export const filterGridBenchmarks: Benchmark[] = [
  defineBenchmark<ActivationsCtx>({
    name: 'filter-grid: activation maps of a digit (refresh), vs predicting the first convolution',
    backends: ['webgpu', 'webgl', 'wasm', 'cpu', 'auto'],
    async setup() {
      const source = trainer('bench-activations-trainer');
      const grid = document.createElement('filter-grid') as FilterGrid;
      grid.setAttribute('for', source.id);
      grid.setAttribute('view', 'activations');
      document.body.append(grid);
      await Promise.all([source.ready, grid.ready]);
      await grid.getActivations();
      const model = source.model!;
      const firstConv = tfl.model({
        inputs: model.inputs,
        outputs: model.layers[0].output as tfl.SymbolicTensor,
      });
      return {
        source,
        grid,
        firstConv,
        digit: tf.randomUniform([1, 28, 28, 1], 0, 1, 'float32', 7) as tf.Tensor4D,
      };
    },
    run: ({ grid }) => grid.refresh(),
    async baseline({ firstConv, digit }) {
      const y = firstConv.predict(digit) as tf.Tensor;
      await y.data();
      y.dispose();
    },
    async teardown({ source, grid, digit }) {
      digit.dispose();
      grid.remove();
      source.remove();
      await new Promise((resolve) => setTimeout(resolve));
    },
  }),
  defineBenchmark<LinkedCtx>({
    name: 'train 256 digits × 1 epoch with a linked filter-grid (vs the same trainer alone)',
    // Training on SwiftShader's WebGPU takes minutes per epoch: measured where it is practical.
    backends: ['webgl', 'wasm', 'cpu', 'auto'],
    async setup() {
      const linked = trainer('bench-linked-trainer');
      const alone = trainer('bench-lone-trainer');
      const grid = document.createElement('filter-grid') as FilterGrid;
      grid.setAttribute('for', linked.id);
      document.body.append(grid);
      await Promise.all([linked.ready, alone.ready, grid.ready]);
      await grid.getFilters();
      return { linked, alone, grid };
    },
    run: ({ linked }) => linked.train(),
    baseline: ({ alone }) => alone.train(),
    async teardown({ linked, alone, grid }) {
      grid.remove();
      linked.remove();
      alone.remove();
      await new Promise((resolve) => setTimeout(resolve));
    },
  }),
];
