/**
 * The first-load boundary, tried in a browser that refuses every TensorFlow.js file (this
 * group's launcher aborts requests for `@tensorflow/*`, web-test-runner.config.mjs): each
 * element still draws its frame and controls, since tfjs only arrives with the compute module,
 * and says clearly that it cannot compute, without ever being `ready`. If an element imported
 * tfjs statically, this file could not even load.
 */
import { expect } from '@open-wc/testing';
import '../../src/elements/conv-filter-playground/define.js';
import '../../src/elements/pooling-stepper/define.js';
import '../../src/elements/cnn-trainer/define.js';
import '../../src/elements/pretrained-classifier/define.js';
import '../../src/elements/filter-grid/define.js';
import type { CnnErrorDetail } from '../../src/elements/events.js';
import { until } from '../until.js';
import { TAGS } from '../../scripts/tags.mjs';

describe('every element with TensorFlow.js blocked', () => {
  let crashes: string[];
  const onCrash = (e: ErrorEvent | PromiseRejectionEvent) =>
    crashes.push(String('reason' in e ? e.reason : e.message));
  beforeEach(() => {
    crashes = [];
    addEventListener('error', onCrash);
    addEventListener('unhandledrejection', onCrash);
  });
  afterEach(() => {
    removeEventListener('error', onCrash);
    removeEventListener('unhandledrejection', onCrash);
  });

  for (const tag of TAGS) {
    it(`<${tag}> draws its frame and controls and says it cannot compute`, async () => {
      const el = document.createElement(tag) as HTMLElement & { ready: Promise<void> };
      const errors: CnnErrorDetail[] = [];
      el.addEventListener('cnn-error', (e) => errors.push((e as CustomEvent<CnnErrorDetail>).detail));
      let readyFailed = false;
      el.ready.catch(() => (readyFailed = true));
      document.body.append(el);
      try {
        await until(() => el.getAttribute('state') === 'error', `<${tag}> to report the failure`, 30000);
        const root = el.shadowRoot!;
        const controls = root.querySelector('[part~="controls"]');
        expect(controls, 'its controls').to.exist;
        expect(controls!.querySelectorAll('button, input, select').length).to.be.greaterThan(0);
        const alert = root.querySelector('[part~="error"][role="alert"]');
        expect(alert?.textContent).to.match(/TensorFlow\.js could not be loaded/);
        expect(errors.some((d) => /TensorFlow\.js could not be loaded/.test(d.message))).to.equal(true);
        await until(() => readyFailed, 'ready to reject');
        expect(el.getAttribute('state')).to.not.equal('ready');
        expect(crashes).to.deep.equal([]);
      } finally {
        el.remove();
      }
    });
  }
});
