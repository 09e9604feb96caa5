/**
 * Forced colours (Windows' contrast themes, and any browser's forced palette): the browser
 * repaints text, borders and backgrounds in the reader's palette and drops every
 * box-shadow. Each element, in Chromium's emulated forced palette: every control a Tab
 * reaches shows a focus outline, the probability bars still show their values, the
 * primary button keeps a readable label, and the stepper's chosen value keeps its mark.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import type { CnnElement } from '../../src/elements/cnn-element.js';
import { TAGS } from '../../scripts/tags.mjs';
import { idle, until } from '../helpers.js';

/** What a system colour resolves to in the palette now in force. */
function systemColor(name: string): string {
  const probe = document.createElement('div');
  probe.style.cssText = `forced-color-adjust: none; color: ${name}`;
  document.body.append(probe);
  const color = getComputedStyle(probe).color;
  probe.remove();
  return color;
}

/** The focused element, through shadow roots (a draw pad inside an element included). */
function deepFocus(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** What shows the focus: a hidden file input's visible button, else the focused element itself. */
function focusShownBy(focused: Element): Element {
  if (focused instanceof HTMLInputElement && focused.type === 'file') {
    const label = focused.closest('label');
    return label?.querySelector('.file-button') ?? label ?? focused;
  }
  return focused;
}

/** Tabs through the element from a button before it; each control reached, with its outline. */
async function tabThrough(el: HTMLElement): Promise<Array<{ what: string; outline: string }>> {
  const before = el.previousElementSibling as HTMLButtonElement;
  before.focus();
  const reached: Array<{ what: string; outline: string }> = [];
  for (let i = 0; i < 120; i++) {
    await sendKeys({ press: 'Tab' });
    if (document.activeElement !== el) break;
    const focused = deepFocus()!;
    const shown = getComputedStyle(focusShownBy(focused));
    reached.push({
      what: `${focused.tagName.toLowerCase()}.${focused.className} ${focused.getAttribute('aria-label') ?? focused.textContent?.trim().slice(0, 30) ?? ''}`,
      outline: `${shown.outlineStyle} ${parseFloat(shown.outlineWidth)}`,
    });
  }
  return reached;
}

describe('forced colours', () => {
  before(() => emulateMedia({ forcedColors: 'active' }));
  after(() => emulateMedia({ forcedColors: 'none' }));

  for (const tag of TAGS) {
    it(`<${tag}>: every control a Tab reaches shows a focus outline`, async () => {
      const wrap = await fixture<HTMLElement>(
        html`<div><button>before</button>${document.createElement(tag)}</div>`,
      );
      const el = wrap.querySelector<CnnElement>(tag)!;
      await el.ready;
      await idle(el);
      expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
      const reached = await tabThrough(el);
      expect(reached.length, 'controls reached by Tab').to.be.greaterThan(2);
      // Forced colours drop the usual ring (a box-shadow): an outline of at least 2 px shows focus instead.
      const unseen = reached.filter(
        ({ outline }) => outline.startsWith('none') || parseFloat(outline.split(' ')[1]) < 2,
      );
      expect(unseen, 'controls whose focus does not show').to.deep.equal([]);
    });
  }

  it('the trainer: the probability bars keep their lengths in the palette, the most likely in its highlight, and Train stays readable', async () => {
    const trainer = await fixture<CnnElement>(html`<cnn-trainer></cnn-trainer>`);
    await trainer.ready;
    const root = trainer.shadowRoot!;
    await until(() => root.querySelector('.best .bar span') !== null, 'the first look’s bars', 30000);
    const best = getComputedStyle(root.querySelector('.best .bar span')!);
    const track = getComputedStyle(root.querySelector('.bar')!);
    expect(best.backgroundColor).to.equal(systemColor('Highlight'));
    expect(track.backgroundColor, 'a track that differs from its bar').to.not.equal(best.backgroundColor);
    expect(track.backgroundColor, 'a visible track').to.not.equal('rgba(0, 0, 0, 0)');
    const train = getComputedStyle(root.querySelector('button.primary')!);
    expect(train.backgroundColor).to.equal(systemColor('Highlight'));
    expect(train.color).to.equal(systemColor('HighlightText'));
    // The curves' legend keys keep three distinct colours, as the curves do.
    const keys = [...root.querySelectorAll('.key')].map((k) => getComputedStyle(k));
    const colours = keys.map((k) => (k.backgroundImage === 'none' ? k.backgroundColor : k.backgroundImage));
    expect(new Set(colours).size, colours.join(' | ')).to.equal(3);
  });

  it('the classifier and the network view: the probability bars stay drawn', async () => {
    const wrap = await fixture<HTMLElement>(
      html`<div>
        <pretrained-classifier></pretrained-classifier>
        <filter-grid view="network"></filter-grid>
      </div>`,
    );
    const classifier = wrap.querySelector<CnnElement>('pretrained-classifier')!;
    const grid = wrap.querySelector<CnnElement>('filter-grid')!;
    await Promise.all([classifier.ready, grid.ready]);
    const highlight = systemColor('Highlight');
    await until(
      () => classifier.shadowRoot!.querySelector('.bar span') !== null,
      'the classifier’s bars',
      30000,
    );
    expect(getComputedStyle(classifier.shadowRoot!.querySelector('.bar span')!).backgroundColor).to.equal(
      highlight,
    );
    await until(
      () => grid.shadowRoot!.querySelector('.probabilities .bar') !== null,
      'the output column',
      30000,
    );
    const bar = getComputedStyle(grid.shadowRoot!.querySelector('.probabilities .bar')!);
    expect(bar.forcedColorAdjust).to.equal('none');
    expect(bar.backgroundImage).to.contain(highlight);
  });

  it('the pooling stepper: the window’s chosen value keeps a mark of its own', async () => {
    const stepper = await fixture<CnnElement>(html`<pooling-stepper></pooling-stepper>`);
    await stepper.ready;
    await idle(stepper);
    const chosen = stepper.shadowRoot!.querySelector('.cell.chosen');
    expect(chosen, 'a chosen cell at the first step').to.exist;
    const style = getComputedStyle(chosen!);
    expect(style.borderTopStyle).to.equal('solid');
    expect(parseFloat(style.borderTopWidth)).to.be.at.least(2);
  });
});
