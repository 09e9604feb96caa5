import { expect } from '@open-wc/testing';
import * as tf from '@tensorflow/tfjs-core';
import { ensureBackend, surveyGpus, type AdapterInfo } from '../../../src/core/runtime/backend.tf.js';

// This file runs in a Chromium launched with --enable-unsafe-webgpu, where
// SwiftShader provides a software WebGPU adapter and a software WebGL renderer.
describe('core/backend (software GPUs only)', () => {
  it('ranks the software adapter and renderer below wasm and cpu, chooses wasm, and says why', async () => {
    const survey = await surveyGpus();
    expect(typeof survey.webgpu, 'a WebGPU adapter is offered').to.equal('object');
    expect((survey.webgpu as AdapterInfo).isSoftware).to.equal(true);
    const report = await ensureBackend();
    expect(report.name).to.equal('wasm');
    expect(tf.getBackend()).to.equal('wasm');
    expect(report.requested).to.equal('auto');
    expect(report.skipped).to.deep.equal([]);
    expect(report.order!.slice(0, 2)).to.deep.equal(['wasm', 'cpu']);
    expect(report.order!.indexOf('webgpu')).to.be.greaterThan(report.order!.indexOf('cpu'));
    expect(report.calibration, 'no real GPU, nothing to calibrate').to.equal(undefined);
    expect(report.label).to.match(/^wasm \((no )?SIMD, /);
    expect(report.reason).to.match(/webgpu runs in software \(.+\), which ranks below wasm and cpu/);
  });

  it('computes a convolution on the chosen backend that matches a plain loop', async () => {
    await ensureBackend();
    const h = 5,
      w = 6;
    const image = Array.from({ length: h * w }, (_, i) => ((i * 7) % 11) - 3);
    const kernel = [1, 0, -1, 2, 0, -2, 1, 0, -1];
    const out = tf.tidy(() =>
      tf.conv2d(tf.tensor4d(image, [1, h, w, 1]), tf.tensor4d(kernel, [3, 3, 1, 1]), 1, 'valid'),
    );
    const got = Array.from(await out.data());
    out.dispose();
    const expected: number[] = [];
    for (let r = 0; r < h - 2; r++) {
      for (let c = 0; c < w - 2; c++) {
        let s = 0;
        for (let i = 0; i < 3; i++)
          for (let j = 0; j < 3; j++) s += image[(r + i) * w + c + j] * kernel[i * 3 + j];
        expected.push(s);
      }
    }
    expect(got.length).to.equal(expected.length);
    got.forEach((v, i) => expect(v).to.be.closeTo(expected[i], 1e-4));
  });

  it('answers every later request with the first choice', async () => {
    const first = await ensureBackend();
    const later = await ensureBackend('cpu');
    expect(later).to.equal(first);
    expect(tf.getBackend()).to.equal('wasm');
  });
});
