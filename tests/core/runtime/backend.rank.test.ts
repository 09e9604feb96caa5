import { expect } from '@open-wc/testing';
import * as tf from '@tensorflow/tfjs-core';
import { ensureBackend, rank, type AdapterInfo } from '../../../src/core/runtime/backend.tf.js';
import { calibrate } from '../../../src/core/runtime/backend-calibration.tf.js';
import type { BackendName } from '../../../src/core/runtime/backend-name.js';

const gpu = (description: string, isSoftware: boolean): AdapterInfo => ({
  vendor: '',
  architecture: '',
  device: '',
  description,
  isSoftware,
});

describe('core/backend ranking and calibration', () => {
  it('puts real GPUs first, then wasm and cpu, then software GPUs, then missing APIs', () => {
    expect(rank({ webgpu: gpu('NVIDIA', false), webgl: gpu('ANGLE (NVIDIA)', false) })).to.deep.equal([
      'webgpu',
      'webgl',
      'wasm',
      'cpu',
    ]);
    expect(rank({ webgpu: gpu('swiftshader', true), webgl: gpu('SwiftShader', true) })).to.deep.equal([
      'wasm',
      'cpu',
      'webgl',
      'webgpu',
    ]);
    expect(rank({ webgpu: 'navigator.gpu is missing', webgl: gpu('Intel', false) })).to.deep.equal([
      'webgl',
      'wasm',
      'cpu',
      'webgpu',
    ]);
    expect(rank({ webgpu: gpu('fallback', true), webgl: 'no WebGL2 context could be made' })).to.deep.equal([
      'wasm',
      'cpu',
      'webgpu',
      'webgl',
    ]);
  });

  it('calibrates two backends on the conv + training-step workload, names the faster and keeps the verdict for the session', async function () {
    this.timeout(60_000);
    await ensureBackend('cpu');
    const started: BackendName[] = [];
    const start = async (name: BackendName) => {
      started.push(name);
      return (await tf.setBackend(name)) ? undefined : 'did not start';
    };
    const key = `test:${Math.random()}`;
    await import('../../../src/core/runtime/wasm-setup.tf.js').then((m) => m.prepareWasm());
    const first = await calibrate(['cpu', 'wasm'], key, start);
    expect(first.cached).to.equal(false);
    expect(first.winner).to.be.oneOf(['cpu', 'wasm']);
    expect(first.note).to.contain('128² convolution');
    expect(started).to.deep.equal(['cpu', 'wasm']);
    const measured = Object.keys(first.timings);
    if (measured.length === 2)
      expect(first.timings[first.winner]).to.equal(Math.min(first.timings.cpu!, first.timings.wasm!));
    const again = await calibrate(['cpu', 'wasm'], key, start);
    expect(again.cached).to.equal(measured.length > 0);
    if (again.cached) expect(again.winner).to.equal(first.winner);
    await tf.setBackend('cpu');
  });

  it('a candidate that cannot start loses, with its reason in the note', async () => {
    const verdict = await calibrate(['webgpu', 'cpu'], `test:${Math.random()}`, async (name) =>
      name === 'webgpu' ? 'no adapter (test)' : (await tf.setBackend(name)) ? undefined : 'did not start',
    );
    expect(verdict.note).to.contain('webgpu did not start (no adapter (test))');
    expect(verdict.winner).to.equal('cpu');
  });
});
