import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import * as tf from '@tensorflow/tfjs-core';
import { html as litHtml } from 'lit';
import { CnnElement } from '../../src/elements/cnn-element.js';
import type { CnnErrorDetail } from '../../src/elements/events.js';

/** A minimal element on the shared base: loads one tensor, can be told to fail. */
class TestCnnElement extends CnnElement {
  static failWith = '';
  loads = 0;
  releases = 0;
  weights?: tf.Tensor;

  protected override async load(): Promise<void> {
    this.loads++;
    await new Promise((r) => setTimeout(r, 5));
    if (TestCnnElement.failWith) throw new Error(TestCnnElement.failWith);
    this.weights = tf.ones([4, 4]);
  }

  protected override release(): void {
    this.releases++;
    this.weights?.dispose();
    this.weights = undefined;
  }

  protected override renderContent(): unknown {
    return litHtml`<p>test content</p>`;
  }

  /** Runs work through the base's busy tracking. */
  run<T>(work: () => Promise<T>): Promise<T | undefined> {
    return this.compute(work, 'Test work failed');
  }

  /** Reports a non-fatal input problem. */
  complain(message: string): void {
    this.fail(message);
  }
}
customElements.define('test-cnn-element', TestCnnElement);

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('CnnElement (shared base)', () => {
  afterEach(() => {
    TestCnnElement.failWith = '';
  });

  it('goes loading → ready, reflects the backend in use and resolves `ready`', async () => {
    const el = await fixture<TestCnnElement>(html`<test-cnn-element></test-cnn-element>`);
    expect(el.getAttribute('state')).to.equal('loading');
    await el.ready;
    await el.updateComplete;
    expect(el.getAttribute('state')).to.equal('ready');
    expect(el.getAttribute('backend')).to.equal(tf.getBackend());
    const badge = el.shadowRoot!.querySelector('[part="backend"]')!;
    expect(badge.textContent).to.contain(tf.getBackend());
  });

  it('with loading="lazy" starts only near the viewport, or when made eager', async () => {
    const page = await fixture<HTMLDivElement>(html`<div>
      <div style="height: 5000px"></div>
      <test-cnn-element loading="lazy" id="scrolled"></test-cnn-element>
      <div style="height: 5000px"></div>
      <test-cnn-element loading="lazy" id="made-eager"></test-cnn-element>
    </div>`);
    const scrolled = page.querySelector<TestCnnElement>('#scrolled')!;
    const madeEager = page.querySelector<TestCnnElement>('#made-eager')!;
    await new Promise((r) => setTimeout(r, 300));
    expect([scrolled.loads, madeEager.loads, scrolled.getAttribute('state')]).to.deep.equal([
      0,
      0,
      'loading',
    ]);
    // Far from the viewport, only the empty frame: no controls, no status line yet.
    const frame = (el: TestCnnElement) => el.shadowRoot!.querySelector('[part=frame]')!;
    expect([frame(scrolled).childElementCount, frame(madeEager).childElementCount]).to.deep.equal([0, 0]);
    scrolled.scrollIntoView();
    await scrolled.ready;
    expect([scrolled.loads, madeEager.loads]).to.deep.equal([1, 0]);
    expect(frame(scrolled).querySelector('[part=status]'), 'the whole element once near').to.exist;
    expect(frame(madeEager).childElementCount).to.equal(0);
    madeEager.removeAttribute('loading');
    await madeEager.ready;
    expect(madeEager.loads).to.equal(1);
    window.scrollTo(0, 0);
  });

  it('is busy while computing and ready afterwards', async () => {
    const el = await fixture<TestCnnElement>(html`<test-cnn-element></test-cnn-element>`);
    await el.ready;
    let release!: () => void;
    const work = el.run(() => new Promise<number>((r) => (release = () => r(42))));
    await el.updateComplete;
    expect(el.getAttribute('state')).to.equal('busy');
    release();
    expect(await work).to.equal(42);
    await el.updateComplete;
    expect(el.getAttribute('state')).to.equal('ready');
  });

  it('reports a load error: state="error", `ready` rejects, `cnn-error` bubbles out, message shown', async () => {
    TestCnnElement.failWith = 'weights.bin returned 404';
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const el = document.createElement('test-cnn-element') as TestCnnElement;
    const heard = oneEvent(host, 'cnn-error') as Promise<CustomEvent<CnnErrorDetail>>;
    host.append(el);
    const event = await heard;
    expect(event.composed).to.equal(true);
    expect(event.detail.message).to.contain('404');
    expect(event.detail.cause).to.be.instanceOf(Error);
    let rejected: unknown;
    await el.ready.catch((e) => (rejected = e));
    expect(rejected).to.be.instanceOf(Error);
    await el.updateComplete;
    expect(el.getAttribute('state')).to.equal('error');
    const box = el.shadowRoot!.querySelector('[part="error"]')!;
    expect(box.getAttribute('role')).to.equal('alert');
    expect(box.textContent).to.contain('404');
  });

  it('keeps its state on a non-fatal problem and still fires `cnn-error`', async () => {
    const el = await fixture<TestCnnElement>(html`<test-cnn-element></test-cnn-element>`);
    await el.ready;
    setTimeout(() => el.complain('The kernel must be square.'));
    const event = (await oneEvent(el, 'cnn-error')) as CustomEvent<CnnErrorDetail>;
    expect(event.detail).to.deep.equal({ message: 'The kernel must be square.' });
    await el.updateComplete;
    expect(el.getAttribute('state')).to.equal('ready');
    expect(el.shadowRoot!.querySelector('[part="error"]')!.textContent).to.contain('square');
  });

  it('reports a failed computation without throwing and stays ready', async () => {
    const el = await fixture<TestCnnElement>(html`<test-cnn-element></test-cnn-element>`);
    await el.ready;
    const heard = oneEvent(el, 'cnn-error') as Promise<CustomEvent<CnnErrorDetail>>;
    const result = await el.run(async () => {
      throw new Error('shapes do not match');
    });
    expect(result).to.equal(undefined);
    expect((await heard).detail.message).to.equal('Test work failed: shapes do not match');
    await el.updateComplete;
    expect(el.getAttribute('state')).to.equal('ready');
  });

  it('keeps what it loaded when moved in the DOM', async () => {
    const a = await fixture<HTMLDivElement>(html`<div><test-cnn-element></test-cnn-element></div>`);
    const b = document.createElement('div');
    a.after(b);
    const el = a.querySelector('test-cnn-element') as TestCnnElement;
    await el.ready;
    b.append(el);
    await tick();
    expect(el.loads).to.equal(1);
    expect(el.releases).to.equal(0);
    expect(el.getAttribute('state')).to.equal('ready');
    b.remove();
  });

  it('releases its tensors when removed and loads again when re-added', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    await (await import('../../src/core/runtime/backend.tf.js')).ensureBackend();
    const baseline = tf.memory().numTensors;
    const el = document.createElement('test-cnn-element') as TestCnnElement;
    host.append(el);
    await el.ready;
    expect(tf.memory().numTensors).to.equal(baseline + 1);
    el.remove();
    await tick();
    expect(el.releases).to.equal(1);
    expect(tf.memory().numTensors).to.equal(baseline);
    host.append(el);
    await el.ready;
    await el.updateComplete;
    expect(el.loads).to.equal(2);
    expect(el.getAttribute('state')).to.equal('ready');
    el.remove();
    await tick();
    expect(tf.memory().numTensors).to.equal(baseline);
  });

  it('rejects `ready` when removed before it finished loading', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const el = document.createElement('test-cnn-element') as TestCnnElement;
    host.append(el);
    const ready = el.ready;
    el.remove();
    let error: unknown;
    await ready.catch((e) => (error = e));
    expect(String(error)).to.contain('removed before it was ready');
  });

  it('is accessible', async () => {
    const el = await fixture<TestCnnElement>(html`<test-cnn-element></test-cnn-element>`);
    await el.ready;
    await expect(el).to.be.accessible();
  });
});

/** The base with one setting, for the shared hostile-input mechanisms. */
class SettingCnnElement extends TestCnnElement {
  static override properties = { level: { type: Number }, flavour: { reflect: true } };
  level = 3;
  flavour = 'plain';
  /** Reports a problem about one input, as an image that failed to load. */
  complainAbout(about: string, message: string): void {
    this.fail(message, undefined, { about });
  }
  clear(about?: string): void {
    this.clearError(about);
  }
  choose(value: string): void {
    this.checkChoice('flavour', value, ['plain', 'salty']);
  }
}
customElements.define('setting-cnn-element', SettingCnnElement);

describe('CnnElement: hostile input (issue 20)', () => {
  const shown = (el: HTMLElement) => el.shadowRoot!.querySelector('[part="error"]')?.textContent ?? '';

  it('is not stuck busy when removed mid-work and added back', async () => {
    const host = await fixture<HTMLDivElement>(html`<div><test-cnn-element></test-cnn-element></div>`);
    const el = host.firstElementChild as TestCnnElement;
    await el.ready;
    let finish!: () => void;
    const pending = el.run(() => new Promise<void>((r) => (finish = r)));
    expect(el.state).to.equal('busy');
    el.remove();
    await tick();
    host.append(el);
    await el.ready;
    finish();
    await pending;
    // Three later computations: each must end back at `ready`.
    for (let i = 0; i < 3; i++) {
      await el.run(async () => {});
      expect(el.state).to.equal('ready');
    }
  });

  it('restores the default when an attribute is removed, and writes `state` back', async () => {
    const el = await fixture<SettingCnnElement>(
      html`<setting-cnn-element level="7" flavour="salty"></setting-cnn-element>`,
    );
    await el.ready;
    expect(el.level).to.equal(7);
    el.removeAttribute('level');
    el.removeAttribute('flavour');
    el.removeAttribute('state');
    await el.updateComplete;
    expect(el.level).to.equal(3);
    expect(el.flavour).to.equal('plain');
    expect(el.getAttribute('state')).to.equal('ready');
  });

  it('keeps a message about an input until that input is fixed', async () => {
    const el = await fixture<SettingCnnElement>(html`<setting-cnn-element></setting-cnn-element>`);
    await el.ready;
    el.complainAbout('image', 'The image is not an image.');
    el.clear();
    await el.updateComplete;
    expect(shown(el)).to.contain('not an image');
    el.clear('image');
    await el.updateComplete;
    expect(shown(el)).to.equal('');
  });

  it('refuses an unknown choice with the valid ones, until it is fixed', async () => {
    const el = await fixture<SettingCnnElement>(html`<setting-cnn-element></setting-cnn-element>`);
    await el.ready;
    const heard = oneEvent(el, 'cnn-error') as Promise<CustomEvent<CnnErrorDetail>>;
    el.choose('sweet');
    expect((await heard).detail.message).to.equal('flavour "sweet" is unknown: use plain, salty.');
    el.clear();
    await el.updateComplete;
    expect(shown(el)).to.contain('flavour "sweet"');
    el.choose('salty');
    await el.updateComplete;
    expect(shown(el)).to.equal('');
  });

  it('explains a backend changed after the page chose one, and keeps the real one', async () => {
    const el = await fixture<SettingCnnElement>(html`<setting-cnn-element></setting-cnn-element>`);
    await el.ready;
    const real = el.backend;
    const heard = oneEvent(el, 'cnn-error') as Promise<CustomEvent<CnnErrorDetail>>;
    el.backend = real === 'cpu' ? 'webgl' : 'cpu';
    expect((await heard).detail.message).to.contain('cannot apply now');
    await el.updateComplete;
    expect(el.getAttribute('backend')).to.equal(real);
  });
});
