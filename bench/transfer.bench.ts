/**
 * Benchmark row of transfer learning in `<cnn-trainer>` (spread into `benchmarks` by
 * bench/benchmarks.ts): one epoch of the head alone on the frozen digit base's cached
 * features (`HeadTraining`, the library's path) against one epoch of the whole joined
 * network (base unfrozen, `LocalTraining`) on the same 256 examples of 3 classes, with
 * the same held-out scoring. The ratio is the figure: aim ≤ 0.1 (head samples/s ≥ 10× the
 * full network's). The features are computed in setup, as the element computes them once
 * per example before the first head run.
 */
import { defineBenchmark, type Benchmark } from './benchmark';
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

const EXAMPLES = 256;
const HELD_OUT = 32;
const CLASSES = 3;

interface Ctx {
  head: TransferModel;
  full: TransferModel;
  examples: Uint8Array[];
  labels: Uint8Array;
  settings: TrainingSettings;
}

export const transferBenchmarks: Benchmark[] = [
  defineBenchmark<Ctx>({
    name: `cnn-trainer transfer: head epoch on cached features vs full network epoch (${EXAMPLES} examples, aim ≤ 0.1)`,
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
      return { head, full, examples, labels, settings };
    },
    run: async ({ head, examples, labels, settings }) => {
      const train = { examples: examples.slice(HELD_OUT), labels: labels.slice(HELD_OUT) };
      const test = { examples: examples.slice(0, HELD_OUT), labels: labels.slice(0, HELD_OUT) };
      await new HeadTraining(head, train, test, settings).run();
    },
    baseline: async ({ full, examples, labels, settings }) => {
      const images = new Uint8Array(EXAMPLES * 784);
      examples.forEach((e, i) => images.set(e, i * 784));
      const data = { images, labels, count: EXAMPLES, classes: CLASSES };
      const indices = Array.from({ length: EXAMPLES }, (_, i) => i);
      await new LocalTraining(full.model, {
        data,
        train: indices.slice(HELD_OUT),
        test: indices.slice(0, HELD_OUT),
        settings,
      }).run();
    },
    teardown: ({ head, full }) => {
      head.dispose();
      full.dispose();
    },
  }),
];
