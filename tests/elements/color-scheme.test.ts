/**
 * Light or dark: every element follows the colour scheme of the page around it (CSS
 * `color-scheme`, as the browser's own controls do), not the reader's system setting on
 * its own. A light-only course page keeps light elements for a reader whose system is
 * dark; a site's dark mode that sets `color-scheme: dark` (VitePress's and Docusaurus's
 * toggles do; scripts/test-sites.mjs clicks them) turns them dark; a page that declares
 * `light dark` follows the reader. The author's tokens win over both.
 */
import { expect } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../../src/index.js';
import type { CnnElement } from '../../src/elements/cnn-element.js';
import { TAGS } from '../../scripts/tags.mjs';

const LIGHT = { bg: 'rgb(255, 255, 255)', fg: 'rgb(31, 41, 55)' };
const DARK = { bg: 'rgb(17, 24, 39)', fg: 'rgb(229, 231, 235)' };

/** Each element's background and text colour, and the colour scheme its first button is drawn in. */
function schemes(root: ParentNode): Array<{ tag: string; bg: string; fg: string; controls: string }> {
  return TAGS.map((tag) => {
    const el = root.querySelector(tag)!;
    const style = getComputedStyle(el);
    const button = el.shadowRoot!.querySelector('button');
    return {
      tag,
      bg: style.backgroundColor,
      fg: style.color,
      controls: button ? getComputedStyle(button).colorScheme : 'no button',
    };
  });
}

function expectAll(
  root: ParentNode,
  colours: { bg: string; fg: string },
  controls: string,
  what: string,
): void {
  for (const seen of schemes(root)) {
    expect({ bg: seen.bg, fg: seen.fg }, `<${seen.tag}> ${what}`).to.deep.equal(colours);
    if (seen.controls !== 'no button')
      expect(seen.controls, `<${seen.tag}>'s controls ${what}`).to.equal(controls);
  }
}

describe('colour scheme', () => {
  let page: HTMLElement;

  // Made once for every case (a fixture would be removed after the first).
  before(async () => {
    page = document.createElement('div');
    const style = document.createElement('style');
    style.textContent = 'html.site-dark { color-scheme: dark; }';
    page.append(style, ...TAGS.map((tag) => document.createElement(tag)));
    document.body.append(page);
    await Promise.all(TAGS.map((tag) => page.querySelector<CnnElement>(tag)!.ready));
  });

  after(() => page.remove());

  afterEach(async () => {
    document.documentElement.style.colorScheme = '';
    document.documentElement.classList.remove('site-dark');
    page.style.cssText = '';
    await emulateMedia({ colorScheme: 'light' });
  });

  it('stays light on a page that declares no colour scheme, whatever the reader’s system says', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    expect(matchMedia('(prefers-color-scheme: dark)').matches).to.equal(true);
    expectAll(page, LIGHT, 'normal', 'on a light-only page');
  });

  it('follows the reader on a page that declares "light dark"', async () => {
    document.documentElement.style.colorScheme = 'light dark';
    await emulateMedia({ colorScheme: 'dark' });
    expectAll(page, DARK, 'light dark', 'with a dark system');
    await emulateMedia({ colorScheme: 'light' });
    expectAll(page, LIGHT, 'light dark', 'with a light system');
  });

  it('turns dark with a site’s own dark mode (a class that sets color-scheme), on a light system', async () => {
    document.documentElement.classList.add('site-dark');
    expectAll(page, DARK, 'dark', 'in the site’s dark mode');
    document.documentElement.classList.remove('site-dark');
    expectAll(page, LIGHT, 'normal', 'back in the site’s light mode');
  });

  it('follows the nearest scheme: a dark section of a light page, a light element in a dark one', () => {
    page.style.colorScheme = 'dark';
    expectAll(page, DARK, 'dark', 'in a dark section');
    const one = page.querySelector<HTMLElement>('pooling-stepper')!;
    one.style.colorScheme = 'light';
    try {
      expect(getComputedStyle(one).backgroundColor).to.equal(LIGHT.bg);
      expect(getComputedStyle(page.querySelector('filter-grid')!).backgroundColor).to.equal(DARK.bg);
    } finally {
      one.style.colorScheme = '';
    }
  });

  it('lets the author’s tokens win in either scheme', () => {
    page.style.setProperty('--cnn-bg', 'rgb(1, 2, 3)');
    page.style.setProperty('--cnn-fg', 'rgb(250, 240, 230)');
    const mine = { bg: 'rgb(1, 2, 3)', fg: 'rgb(250, 240, 230)' };
    expectAll(page, mine, 'normal', 'with the author’s tokens, light');
    page.style.colorScheme = 'dark';
    expectAll(page, mine, 'dark', 'with the author’s tokens, dark');
  });
});
