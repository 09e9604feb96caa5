/**
 * A widget in a JupyterLab notebook: in command mode, the notebook takes the arrow keys (and
 * A, B, D D…) from whatever non-editable part holds the focus, before any element sees them,
 * to move between cells. A reader moving through the network view's maps or stepping the
 * pooling stepper with the arrows must move the element, not the notebook.
 *
 * The key handling is JupyterLab's own: Lumino's CommandRegistry, fed every keydown from the
 * document in the capture phase as JupyterLab's application does, with the notebook's
 * bindings as JupyterLab's notebook extension declares them (schema/tracker.json, 4.6).
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { CommandRegistry } from '@lumino/commands';
import '../../src/index.js';
import type { PoolingStepper } from '../../src/elements/pooling-stepper/pooling-stepper.js';
import { idle, until } from '../helpers.js';
import { LIBRARY, render } from './model.js';

const COMMAND_MODE = '.jp-Notebook.jp-mod-commandMode:not(.jp-mod-readWrite) :focus';

describe('a widget in a JupyterLab notebook', () => {
  const ran: string[] = [];
  const commands = new CommandRegistry();
  const feed = (e: KeyboardEvent) => commands.processKeydownEvent(e);
  let notebook: HTMLElement;

  before(() => {
    for (const [id, key] of [
      ['notebook:move-cursor-down', 'ArrowDown'],
      ['notebook:move-cursor-up', 'ArrowUp'],
      ['notebook:insert-cell-above', 'A'],
    ]) {
      commands.addCommand(id, { execute: () => void ran.push(id) });
      commands.addKeyBinding({ command: id, keys: [key], selector: COMMAND_MODE });
    }
    document.addEventListener('keydown', feed, true);
    notebook = document.createElement('div');
    notebook.className = 'jp-Notebook jp-mod-commandMode';
    notebook.innerHTML = '<div class="jp-Cell" tabindex="0">a cell</div>';
    document.body.append(notebook);
  });

  after(() => {
    document.removeEventListener('keydown', feed, true);
    notebook.remove();
  });

  /** Waits past Lumino's hold on a binding (it runs once it knows the key typed nothing). */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

  it('the notebook moves between cells on the arrows (what the next test rules out)', async () => {
    ran.length = 0;
    notebook.querySelector<HTMLElement>('.jp-Cell')!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await settle();
    expect(ran).to.deep.equal(['notebook:move-cursor-down']);
  });

  it('the stepper’s arrows step the stepper, and move no cell', async () => {
    const out = document.createElement('div');
    notebook.append(out);
    const { el, cleanup } = await render(
      { element: 'pooling-stepper', library: LIBRARY, rows: 4, cols: 4 },
      undefined,
      out,
    );
    const stepper = el.querySelector<PoolingStepper>('pooling-stepper')!;
    await stepper.ready;
    await idle(stepper);
    await until(() => !!stepper.shadowRoot!.querySelector('.stage'), 'the stage');
    stepper.shadowRoot!.querySelector<HTMLElement>('.stage')!.focus();
    ran.length = 0;
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'a' });
    await settle();
    expect(ran, 'notebook commands run').to.deep.equal([]);
    expect(stepper.step).to.equal(1);
    cleanup();
    out.remove();
  });
});
