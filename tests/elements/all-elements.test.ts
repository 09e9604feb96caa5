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
  it('takes the text of a number set on a number property as the number (Vue and React set it so)', () => {
    const checked: string[] = [];
    for (const tag of TAGS) {
      const el = document.createElement(tag) as unknown as Record<string, unknown>;
      const ctor = customElements.get(tag) as unknown as {
        elementProperties: Map<PropertyKey, { type?: unknown }>;
      };
      for (const [key, options] of ctor.elementProperties) {
        if (options.type !== Number) continue;
        const name = String(key);
        el[name] = ' 3 ';
        expect(el[name], `${tag}.${name}`).to.equal(3);
        el[name] = 'three'; // not a number: kept, for the element to say so
        expect(el[name], `${tag}.${name}`).to.equal('three');
        checked.push(`${tag}.${name}`);
      }
    }
    // epochs, rows, stride, top-k and the like: every element but the grid has some.
    expect(checked.length, checked.join(', ')).to.be.greaterThan(10);
  });
});
