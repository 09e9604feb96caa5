/**
 * On a right-to-left page (Arabic, Hebrew, Persian course sites): the elements' words are
 * English, and their matrices are matrices. A kernel, a pooled map, a confusion matrix or
 * a network's layers read left to right, as the pictures beside them do, whatever the
 * page's direction; the arrow keys move the way the picture is laid out.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import type { CnnElement } from '../../src/elements/cnn-element.js';
import type { FilterGrid } from '../../src/elements/filter-grid/filter-grid.js';
import { idle, networkItems, until } from '../helpers.js';

const left = (el: Element) => el.getBoundingClientRect().left;

async function inRtl<E extends CnnElement>(markup: ReturnType<typeof html>, tag: string): Promise<E> {
  const page = await fixture<HTMLElement>(
    html`<div dir="rtl" lang="ar" style="width: 900px">${markup}</div>`,
  );
  const el = page.querySelector<E>(tag)!;
  await el.ready;
  await idle(el);
  return el;
}

describe('on a right-to-left page', () => {
  it('the playground’s kernel keeps its columns left to right, as the picture does', async () => {
    const el = await inRtl(
      html`<conv-filter-playground backend="cpu" kernel="sobel-x" max-size="24"></conv-filter-playground>`,
      'conv-filter-playground',
    );
    const cell = (r: number, c: number) =>
      el.shadowRoot!.querySelector(`input[aria-label="Weight row ${r}, column ${c}"]`) as HTMLInputElement;
    // Sobel-x: -1 on the left, +1 on the right, as it reads the picture.
    expect(left(cell(1, 1))).to.be.below(left(cell(1, 3)));
    expect(cell(1, 1).value).to.equal('-1');
    // The input is drawn left of its feature map, as on any other page.
    const [input, output] = ['input', 'output'].map((p) => el.shadowRoot!.querySelector(`[part~="${p}"]`)!);
    expect(left(input)).to.be.below(left(output));
  });

  it('the pooling stepper’s maps keep column 0 on the left', async () => {
    const el = await inRtl(
      html`<pooling-stepper backend="cpu" values="[[1,2,3,4],[5,6,7,8]]"></pooling-stepper>`,
      'pooling-stepper',
    );
    const cells = [...el.shadowRoot!.querySelectorAll('[part~="input"] [part~="cell"]')];
    expect(left(cells[0])).to.be.below(left(cells[3]));
    expect(cells[0].textContent).to.contain('1');
  });

  it('the network view lays its layers out left to right, and ArrowRight goes to the next', async () => {
    const grid = await inRtl<FilterGrid>(html`<filter-grid view="network"></filter-grid>`, 'filter-grid');
    await until(() => networkItems(grid, 1).length > 0, 'the columns', 20000);
    const first = networkItems(grid, 0)[0];
    const second = networkItems(grid, 1)[0];
    expect(left(first)).to.be.below(left(second));
    first.focus();
    await sendKeys({ press: 'ArrowRight' });
    await grid.updateComplete;
    expect(grid.shadowRoot!.activeElement).to.equal(networkItems(grid, 1)[0]);
  });
});
