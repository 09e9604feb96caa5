import { expect, fixture } from '@open-wc/testing';
import '../../../src/index.js';
import { fetchChecked } from '../../../src/core/runtime/fetch-checked.js';
import { loadBase } from '../../../src/core/training/transfer.tf.js';
import { ensureBackend } from '../../../src/core/runtime/backend.tf.js';
import type { PretrainedClassifier } from '../../../src/elements/pretrained-classifier/pretrained-classifier.js';
import type { CnnTrainer } from '../../../src/elements/cnn-trainer/cnn-trainer.js';
import { until } from '../../helpers.js';

// A reader who lost the connection: the browser says so (navigator.onLine), and the messages
// say it too instead of blaming the site; an element that could not load then loads again
// when the connection is back (the `online` event). The flag is set here on this page only;
// the real offline browser is `npm run test:hosting`'s "connection lost" scenario.
// Port 9 (discard) refuses the connection: a real failed request.
const UNREACHABLE = 'http://127.0.0.1:9/model.json';

function offline(is: boolean): void {
  if (is) Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
  else delete (navigator as { onLine?: boolean }).onLine;
}

describe('core/connection: offline readers', () => {
  afterEach(() => offline(false));

  it('fetchChecked says the device is offline, and blames the address only when online', async () => {
    offline(true);
    const said = await fetchChecked(UNREACHABLE, 'the model').catch((e: Error) => e.message);
    expect(said).to.equal(`Could not load the model from ${UNREACHABLE}: this device is offline.`);
    offline(false);
    const online = await fetchChecked(UNREACHABLE, 'the model').catch((e: Error) => e.message);
    expect(online).to.contain('the address is unreachable');
  });

  it("a transfer-learning base, fetched by tfjs's own loader, says the device is offline too", async () => {
    await ensureBackend();
    offline(true);
    const said = await loadBase(UNREACHABLE).catch((e: Error) => e.message);
    expect(said).to.equal(`The base model at ${UNREACHABLE} could not be loaded: this device is offline.`);
    offline(false);
    const online = await loadBase(UNREACHABLE).catch((e: Error) => e.message);
    expect(online).to.not.contain('offline');
  });

  it('an element that failed to load offline says so, and tries again when the connection is back', async () => {
    offline(true);
    const el = await fixture<PretrainedClassifier>(
      `<pretrained-classifier model-url=${UNREACHABLE}></pretrained-classifier>`,
    );
    await el.ready.catch(() => {});
    const shown = () => el.shadowRoot!.querySelector('[part="error"]')?.textContent ?? '';
    expect(el.state).to.equal('error');
    expect(shown()).to.contain('this device is offline');
    expect(shown()).to.contain('loads by itself once the connection is back');
    // Back online (the address still refuses): it loads again, and now blames the address.
    offline(false);
    window.dispatchEvent(new Event('online'));
    await until(() => shown().includes('the address is unreachable'), 'a second load, online');
    expect(el.state).to.equal('error');
    // A second `online` does not load it again: only a load that failed offline waits for one.
    const errors: string[] = [];
    el.addEventListener('cnn-error', (e) => errors.push((e as CustomEvent).detail.message));
    window.dispatchEvent(new Event('online'));
    await new Promise((r) => setTimeout(r, 300));
    expect(errors).to.deep.equal([]);
  });

  it('a trainer whose base failed to load offline loads it again when the connection is back', async () => {
    const el = await fixture<CnnTrainer>(
      `<cnn-trainer backend="cpu" dataset="custom" classes='["a","b"]'></cnn-trainer>`,
    );
    await el.ready;
    const shown = () => el.shadowRoot!.querySelector('[part="error"]')?.textContent ?? '';
    offline(true);
    el.setAttribute('base-url', UNREACHABLE);
    await until(() => shown().includes('this device is offline'), 'the offline message');
    expect(shown()).to.contain('loads by itself once the connection is back');
    expect(el.state).to.equal('ready');
    offline(false);
    window.dispatchEvent(new Event('online'));
    await until(
      () => shown().includes('could not be loaded') && !shown().includes('offline'),
      'a second load, online',
    );
  });
});
