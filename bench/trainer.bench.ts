/**
 * Benchmark rows of `<cnn-trainer>` (spread into `benchmarks` by bench/benchmarks.ts).
 *
 * - Training speed of the element (its batch loop, yields, progress line and charts, and
 *   the test evaluation after the epoch) against bare `model.fit` plus a bare prediction of
 *   the same test digits, on the same network and data. The ratio is the figure (aim ≤ 1.05,
 *   i.e. samples/s ≥ 0.95 of bare tfjs). On the CPU backend the element trains in its Web
 *   Worker while the bare path runs on the page, so the ratio also prices the worker.
 *   The longest main-thread task seen while each path ran (PerformanceObserver
 *   `longtask`, aim ≤ 100 ms for the element) is written into the row's name once it has
 *   run, since the table has no column for it.
 * - The core loop alone (`TrainingRun`) against `model.fit`, to tell the loop's cost from
 *   the element's.
 * - Test accuracy after 5 epochs on all 8,000 training digits for `basic` and `two-conv`.
 *   These train for minutes, so they are only listed when asked for by name:
 *   `npm run bench -- --filter accuracy --runs 1 --warmup 0 --timeout 3600`. Each trains
 *   once (later runs return at once); the accuracy and the wall time go into the name.
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { defineBenchmark, warmupRuns, type Benchmark } from './benchmark';
import '../src/elements/cnn-trainer/define';
import type { CnnTrainer, TrainerEpochDetail } from '../src/elements/cnn-trainer/cnn-trainer';
import { loadMnist, mnistTensors, splitMnist } from '../src/core/training/mnist.tf';
import { PRESETS, PRESET_NAMES, type PresetName } from '../src/core/models/model-spec';
import { buildModel, disposeOptimizer, makeOptimizer } from '../src/core/models/model-build.tf';
import { TrainingRun } from '../src/core/training/training-loop.tf';

const TRAIN_SIZE = 1024;
const BATCH = 32;

interface Bare {
  model: tfl.LayersModel;
  optimizer: tf.Optimizer;
}

/** The basic preset, compiled as the element compiles it. */
function compiledBasic(): Bare {
  const model = buildModel(PRESETS.basic.layers, 1);
  const optimizer = makeOptimizer('momentum', 0.01);
  model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return { model, optimizer };
}

function disposeBare({ model, optimizer }: Bare): void {
  model.dispose();
  disposeOptimizer(optimizer);
}

async function mountTrainer(
  attributes: Record<string, string>,
  model?: tfl.LayersModel,
): Promise<CnnTrainer> {
  const el = document.createElement('cnn-trainer');
  for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, v);
  document.body.append(el);
  await el.ready;
  const start = performance.now();
  while (!el.model) {
    if (performance.now() - start > 10000) throw new Error('<cnn-trainer> built no model');
    await new Promise((r) => setTimeout(r, 20));
  }
  // A model the page owns: the element leaves it alone on removal, so teardown can free it at once.
  if (model) el.model = model;
  return el;
}

/**
 * The longest main-thread task that started inside the timed windows of each path
 * (the element's runs and the bare baseline's). Entries reach an observer some time
 * after the task, so windows are kept and `takeRecords()` flushes what is still queued
 * when the row ends.
 */
class LongTasks {
  private readonly windows: { path: 'element' | 'baseline'; from: number; to: number }[] = [];
  private readonly entries: PerformanceEntry[] = [];
  private readonly observer?: PerformanceObserver;
  constructor() {
    if (!PerformanceObserver.supportedEntryTypes?.includes('longtask')) return;
    this.observer = new PerformanceObserver((list) => this.entries.push(...list.getEntries()));
    this.observer.observe({ type: 'longtask' });
  }
  get supported(): boolean {
    return this.observer !== undefined;
  }
  async time(path: 'element' | 'baseline', work: () => Promise<unknown>): Promise<void> {
    // Start and end in a task of our own: the other path's first synchronous batch would
    // otherwise run in the task that ends this window, and count as this path's.
    await new Promise((r) => setTimeout(r, 0));
    const from = performance.now();
    try {
      await work();
    } finally {
      this.windows.push({ path, from, to: performance.now() });
      await new Promise((r) => setTimeout(r, 0));
    }
  }
  /** Milliseconds of the longest task in a path's windows (0 when none was long, i.e. over 50 ms). */
  longest(path: 'element' | 'baseline'): number {
    if (this.observer) this.entries.push(...this.observer.takeRecords());
    const inside = (e: PerformanceEntry) =>
      this.windows.some((w) => w.path === path && e.startTime >= w.from && e.startTime <= w.to);
    return Math.max(0, ...this.entries.filter(inside).map((e) => e.duration));
  }
  finish(): void {
    this.observer?.disconnect();
  }
  /** "longest task 12 ms; bare: 2,400 ms" for a row's name. */
  describe(): string {
    if (!this.supported) return 'longest task not measurable here';
    const ms = (v: number) => (v ? `${Math.round(v).toLocaleString('en')} ms` : 'none over 50 ms');
    const text = `longest task ${ms(this.longest('element'))}; bare: ${ms(this.longest('baseline'))}`;
    this.finish();
    return text;
  }
}

interface ElementCtx {
  el: CnnTrainer;
  elementModel: Bare;
  bare: Bare;
  train: { xs: tf.Tensor4D; ys: tf.Tensor2D };
  testXs: tf.Tensor4D;
  tasks: LongTasks;
}

interface CoreCtx {
  loop: Bare;
  bare: Bare;
  train: { xs: tf.Tensor4D; ys: tf.Tensor2D };
}

const elementRowName = `cnn-trainer: 1 epoch of basic on ${TRAIN_SIZE} digits + test, vs model.fit + predict`;

const speedRows: Benchmark[] = [
  defineBenchmark<ElementCtx>({
    name: elementRowName,
    backends: ['webgpu', 'webgl', 'wasm', 'cpu', 'auto'],
    async setup() {
      const data = await loadMnist();
      const { train, test } = splitMnist(data, { trainSize: TRAIN_SIZE, seed: 1 });
      const elementModel = compiledBasic();
      const el = await mountTrainer(
        { 'train-size': String(TRAIN_SIZE), epochs: '1', 'batch-size': String(BATCH), seed: '1' },
        elementModel.model,
      );
      const testXs = mnistTensors(data, test);
      testXs.ys.dispose();
      return {
        el,
        elementModel,
        bare: compiledBasic(),
        train: mnistTensors(data, train),
        testXs: testXs.xs,
        tasks: new LongTasks(),
      };
    },
    async run(ctx) {
      await ctx.tasks.time('element', () => ctx.el.train());
    },
    async baseline({ bare, train, testXs, tasks }) {
      await tasks.time('baseline', async () => {
        await bare.model.fit(train.xs, train.ys, { epochs: 1, batchSize: BATCH, shuffle: true, verbose: 0 });
        const predicted = tf.tidy(() => tf.argMax(bare.model.predict(testXs) as tf.Tensor, 1));
        await predicted.data();
        predicted.dispose();
      });
    },
    teardown(ctx) {
      ctx.el.remove();
      disposeBare(ctx.elementModel);
      disposeBare(ctx.bare);
      tf.dispose([ctx.train.xs, ctx.train.ys, ctx.testXs]);
      this.name = `${elementRowName} (${ctx.tasks.describe()})`;
    },
  }),
  defineBenchmark<CoreCtx>({
    name: `core TrainingRun: 1 epoch of basic on ${TRAIN_SIZE} digits, vs model.fit`,
    backends: ['webgpu', 'webgl', 'wasm', 'cpu', 'auto'],
    async setup() {
      const data = await loadMnist();
      const { train } = splitMnist(data, { trainSize: TRAIN_SIZE, seed: 1 });
      return { loop: compiledBasic(), bare: compiledBasic(), train: mnistTensors(data, train) };
    },
    async run({ loop, train }) {
      await new TrainingRun(loop.model, train, { epochs: 1, batchSize: BATCH, seed: 1 }).run();
    },
    async baseline({ bare, train }) {
      await bare.model.fit(train.xs, train.ys, { epochs: 1, batchSize: BATCH, shuffle: true, verbose: 0 });
    },
    teardown(ctx) {
      disposeBare(ctx.loop);
      disposeBare(ctx.bare);
      tf.dispose([ctx.train.xs, ctx.train.ys]);
    },
  }),
];

const PRESET_SAMPLES = 256;
const PRESET_TARGETS: Record<PresetName, number> = {
  basic: 500,
  'two-conv': 300,
  'three-conv': 300,
  'dense-only': 3000,
};

/**
 * Samples per second of one preset with its default settings (optimizer, batch size), the
 * core loop on this page's backend; the rate goes into the name (the table has ms only).
 */
function presetSpeedRow(preset: PresetName): Benchmark {
  const base = `trainer samples/s: ${preset}, 1 epoch of ${PRESET_SAMPLES} digits (aim ≥ ${PRESET_TARGETS[preset].toLocaleString('en')})`;
  const times: number[] = [];
  return defineBenchmark<CoreCtx>({
    name: base,
    backends: ['webgpu', 'webgl', 'wasm', 'cpu', 'auto'],
    async setup() {
      const data = await loadMnist();
      const { train } = splitMnist(data, { trainSize: PRESET_SAMPLES, seed: 1 });
      const make = (): Bare => {
        const { layers, hyper } = PRESETS[preset];
        const model = buildModel(layers, 1);
        const optimizer = makeOptimizer(hyper.optimizer, hyper.learningRate);
        model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
        return { model, optimizer };
      };
      return { loop: make(), bare: make(), train: mnistTensors(data, train) };
    },
    async run({ loop, train }) {
      const t0 = performance.now();
      await new TrainingRun(loop.model, train, {
        epochs: 1,
        batchSize: PRESETS[preset].hyper.batchSize,
        seed: 1,
      }).run();
      times.push(performance.now() - t0);
    },
    async baseline({ bare, train }) {
      await bare.model.fit(train.xs, train.ys, {
        epochs: 1,
        batchSize: PRESETS[preset].hyper.batchSize,
        shuffle: true,
        verbose: 0,
      });
    },
    teardown(ctx) {
      disposeBare(ctx.loop);
      disposeBare(ctx.bare);
      tf.dispose([ctx.train.xs, ctx.train.ys]);
      // The warm-up runs come first (page.ts) and pay for first-use set-up: only the timed ones count.
      const sorted = times.slice(warmupRuns()).sort((a, b) => a - b);
      const median = sorted[sorted.length >> 1];
      if (median)
        this.name = `${base}: ${Math.round((PRESET_SAMPLES / median) * 1000).toLocaleString('en')} samples/s`;
    },
  });
}

interface AccuracyCtx {
  el: CnnTrainer;
  /** Set after the one training run. */
  result?: { accuracy: number; seconds: number };
}

/** Trains a preset for 5 epochs on the 8,000 training digits, once, and reports its test accuracy in the name. */
function accuracyRow(preset: PresetName, target: string): Benchmark {
  const base = `accuracy: ${preset}, 5 epochs on 8,000 digits (aim ≥ ${target})`;
  return defineBenchmark<AccuracyCtx>({
    name: base,
    backends: ['webgpu', 'webgl', 'wasm', 'cpu', 'auto'],
    async setup() {
      return { el: await mountTrainer({ preset, 'train-size': '8000', epochs: '5', seed: '1' }) };
    },
    async run(ctx) {
      if (ctx.result) return;
      let last: TrainerEpochDetail | undefined;
      ctx.el.addEventListener('epoch-end', (e) => (last = e.detail));
      const t0 = performance.now();
      await ctx.el.train();
      ctx.result = { accuracy: last?.testAccuracy ?? NaN, seconds: (performance.now() - t0) / 1000 };
    },
    async baseline() {},
    teardown(ctx) {
      // Unsetting the model makes the element dispose the one it built now, not after removal.
      ctx.el.model = undefined;
      ctx.el.remove();
      const r = ctx.result;
      if (r) this.name = `${base}: test ${(r.accuracy * 100).toFixed(1)}% in ${r.seconds.toFixed(0)} s`;
    },
  });
}

const wantsAccuracy =
  typeof location !== 'undefined' &&
  (new URLSearchParams(location.search).get('filter') ?? '').toLowerCase().includes('accuracy');

export const trainerBenchmarks: Benchmark[] = [
  ...speedRows,
  ...PRESET_NAMES.map(presetSpeedRow),
  ...(wantsAccuracy ? [accuracyRow('basic', '97%'), accuracyRow('two-conv', '96.5%')] : []),
];
