/**
 * Pages with keys of their own: a reveal.js slide deck (lecture slides, and Quarto's) turns the
 * slide on the arrows and Space, blacks the screen on `.` and opens its overview on Escape,
 * from a listener on the document. The elements' keys (the stepper's and the network view's
 * arrows, Space on a button, a number typed into a kernel cell) must stay with them, while
 * the deck keeps every key that is not theirs. The deck is the real reveal.js.
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import Reveal from 'reveal.js';
import '../../src/index.js';
import type { CnnElement } from '../../src/elements/cnn-element.js';
import type { PoolingStepper } from '../../src/elements/pooling-stepper/pooling-stepper.js';
import { idle, networkItems, until } from '../helpers.js';

let deck: HTMLElement;
/** Keys that reached the page's own listener on the document, after the deck's. */
const reachedPage: string[] = [];
document.addEventListener('keydown', (e) => reachedPage.push(e.key));

const shadow = (el: Element, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector)!;

async function slideWith<E extends CnnElement>(index: number, tag: string): Promise<E> {
  Reveal.slide(index);
  const el = deck.querySelector<E>(tag)!;
  await el.ready;
  await idle(el);
  return el;
}

function expectDeckStill(index: number) {
  expect(Reveal.getIndices().h, 'the slide').to.equal(index);
  expect(Reveal.isPaused(), 'the deck blacked out').to.equal(false);
  expect(Reveal.isOverview(), 'the deck’s overview').to.equal(false);
}

describe('in a reveal.js slide deck', () => {
  before(async () => {
    // Not a fixture: fixtures go after each test, and the deck serves them all.
    deck = document.createElement('div');
    deck.className = 'reveal';
    deck.style.cssText = 'width: 1000px; height: 700px';
    deck.innerHTML = `<div class="slides">
      <section><h2>Pooling</h2><button id="outside">A button of the slide</button></section>
      <section><pooling-stepper backend="cpu" rows="4" cols="4"></pooling-stepper></section>
      <section><filter-grid backend="cpu" view="network"></filter-grid></section>
      <section><conv-filter-playground backend="cpu" max-size="24"></conv-filter-playground></section>
      <section><cnn-trainer backend="cpu"></cnn-trainer></section>
    </div>`;
    document.body.append(deck);
    await Reveal.initialize({ hash: false, transition: 'none', embedded: true });
  });

  after(() => {
    Reveal.destroy();
    deck.remove();
  });

  it('the deck turns its slides on the keys of the page (what the rest of these tests rule out)', async () => {
    Reveal.slide(0);
    deck.querySelector<HTMLElement>('#outside')!.focus();
    await sendKeys({ press: 'ArrowRight' });
    expect(Reveal.getIndices().h).to.equal(1);
  });

  it('the stepper’s arrows and Space step and play it, not the deck', async () => {
    const stepper = await slideWith<PoolingStepper>(1, 'pooling-stepper');
    shadow(stepper, '.stage').focus();
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowDown' });
    expect(stepper.step).to.equal(2);
    expectDeckStill(1);
    await sendKeys({ press: 'Space' });
    expectDeckStill(1);
    stepper.pause();
  });

  it('the network view’s arrows move between its maps, not the slides', async () => {
    const grid = await slideWith<CnnElement>(2, 'filter-grid');
    await until(() => networkItems(grid, 0).length > 1, 'the first column', 20000);
    networkItems(grid, 0)[0].focus();
    await sendKeys({ press: 'ArrowDown' });
    await grid.updateComplete;
    expect(grid.shadowRoot!.activeElement).to.equal(networkItems(grid, 0)[1]);
    await sendKeys({ press: 'ArrowRight' });
    expectDeckStill(2);
  });

  it('a number typed into a kernel cell lands there, with its point, and Space presses a button', async () => {
    const playground = await slideWith<CnnElement>(3, 'conv-filter-playground');
    const cell = shadow(playground, 'input[aria-label="Weight row 1, column 1"]') as HTMLInputElement;
    cell.focus();
    cell.select();
    await sendKeys({ type: '0.5' });
    expect(cell.value).to.equal('0.5');
    expectDeckStill(3);
    const step = [...playground.shadowRoot!.querySelectorAll('button')].find((b) =>
      /Step/.test(b.textContent ?? ''),
    )!;
    step.focus();
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Enter' });
    expectDeckStill(3);
  });

  it('letters and points typed into the trainer’s fields stay there', async () => {
    const trainer = await slideWith<CnnElement>(4, 'cnn-trainer');
    const rate = shadow(trainer, 'input[type="number"]') as HTMLInputElement;
    rate.focus();
    rate.select();
    await sendKeys({ type: '0.5' });
    await sendKeys({ press: 'b' });
    await sendKeys({ press: 'o' });
    expectDeckStill(4);
  });

  it('Tab, Escape and Ctrl shortcuts from an element’s field still reach the page', async () => {
    const playground = await slideWith<CnnElement>(3, 'conv-filter-playground');
    shadow(playground, 'input[aria-label="Weight row 1, column 1"]').focus();
    reachedPage.length = 0;
    await sendKeys({ press: 'Control+k' });
    await sendKeys({ press: 'Tab' });
    expect(reachedPage).to.deep.equal(['Control', 'k', 'Tab']);
    // Escape is the deck's: its overview opens, as from any field of the page.
    await sendKeys({ press: 'Escape' });
    expect(Reveal.isOverview()).to.equal(true);
    Reveal.toggleOverview(false);
  });
});
