import { expect, fixture } from '@open-wc/testing';
import * as tf from '@tensorflow/tfjs-core';
import '../../src/index.js';
import type { CnnElement } from '../../src/elements/cnn-element.js';
import { ensureBackend } from '../../src/core/runtime/backend.tf.js';
import { expectTensorsBackTo, idle } from '../helpers.js';
import { TAGS } from '../../scripts/tags.mjs';

describe('every element, through the library entry point', () => {
  for (const tag of TAGS) {
    describe(`<${tag}>`, () => {
      it('is defined, becomes ready on the automatic backend and names it', async () => {
        const el = await fixture<CnnElement>(`<${tag}></${tag}>`);
        expect(customElements.get(tag)).to.exist;
        await el.ready;
        await idle(el);
        const auto = await ensureBackend();
        expect(el.getAttribute('backend')).to.equal(auto.name);
        // Headless Chromium here has only SwiftShader's software GPU, which ranks below wasm and cpu.
        expect(auto.name).to.be.oneOf(['wasm', 'cpu']);
        await expect(el).to.be.accessible();
      });

      it('returns tf.memory().numTensors to its baseline when removed', async () => {
        await ensureBackend();
        const baseline = tf.memory().numTensors;
        const el = document.createElement(tag) as CnnElement;
        document.body.append(el);
        await el.ready;
        el.remove();
        await expectTensorsBackTo(baseline);
      });
    });
  }
});
