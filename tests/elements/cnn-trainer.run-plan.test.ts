/**
 * The trainer's run plans without the trainer: which examples a run trains on and scores,
 * with which settings, and how it starts (the whole model, or a base's head alone).
 * Real tfjs models for the bases; every expected value is worked out here from the settings.
 */
import { expect } from '@open-wc/testing';
import * as tfjs from '../../src/elements/cnn-trainer/compute.js';
import {
  customHyper,
  customPlan,
  fineTuning,
  mnistPlan,
  type RunSettings,
} from '../../src/elements/cnn-trainer/run-plan.js';
import { DatasetError, ExampleSet } from '../../src/core/training/example-set.js';
import { cutBase, type TransferModel } from '../../src/core/training/transfer.tf.js';
import * as tf from '@tensorflow/tfjs-core';
import { ensureBackend } from '../../src/core/runtime/backend.tf.js';
import { PRESETS } from '../../src/core/models/model-spec.js';

const settings = (more: Partial<RunSettings> = {}): RunSettings => ({
  trainSize: 20,
  seed: 3,
  augment: true,
  ...more,
});

/** `perClass` blank examples for each of `classes`, each example's first byte its class and index. */
function examplesOf(classes: string[], perClass: number): ExampleSet {
  const set = new ExampleSet(classes);
  classes.forEach((name, c) => {
    for (let i = 0; i < perClass; i++) {
      const pixels = new Uint8Array(784);
      pixels[0] = c * 50 + i;
      set.add(name, pixels);
    }
  });
  return set;
}

/** A small real base, cut at its last feature map, with a new head for `classes`; 28×28×1 in unless `side`/`channels` say otherwise. */
function transferOf(fineTune: number, classes: number, { side = 28, channels = 1 } = {}): TransferModel {
  const full = tfjs.buildModel(
    [
      { type: 'conv2d', filters: 2, kernelSize: 3, activation: 'relu' },
      { type: 'maxPooling2d', poolSize: 2 },
      { type: 'conv2d', filters: 2, kernelSize: 3, activation: 'relu' },
      { type: 'flatten' },
      { type: 'dense', units: 2, activation: 'softmax' },
    ],
    5,
    { classes: 2, inputShape: [side, side, channels] },
  );
  const base = cutBase(full, 'a test base');
  return tfjs.joinHead(base, tfjs.headLayers(base.featureShape, classes), 7, fineTune);
}

describe('the trainer’s run plans', () => {
  before(() => ensureBackend('cpu'));

  it('holds out a fifth of the reader’s examples for 20 epochs, in batches no larger than what is left', () => {
    // 7 examples: 1 held out (a fifth, rounded down), 6 left, so the basic preset's 32 becomes 6.
    expect(customHyper({ trainSize: 0 }, 'basic', 7)).to.include({
      epochs: 20,
      validationSplit: 0.2,
      batchSize: 6,
      trainSize: 7,
    });
    // The author's settings win over both defaults.
    expect(
      customHyper({ trainSize: 0, epochs: 3, batchSize: 2, validationSplit: 0.5 }, 'basic', 7),
    ).to.include({ epochs: 3, batchSize: 2, validationSplit: 0.5 });
    // Checked as any run's settings: a batch larger than the examples left is refused.
    expect(() => customHyper({ trainSize: 0, batchSize: 7 }, 'basic', 7)).to.throw(/batch-size/);
  });

  it('divides the learning rate by ten for a fine-tuned base only', () => {
    const hyper = { learningRate: 0.01, epochs: 4 };
    const frozen = transferOf(0, 2);
    const tuned = transferOf(1, 2);
    try {
      expect(fineTuning(hyper, undefined)).to.equal(hyper);
      expect(fineTuning(hyper, frozen)).to.equal(hyper);
      expect(fineTuning(hyper, tuned)).to.deep.equal({ learningRate: 0.01 / 10, epochs: 4 });
      expect(hyper.learningRate, 'the given settings stay as they were').to.equal(0.01);
    } finally {
      frozen.dispose();
      tuned.dispose();
    }
  });

  it('trains on train-size digits and scores the given test split', () => {
    const data = examplesOf(['0', '1', '2'], 20).toData();
    const test = { indices: [1, 5, 9], labels: Uint8Array.of(0, 0, 0) };
    const plan = mnistPlan(tfjs, data, settings({ batchSize: 4 }), 'basic', test);
    expect(plan.job.train).to.deep.equal(tfjs.splitMnist(data, { trainSize: 20, seed: 3 }).train);
    expect(plan.job.test).to.equal(test.indices);
    const { epochs, learningRate } = PRESETS.basic.hyper;
    expect(plan.job.settings).to.include({ seed: 3, augment: true, batchSize: 4, epochs, learningRate });
    expect(plan.start).to.equal(undefined);
    expect(plan.what).to.equal('20 digits');
  });

  it('holds out a stratified part of the reader’s examples and scores them, not held out again', () => {
    const set = examplesOf(['tick', 'cross'], 5);
    const { plan, heldOut } = customPlan(tfjs, set, settings(), 'basic', undefined, () => undefined);
    const { train, test } = plan.job;
    // A fifth of each class of 5: one each.
    expect(test).to.have.length(2);
    expect([...heldOut.testSet.labels]).to.deep.equal([0, 1]);
    expect([...train, ...test].sort((a, b) => a - b)).to.deep.equal([...Array(10).keys()]);
    expect(heldOut.testSet.indices).to.equal(test);
    expect(heldOut.examples).to.deep.equal(set.list());
    expect(plan.job.settings).to.include({ validationSplit: 0, seed: 3, augment: true, epochs: 20 });
    expect(plan.what).to.equal('8 of your examples (2 held out)');
  });

  it('says what the reader’s examples lack before planning anything', () => {
    const set = examplesOf(['tick', 'cross'], 1);
    expect(() => customPlan(tfjs, set, settings(), 'basic', undefined, () => undefined))
      .to.throw(DatasetError)
      .with.property('message')
      .that.matches(/at least 2 examples/);
  });

  it('trains a frozen base’s head alone on its features, without augmentation', async () => {
    const before = tf.memory().numTensors;
    const transfer = transferOf(0, 2);
    try {
      const set = examplesOf(['tick', 'cross'], 5);
      const { plan } = customPlan(tfjs, set, settings(), 'basic', transfer, () => undefined);
      expect(plan.start).to.be.a('function');
      expect(plan.job.settings).to.include({ augment: false, validationSplit: 0, learningRate: 0.01 });
      expect(plan.what).to.equal('the features of 8 of your examples (2 held out)');
      const run = plan.start!({});
      expect(run).to.be.instanceOf(tfjs.HeadTraining);
      run.stop();
      expect((await run.run()).stopped).to.equal(true);
    } finally {
      transfer.dispose();
    }
    expect(tf.memory().numTensors, 'the base, its head and their features disposed').to.equal(before);
  });

  it('fine-tunes a digit base as a whole model, and one that takes pictures as a head run, both at a tenth of the rate', () => {
    const digits = transferOf(1, 2);
    const pictures = transferOf(1, 2, { side: 32, channels: 3 });
    try {
      const set = examplesOf(['tick', 'cross'], 5);
      const whole = customPlan(tfjs, set, settings(), 'basic', digits, () => undefined).plan;
      expect(whole.start).to.equal(undefined);
      expect(whole.job.settings).to.include({ augment: true, learningRate: 0.01 / 10 });
      expect(whole.what).to.equal('8 of your examples (2 held out)');
      const head = customPlan(tfjs, set, settings(), 'basic', pictures, () => undefined).plan;
      expect(head.start).to.be.a('function');
      expect(head.job.settings).to.include({ augment: false, learningRate: 0.01 / 10 });
      expect(head.what).to.equal('8 of your examples (2 held out)');
    } finally {
      digits.dispose();
      pictures.dispose();
    }
  });
});
