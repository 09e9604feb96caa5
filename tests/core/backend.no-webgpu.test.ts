import { expect } from '@open-wc/testing';
import * as tf from '@tensorflow/tfjs-core';
import { ensureBackend } from '../../src/core/backend.js';

// This file runs in a Chromium launched without WebGPU (see web-test-runner.config.mjs).
describe('core/backend (WebGPU unavailable)', () => {
  it('falls back to webgl or cpu and says why', async () => {
    const adapter = await navigator.gpu?.requestAdapter();
    expect(adapter ?? null, 'this browser offers no WebGPU adapter').to.equal(null);
    const report = await ensureBackend();
    expect(report.name).to.be.oneOf(['webgl', 'cpu']);
    if (report.name === 'webgl') expect(report.label).to.match(/^webgl \((software )?renderer: /);
    expect(tf.getBackend()).to.equal(report.name);
    expect(report.skipped[0].name).to.equal('webgpu');
    expect(report.skipped[0].error).to.match(/navigator\.gpu|adapter/);
    expect(report.reason).to.contain('webgpu is unavailable');
  });
});
