import { expect } from '@open-wc/testing';
import * as tf from '@tensorflow/tfjs-core';
import { ensureBackend } from '../../../src/core/runtime/backend.tf.js';

describe('core/backend (forced)', () => {
  it('uses cpu when an author forces it, even where webgpu exists', async () => {
    expect(navigator.gpu, 'this browser exposes WebGPU').to.exist;
    const report = await ensureBackend('cpu');
    expect(report.name).to.equal('cpu');
    expect(report.requested).to.equal('cpu');
    expect(tf.getBackend()).to.equal('cpu');
    expect(report.reason).to.contain('forced');
  });
});
