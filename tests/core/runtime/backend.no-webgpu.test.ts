import { expect } from '@open-wc/testing';
import * as tf from '@tensorflow/tfjs-core';
import { ensureBackend } from '../../../src/core/runtime/backend.tf.js';

// This file runs in a Chromium launched without WebGPU (see web-test-runner.config.mjs).
describe('core/backend (WebGPU unavailable)', () => {
  it('chooses by rank without webgpu and says why webgpu was not used', async () => {
    const adapter = await navigator.gpu?.requestAdapter();
    expect(adapter ?? null, 'this browser offers no WebGPU adapter').to.equal(null);
    const report = await ensureBackend();
    // No GPU here: WebGL, if any, is SwiftShader, which ranks below wasm.
    expect(report.name).to.equal('wasm');
    expect(tf.getBackend()).to.equal(report.name);
    expect(report.order![report.order!.length - 1]).to.equal('webgpu');
    expect(report.reason).to.match(/webgpu is unavailable \((navigator\.gpu|navigator\.gpu\.requestAdapter)/);
  });
});
