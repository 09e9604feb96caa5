/**
 * What a training run is made of, worked out from the trainer's settings when Train is
 * pressed: the examples it trains on and those it scores after every epoch, its settings,
 * and how it starts (the whole model, or a base's new head alone on cached features).
 * Plain functions of what they are given; the element keeps the state. Only types come
 * from TensorFlow.js here: the element hands in its lazily loaded compute module.
 */
import type { MnistData } from '../../core/training/mnist.tf.js';
import type { TrainingControl, TrainingJob } from '../../core/training/training-session.tf.js';
import type { TrainHooks } from '../../core/training/training-loop.tf.js';
import type { TransferModel } from '../../core/training/transfer.tf.js';
import type { TrainingWorker } from '../../core/training/worker-client.tf.js';
import { PRESETS, type PresetName } from '../../core/models/model-spec.js';
import { DatasetError, splitExamples, type ExampleSet } from '../../core/training/example-set.js';
import { resolveHyper, type HyperInput } from './settings.js';
import type { TestSet } from './results-panel.js';

/** The trainer's TensorFlow.js side, as far as planning a run needs it. */
type Tfjs = Pick<typeof import('./compute.js'), 'splitMnist' | 'HeadTraining' | 'takesDigits'>;

/** The number of training digits shipped (the rest of the 10,000 are the test split). */
export const SHIPPED_TRAIN = 8000;

/** Everything a run needs, MNIST or the reader's own. */
export interface RunPlan {
  job: TrainingJob;
  /** Starts a run other than the usual one (the head alone, on cached features). */
  start?: (hooks: TrainHooks) => TrainingControl;
  epochs: number;
  /** What the run trains on, in words: "2000 digits", "12 of your examples (3 held out)". */
  what: string;
}

/** Held-out examples of a custom run, with the data they index. */
export interface CustomHeldOut {
  data: MnistData;
  testSet: TestSet;
  /** Every example of the run, in the order of `data` (a base that takes pictures reads their sources). */
  examples: Uint8Array[];
}

/** The trainer's settings a run reads (its attributes). */
export interface RunSettings extends HyperInput {
  seed: number;
  augment: boolean;
}

/**
 * Training settings for the reader's `count` examples: a fifth held out unless
 * `validation-split` says otherwise, 20 epochs unless `epochs` does, and batches no
 * larger than the examples left to train on.
 */
export function customHyper(
  input: HyperInput,
  preset: PresetName,
  count: number,
): ReturnType<typeof resolveHyper> {
  const validationSplit = input.validationSplit ?? 0.2;
  const left = Math.max(1, count - Math.floor(count * validationSplit));
  const batchSize = input.batchSize ?? Math.min(PRESETS[preset].hyper.batchSize, left);
  const { learningRate, optimizer } = input;
  return resolveHyper(
    { epochs: input.epochs ?? 20, learningRate, optimizer, validationSplit, batchSize, trainSize: count },
    preset,
    count,
  );
}

/** A base's unfrozen layers (`fine-tune`) train with a tenth of the learning rate: their weights are good already. */
export function fineTuning<H extends { learningRate: number }>(
  hyper: H,
  transfer: TransferModel | undefined,
): H {
  return transfer && transfer.fineTune > 0 ? { ...hyper, learningRate: hyper.learningRate / 10 } : hyper;
}

/** A run on `train-size` of the shipped digits, scored on the fixed test split. */
export function mnistPlan(
  tfjs: Tfjs,
  data: MnistData,
  settings: RunSettings,
  preset: PresetName,
  test: TestSet,
): RunPlan {
  const hyper = resolveHyper(settings, preset, SHIPPED_TRAIN);
  const { seed, augment } = settings;
  const { train } = tfjs.splitMnist(data, { trainSize: hyper.trainSize, seed });
  return {
    job: { data, train, test: test.indices, settings: { ...hyper, seed, augment } },
    epochs: hyper.epochs,
    what: `${hyper.trainSize} digits`,
  };
}

/**
 * A run on the reader's examples, a stratified part of them held out and scored after every
 * epoch (charts, confusion matrix, mistakes). A DatasetError says what to fix first.
 * `transfer`: the model is a base with a new head; `worker` starts the training worker.
 */
export function customPlan(
  tfjs: Tfjs,
  examples: ExampleSet,
  settings: RunSettings,
  preset: PresetName,
  transfer: TransferModel | undefined,
  worker: () => TrainingWorker | undefined,
): { plan: RunPlan; heldOut: CustomHeldOut } {
  const problem = examples.problem();
  if (problem) throw new DatasetError(problem);
  const data = examples.toData();
  const hyper = fineTuning(customHyper(settings, preset, data.count), transfer);
  const { seed } = settings;
  const { train, test } = splitExamples(data.labels, data.classes, hyper.validationSplit, seed);
  const all = examples.list();
  const heldOut: CustomHeldOut = {
    data,
    testSet: { indices: test, labels: Uint8Array.from(test, (i) => data.labels[i]) },
    examples: all,
  };
  const held = `${train.length} of your examples (${test.length} held out)`;
  if (transfer && (transfer.fineTune === 0 || !tfjs.takesDigits(transfer.base))) {
    // A frozen base: only the head trains, on features cached per example. A base that takes
    // pictures fine-tunes on them (the usual run feeds 28×28 digits).
    const headSettings = { ...hyper, validationSplit: 0, seed, augment: false };
    const plan: RunPlan = {
      job: { data, train, test, settings: headSettings },
      start: (hooks) =>
        new tfjs.HeadTraining(
          transfer,
          { examples: train.map((i) => all[i]), labels: train.map((i) => data.labels[i]) },
          { examples: test.map((i) => all[i]), labels: heldOut.testSet.labels },
          headSettings,
          hooks,
          worker(),
        ),
      epochs: hyper.epochs,
      what: transfer.fineTune > 0 ? held : `the features of ${held}`,
    };
    return { plan, heldOut };
  }
  // The held-out examples are the run's test set; none are held out a second time.
  const plan: RunPlan = {
    job: { data, train, test, settings: { ...hyper, validationSplit: 0, seed, augment: settings.augment } },
    epochs: hyper.epochs,
    what: held,
  };
  return { plan, heldOut };
}
