/**
 * The anywidget module (src/anywidget/): the elements a widget's model names, their attributes
 * in the spellings a page, a MyST page's JSON and a Python class use, changes a notebook makes,
 * the library loaded by the module itself, clear messages, and nothing left once the host removes it.
 * The model is written here from the anywidget interface (get, set, on, off), as Jupyter's is.
 */
import { expect } from '@open-wc/testing';
import { libraryUrl, specsOf } from '../../src/anywidget/widget.js';
import { LIBRARY, Model, render } from './model.js';
import * as tf from '@tensorflow/tfjs-core';
import { expectTensorsBackTo, idle, until } from '../helpers.js';

const LAPLACIAN = [
  [0, 1, 0],
  [1, -4, 1],
  [0, 1, 0],
];

describe('anywidget module', () => {
  it('says where the library could not be loaded from (before any test loads it)', async () => {
    expect(customElements.get('cnn-trainer'), 'a library loaded before this test').to.equal(undefined);
    const missing = new URL('/no-such-dir/cnn-elements.js', location.href).href;
    const { el, cleanup } = await render({ element: 'cnn-trainer', library: missing });
    expect(el.querySelector('cnn-trainer'), 'an element without its library').to.equal(null);
    expect(el.querySelector('[role="alert"]')?.textContent)
      .to.contain(`the library could not be loaded from ${missing}`)
      .and.contain('Set "library"');
    cleanup();
    el.remove();
  });

  it('offline, says so and loads the library by itself once the connection is back', async () => {
    const missing = new URL('/no-such-dir/cnn-elements.js', location.href).href;
    // The browser's flag, on this page only (as tests/core/runtime/connection.test.ts does).
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    try {
      const { el, model, cleanup } = await render({ element: 'pooling-stepper', library: missing });
      expect(el.querySelector('[role="alert"]')?.textContent)
        .to.contain('this device is offline')
        .and.contain('It loads by itself once the connection is back.');
      // Back online, from where the library really is.
      model.set('library', LIBRARY);
      delete (navigator as { onLine?: boolean }).onLine;
      window.dispatchEvent(new Event('online'));
      await until(() => !!el.querySelector('pooling-stepper'), 'the element once online', 20000);
      await idle(el.querySelector('pooling-stepper') as HTMLElement);
      expect(el.querySelector('[role="alert"]')).to.equal(null);
      cleanup();
      el.remove();
    } finally {
      delete (navigator as { onLine?: boolean }).onLine;
    }
  });

  it('says what is wrong with the model', async () => {
    const { el, cleanup } = await render({ element: 'conv-playground', library: LIBRARY });
    expect(el.querySelector('[role="alert"]')?.textContent).to.match(
      /^cnn-elements: "conv-playground" is not an element of cnn-elements: set "element" to one of/,
    );
    cleanup();
    el.remove();
  });

  it('loads the library from "library", else beside itself under its own name, else from the CDN', () => {
    const cdn = 'https://unpkg.com/cnn-elements@9.9.9/dist/cnn-elements.js';
    expect(libraryUrl('https://host.test/lib/dist/anywidget.js', undefined, cdn)).to.equal(
      'https://host.test/lib/dist/cnn-elements.js',
    );
    // MyST's copy: a hashed name in the site's root. A notebook's inline module: a blob: URL.
    expect(libraryUrl('https://course.test/1f3e9a.mjs', undefined, cdn)).to.equal(cdn);
    expect(libraryUrl('blob:https://lab.test/5c1d', '', cdn)).to.equal(cdn);
    expect(libraryUrl('https://course.test/1f3e9a.mjs', '/vendor/cnn-elements.js', cdn)).to.equal(
      new URL('/vendor/cnn-elements.js', location.href).href,
    );
  });

  it('reads one element or a list, and says which names are not elements', () => {
    expect(specsOf(new Model({ element: 'pooling-stepper', rows: 6 }))).to.deep.equal([
      { tag: 'pooling-stepper', attributes: {} },
    ]);
    expect(
      specsOf(
        new Model({
          elements: [
            { element: 'cnn-trainer', id: 't' },
            { element: 'Filter-Grid', for: 't' },
          ],
        }),
      ),
    ).to.deep.equal([
      { tag: 'cnn-trainer', attributes: { id: 't' } },
      { tag: 'filter-grid', attributes: { for: 't' } },
    ]);
    expect(specsOf(new Model({ element: 'conv-playground' }))).to.match(
      /"conv-playground" is not an element of cnn-elements: set "element" to one of conv-filter-playground, /,
    );
    expect(specsOf(new Model({}))).to.match(/^No "element" is given/);
    expect(specsOf(new Model({ elements: 'cnn-trainer' }))).to.match(/"elements" must be a list/);
  });

  it('shows an element with its attributes in any spelling, follows the model, and leaves nothing behind', async () => {
    // Before the library's first backend: the engine's own count (tf.memory() needs a backend).
    const baseline = tf.engine().state.numTensors;
    // Every convolution's output shape: the element starts from the model's settings, not from its defaults first.
    const shapes: string[] = [];
    const host = document.createElement('div');
    host.addEventListener('output', (e) =>
      shapes.push((e as CustomEvent<{ shape: number[] }>).detail.shape.join('×')),
    );
    const { el, model, cleanup } = await render(
      {
        element: 'conv-filter-playground',
        library: LIBRARY,
        kernel: 'sharpen', // a string: the attribute, as in the tag
        stride: 2, // a number: the property
        normalize: false, // a boolean: the property (the attribute "false" would read as on)
        max_size: 64, // Python's spelling of max-size
        'aria-label': 'Sharpening the cat',
      },
      undefined,
      host,
    );
    const playground = el.querySelector('conv-filter-playground') as unknown as HTMLElement &
      Record<string, unknown>;
    expect(playground, 'the element').to.exist;
    await idle(playground);
    expect(playground.getAttribute('kernel')).to.equal('sharpen');
    expect(playground.stride).to.equal(2);
    expect(playground.normalize).to.equal(false);
    expect(playground.maxSize).to.equal(64);
    expect(playground.getAttribute('aria-label')).to.equal('Sharpening the cat');
    expect(shapes.length, 'convolutions').to.be.greaterThan(0);
    expect(new Set(shapes).size, `output shapes ${shapes.join(', ')}`).to.equal(1);
    expect(Math.max(...shapes[0].split('×').slice(0, 2).map(Number))).to.be.at.most(32);
    // A notebook changes a key: the element follows.
    model.set('kernel', 'edge');
    model.set('stride', 1);
    expect(playground.getAttribute('kernel')).to.equal('edge');
    expect(playground.stride).to.equal(1);
    await idle(playground);
    expect(model.listeners).to.be.greaterThan(0);
    cleanup();
    expect(playground.isConnected).to.equal(false);
    expect(model.listeners, 'listeners left on the model').to.equal(0);
    await expectTensorsBackTo(baseline);
    el.remove();
  });

  it('shows a list of elements in one root, and a new list in their place', async () => {
    const { el, model, cleanup } = await render({
      elements: [
        { element: 'conv-filter-playground', id: 'seen', kernel: LAPLACIAN }, // a list: the property
        { element: 'pooling-stepper', rows: 4, autoplay: false }, // the attribute "false" would be on
      ],
      // Defined by the previous test: a page that loaded the library needs no second copy.
      library: '/no-such-dir/cnn-elements.js',
    });
    const tags = [...el.querySelectorAll('conv-filter-playground, pooling-stepper')].map((e) => e.localName);
    expect(tags).to.deep.equal(['conv-filter-playground', 'pooling-stepper']);
    for (const e of el.querySelectorAll<HTMLElement>('conv-filter-playground, pooling-stepper'))
      await idle(e);
    const stepper = el.querySelector('pooling-stepper') as HTMLElement & { rows: number; autoplay: boolean };
    expect(stepper.rows).to.equal(4);
    expect(stepper.autoplay).to.equal(false);
    expect(
      (el.querySelector('conv-filter-playground') as unknown as { kernel: number[][] }).kernel,
    ).to.deep.equal(LAPLACIAN);
    // A new list replaces the elements.
    model.set('elements', [{ element: 'pooling-stepper', rows: 8 }]);
    await until(() => !el.querySelector('conv-filter-playground'), 'the new list to be shown');
    expect((el.querySelector('pooling-stepper') as HTMLElement & { rows: number }).rows).to.equal(8);
    cleanup();
    expect(el.children.length).to.equal(0);
    el.remove();
  });
});
