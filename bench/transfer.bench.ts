/**
 * Benchmark row of transfer learning in `<cnn-trainer>` (spread into `benchmarks` by
 * bench/benchmarks.ts): training the head alone on the frozen digit base's cached features
 * (`HeadTraining`, the library's path) against training the whole joined network (base
 * unfrozen, `LocalTraining`), one epoch each on the same 224 of 256 examples of 3 classes.
 * Each side reports the time of its training steps, as the element's samples/s counts it
 * (the figure: head samples/s ≥ 10× the full network's, so the ratio's aim is ≤ 0.1).
 * The whole epoch, with the run's set-up and the held-out scoring, is timed too and written
 * into the row's name. The features are computed in setup, as the element computes them
 * once per example before the first head run.
 */
import { defineBenchmark, median, type Benchmark } from './benchmark';
import { assetUrl } from '../src/core/runtime/assets';
import {
  featuresOf,
  HeadTraining,
  headLayers,
  joinHead,
  loadBase,
  type TransferModel,
} from '../src/core/training/transfer.tf';
import { LocalTraining, type TrainingSettings } from '../src/core/training/training-session.tf';
import { seededRandom } from '../src/core/math/random';
import type { TrainHooks } from '../src/core/training/training-loop.tf';

const EXAMPLES = 256;
const HELD_OUT = 32;
const CLASSES = 3;

interface Ctx {
  /** Whole-epoch wall times of each side, for the row's name. */
  wall: { head: number[]; full: number[] };
  head: TransferModel;
  full: TransferModel;
  examples: Uint8Array[];
  labels: Uint8Array;
  settings: TrainingSettings;
}

/** Runs one training, adds its wall time to `wall`, and resolves with its training steps' milliseconds. */
async function trainingMs(wall: number[], train: (hooks: TrainHooks) => Promise<unknown>): Promise<number> {
  let steps = 0;
  const t0 = performance.now();
  await train({ onBatchEnd: (report) => void (steps = report.elapsedMs) });
  wall.push(performance.now() - t0);
  return steps;
}

export const transferBenchmarks: Benchmark[] = [
  defineBenchmark<Ctx>({
    name: `cnn-trainer transfer: head training on cached features vs full network training, time of one epoch's steps (${EXAMPLES} examples, aim ≤ 0.1)`,
    backends: ['webgpu', 'webgl', 'wasm', 'cpu'],
    setup: async () => {
      const url = assetUrl('models/digits/model.json');
      const spec = (base: Awaited<ReturnType<typeof loadBase>>) => headLayers(base.featureShape, CLASSES);
      const frozen = await loadBase(url);
      const head = joinHead(frozen, spec(frozen), 1, 0);
      const unfrozen = await loadBase(url);
      const full = joinHead(unfrozen, spec(unfrozen), 1, unfrozen.layers.length);
      const next = seededRandom(5);
      const examples = Array.from({ length: EXAMPLES }, () =>
        Uint8Array.from({ length: 784 }, () => (next() < 0.2 ? 255 : 0)),
      );
      const labels = Uint8Array.from({ length: EXAMPLES }, (_, i) => i % CLASSES);
      await featuresOf(head, examples);
      const settings: TrainingSettings = {
        epochs: 1,
        batchSize: 32,
        learningRate: 0.001,
        optimizer: 'adam',
        validationSplit: 0,
        seed: 1,
        augment: false,
      };
      return { wall: { head: [], full: [] }, head, full, examples, labels, settings };
    },
    run: async ({ wall, head, examples, labels, settings }) => {
      const train = { examples: examples.slice(HELD_OUT), labels: labels.slice(HELD_OUT) };
      const test = { examples: examples.slice(0, HELD_OUT), labels: labels.slice(0, HELD_OUT) };
      return trainingMs(wall.head, (hooks) => new HeadTraining(head, train, test, settings, hooks).run());
    },
    baseline: async ({ wall, full, examples, labels, settings }) => {
      const images = new Uint8Array(EXAMPLES * 784);
      examples.forEach((e, i) => images.set(e, i * 784));
      const data = { images, labels, count: EXAMPLES, classes: CLASSES };
      const indices = Array.from({ length: EXAMPLES }, (_, i) => i);
      const job = { data, train: indices.slice(HELD_OUT), test: indices.slice(0, HELD_OUT), settings };
      return trainingMs(wall.full, (hooks) => new LocalTraining(full.model, job, hooks).run());
    },
    teardown({ wall, head, full }) {
      head.dispose();
      full.dispose();
      const [h, f] = [median(wall.head), median(wall.full)];
      this.name += `; whole epoch with set-up and scoring: ${h.toFixed(1)} vs ${f.toFixed(1)} ms (${(h / f).toFixed(2)})`;
    },
  }),
];
