import { expect } from '@open-wc/testing';
import * as tf from '@tensorflow/tfjs-core';
import { ensureBackend } from '../../../src/core/runtime/backend.tf.js';

// WebGPU exists in this browser, but a page may hide it (or a browser may expose
// navigator.gpu with no adapter): the choice must still fall back and say so.
describe('core/backend (navigator.gpu hidden by the page)', () => {
  it('falls back when navigator.gpu is undefined', async () => {
    Object.defineProperty(navigator, 'gpu', { value: undefined, configurable: true });
    const report = await ensureBackend();
    expect(report.name).to.not.equal('webgpu');
    expect(tf.getBackend()).to.equal(report.name);
    expect(report.reason).to.match(/webgpu is unavailable \(navigator\.gpu is missing/);
  });
});
