/**
 * The trainer's attributes turned into a checked plan: which layers, which training
 * settings. Attributes the author left out fall back to the preset's (the course's)
 * values. Every problem becomes a SpecError whose message says how to fix it.
 */
import {
  OPTIMIZERS,
  PRESETS,
  SpecError,
  parseLayers,
  parseOptimizer,
  parsePreset,
  type Hyperparameters,
  type LayerSpec,
  type PresetName,
} from '../../core/models/model-spec.js';

export interface NetworkInput {
  preset: string;
  layers?: string | unknown[];
}

export interface HyperInput {
  epochs?: number;
  batchSize?: number;
  learningRate?: number;
  optimizer?: string;
  validationSplit?: number;
  trainSize: number;
}

export interface Network {
  /** The preset the settings come from (`basic` for custom layers). */
  preset: PresetName;
  custom: boolean;
  layers: LayerSpec[];
}

/** The layers to build: `layers` when given, else the preset's. */
export function resolveNetwork({ preset, layers }: NetworkInput): Network {
  const name = parsePreset(preset || 'basic');
  const custom = layers !== undefined && layers !== null && layers !== '';
  return { preset: name, custom, layers: custom ? parseLayers(layers) : PRESETS[name].layers };
}

/** Training settings for a run on `available` training digits. */
export function resolveHyper(
  input: HyperInput,
  preset: PresetName,
  available: number,
): Hyperparameters & { trainSize: number } {
  const base = PRESETS[preset].hyper;
  const epochs = input.epochs ?? base.epochs;
  const batchSize = input.batchSize ?? base.batchSize;
  const learningRate = input.learningRate ?? base.learningRate;
  const validationSplit = input.validationSplit ?? base.validationSplit;
  const optimizer = input.optimizer ? parseOptimizer(input.optimizer) : base.optimizer;
  const { trainSize } = input;
  if (!Number.isInteger(trainSize) || trainSize < 1 || trainSize > available) {
    throw new SpecError(
      `train-size must be a whole number from 1 to ${available} (the shipped training digits), got ${trainSize}.`,
    );
  }
  if (!Number.isInteger(epochs) || epochs < 1 || epochs > 1000) {
    throw new SpecError(`epochs must be a whole number from 1 to 1000, got ${epochs}.`);
  }
  if (!(validationSplit >= 0 && validationSplit < 0.9)) {
    throw new SpecError(
      `validation-split must be a fraction from 0 to below 0.9 (the course holds out 0.1), got ${validationSplit}.`,
    );
  }
  const trained = trainSize - Math.floor(trainSize * validationSplit);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > trained) {
    throw new SpecError(
      `batch-size must be a whole number from 1 to ${trained} (the digits left to train on), got ${batchSize}. ` +
        `The course uses 32 or 64.`,
    );
  }
  if (!(Number.isFinite(learningRate) && learningRate > 0)) {
    throw new SpecError(
      `learning-rate must be a number above 0, got ${learningRate}. Try 0.01 for sgd or momentum, 0.001 for adam.`,
    );
  }
  return { epochs, batchSize, learningRate, optimizer, validationSplit, trainSize };
}

export { OPTIMIZERS };
