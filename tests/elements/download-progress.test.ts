/**
 * A model's download, shown while it lasts: on a slow connection (a phone, a school's
 * network) a VGG16 base or a ResNet50 takes long enough that the reader must see how far
 * it has got. Here the connection is held by the test: the weights file arrives in two
 * halves, on the test's word, through a stream (the real file, the real loaders).
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { CnnElement } from '../../src/elements/cnn-element.js';
import { expectTensorsBackTo, until } from '../helpers.js';
import * as tf from '@tensorflow/tfjs-core';

/** Holds every `.bin` fetched meanwhile; `send(share)` lets that share of each through, `cut()` ends them early. */
function slowWeights() {
  const real = window.fetch;
  const held: Array<{
    bytes: Uint8Array;
    sent: number;
    stream: ReadableStreamDefaultController<Uint8Array>;
  }> = [];
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    const response = await real(input, init);
    if (!url.endsWith('.bin')) return response;
    const bytes = new Uint8Array(await response.arrayBuffer());
    const body = new ReadableStream<Uint8Array>({
      start: (stream) => void held.push({ bytes, sent: 0, stream }),
    });
    return new Response(body, { status: 200, headers: response.headers });
  };
  return {
    held,
    send(share: number) {
      for (const h of held) {
        const upTo = Math.round(h.bytes.length * share);
        h.stream.enqueue(h.bytes.slice(h.sent, upTo));
        h.sent = upTo;
        if (upTo === h.bytes.length) h.stream.close();
      }
    },
    cut() {
      for (const h of held) h.stream.close();
    },
    restore() {
      window.fetch = real;
    },
  };
}

const line = (el: CnnElement) => el.shadowRoot!.querySelector<HTMLElement>('[part="download"]');
const shown = (el: CnnElement) => line(el)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('download progress', () => {
  let net: ReturnType<typeof slowWeights>;
  beforeEach(() => (net = slowWeights()));
  afterEach(() => net.restore());

  for (const markup of [
    html`<pretrained-classifier model-url="/tests/fixtures/models/digits-tiny/model.json"></pretrained-classifier>`,
    html`<filter-grid model-url="/tests/fixtures/models/digits-tiny/model.json"></filter-grid>`,
  ]) {
    it(`${markup.strings[0].split(' ')[0].slice(1)}: shows how much of the model has come, then nothing once loaded`, async () => {
      const baseline = tf.memory().numTensors;
      const el = await fixture<CnnElement>(markup);
      await until(() => net.held.length > 0, 'the weights requested');
      // weights.bin is 27,240 bytes: 26.6 kB, shown whole above 10 kB.
      await until(() => shown(el) === 'Loading the model: 0% of 27 kB', `the line at 0%: "${shown(el)}"`);
      net.send(0.5);
      await until(() => shown(el) === 'Loading the model: 50% of 27 kB', `the line at 50%: "${shown(el)}"`);
      const bar = line(el)!.querySelector('progress')!;
      expect(bar.value).to.equal(50);
      expect(bar.getAttribute('aria-label')).to.equal('Loading the model');
      expect(el.state).to.equal('loading');
      net.send(1);
      await el.ready;
      expect(line(el)).to.equal(null);
      el.remove();
      await expectTensorsBackTo(baseline);
    });
  }

  it('takes the line away when the download fails, and says why', async () => {
    const el = await fixture<CnnElement>(
      html`<pretrained-classifier model-url="/tests/fixtures/models/digits-tiny/model.json"></pretrained-classifier>`,
    );
    await until(() => net.held.length > 0, 'the weights requested');
    net.send(0.5);
    await until(() => shown(el).includes('50%'), 'the line at 50%');
    net.cut();
    await el.ready.catch(() => {});
    await until(() => el.state === 'error', 'the error');
    expect(line(el)).to.equal(null);
    expect(el.shadowRoot!.querySelector('[part="error"]')!.textContent).to.match(/cut short/);
  });

  it('shows a transfer base’s download in the trainer', async () => {
    const el = await fixture<CnnElement>(
      html`<cnn-trainer backend="cpu" dataset="custom" classes='["a","b"]' base-url="/tests/fixtures/models/digits-tiny/model.json"></cnn-trainer>`,
    );
    await until(() => net.held.length > 0, 'the base’s weights requested');
    await until(() => shown(el).startsWith('Loading the base model:'), `the line: "${shown(el)}"`);
    net.send(1);
    await until(() => line(el) === null, 'the line gone once the base is loaded');
    await el.ready;
  });
});
