import { expect } from '@open-wc/testing';
import * as tf from '@tensorflow/tfjs-core';
import { ensureBackend, setWasmPaths } from '../../../src/core/runtime/backend.tf.js';

// The wasm binaries are missing (a page that points at the wrong folder, or a CSP that
// forbids compiling WebAssembly): the automatic choice moves on and says why.
describe('core/backend (wasm binary missing)', () => {
  it('falls back to the next candidate and names the folder it tried', async () => {
    setWasmPaths('/no-such-folder/');
    const report = await ensureBackend();
    expect(report.name).to.equal('cpu');
    expect(tf.getBackend()).to.equal('cpu');
    expect(report.skipped[0].name).to.equal('wasm');
    expect(report.skipped[0].error).to.contain('/no-such-folder/');
    expect(report.reason).to.contain('wasm is unavailable');
  });
});
