import { expect } from '@open-wc/testing';
import { ensureBackend } from '../../../src/core/runtime/backend.tf.js';
import { buildModel } from '../../../src/core/models/model-build.tf.js';
import { PRESETS, PRESET_NAMES, type LayerSpec } from '../../../src/core/models/model-spec.js';
import { MAX_WEIGHTS, budgetProblem, countWeights } from '../../../src/core/models/network-budget.js';

describe('network budget (issue 20)', () => {
  before(() => ensureBackend('cpu'));

  it('counts the weights tfjs allocates, for every preset, and lets them all through', () => {
    const stacks: LayerSpec[][] = [
      ...PRESET_NAMES.map((name) => PRESETS[name].layers),
      [
        { type: 'conv2d', filters: 3, kernelSize: [3, 5] },
        { type: 'batchNormalization' },
        { type: 'flatten' },
        { type: 'dense', units: 10, activation: 'softmax' },
      ],
    ];
    for (const layers of stacks) {
      const model = buildModel(layers, 1);
      expect(countWeights(layers)).to.equal(model.countParams());
      model.dispose();
      expect(budgetProblem(layers)).to.equal(undefined);
    }
  });

  it('refuses a stack over the budget before building it, saying what it needs and what is allowed', () => {
    const huge: LayerSpec[] = [
      { type: 'flatten' },
      { type: 'dense', units: 1_000_000 },
      { type: 'dense', units: 10, activation: 'softmax' },
    ];
    expect(countWeights(huge)).to.equal(784 * 1_000_000 + 1_000_000 + 1_000_000 * 10 + 10);
    const message = budgetProblem(huge)!;
    expect(message).to.contain('795,000,010 weights');
    expect(message).to.contain('3.2 GB to build');
    expect(message).to.contain(`at most ${MAX_WEIGHTS.toLocaleString('en')} weights`);
  });
});
