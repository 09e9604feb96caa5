/**
 * Which keydowns an element keeps from the page (src/elements/kept-keys.ts), key by key and
 * control by control, on a shadow root built here; page-keys.test.ts runs the elements in a
 * real slide deck.
 */
import { expect } from '@open-wc/testing';
import { keepKeys } from '../../src/elements/kept-keys.js';

/** A host with one control of each kind in its shadow root, and what of its keys reached the document. */
function host() {
  const el = document.createElement('div');
  document.body.append(el);
  const root = el.attachShadow({ mode: 'open' });
  root.innerHTML = `
    <input id="text"><input id="number" type="number"><input id="range" type="range">
    <input id="check" type="checkbox"><button id="button">Go</button><select id="select"><option>a</option></select>
    <textarea id="area"></textarea><div id="editable" contenteditable="true"></div>
    <div id="stage" tabindex="0"></div><p id="words">text</p>
    <div id="wide" tabindex="0" style="width: 50px; overflow-x: auto"><div style="width: 200px">wide</div></div>`;
  // A part that handles its own keys, as the stepper's stage does.
  root.getElementById('stage')!.addEventListener('keydown', (e) => e.key === 'ArrowUp' && e.preventDefault());
  keepKeys(el);
  const reached: string[] = [];
  const listen = (e: KeyboardEvent) => reached.push(e.key);
  document.addEventListener('keydown', listen);
  const press = (id: string, key: string, mods: KeyboardEventInit = {}) => {
    reached.length = 0;
    root
      .getElementById(id)!
      .dispatchEvent(
        new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true, ...mods }),
      );
    return reached.length === 0 ? 'kept' : 'reached the page';
  };
  const done = () => {
    document.removeEventListener('keydown', listen);
    el.remove();
  };
  return { press, done };
}

describe('keys an element keeps', () => {
  it('keeps every key typed into a field, Shift and AltGr included', () => {
    const { press, done } = host();
    for (const id of ['text', 'number', 'range', 'select', 'area', 'editable'])
      for (const key of ['a', '.', ' ', 'ArrowRight', 'Home', 'Backspace', 'Enter'])
        expect(press(id, key), `${key} in #${id}`).to.equal('kept');
    expect(press('text', 'O', { shiftKey: true })).to.equal('kept');
    // AltGr types characters (@, {, \) as Ctrl+Alt on Windows.
    expect(press('text', '@', { ctrlKey: true, altKey: true })).to.equal('kept');
    done();
  });

  it('lets Tab, Escape and Ctrl or ⌘ shortcuts through from a field, as from any field of the page', () => {
    const { press, done } = host();
    expect(press('text', 'Tab')).to.equal('reached the page');
    expect(press('text', 'Tab', { shiftKey: true })).to.equal('reached the page');
    expect(press('text', 'Escape')).to.equal('reached the page');
    expect(press('text', 'k', { ctrlKey: true })).to.equal('reached the page');
    expect(press('area', 'k', { metaKey: true })).to.equal('reached the page');
    done();
  });

  it('keeps Enter and Space on what they press, and nothing else there', () => {
    const { press, done } = host();
    for (const id of ['button', 'check']) {
      expect(press(id, 'Enter'), `Enter on #${id}`).to.equal('kept');
      expect(press(id, ' '), `Space on #${id}`).to.equal('kept');
      expect(press(id, 'ArrowRight'), `ArrowRight on #${id}`).to.equal('reached the page');
      expect(press(id, 'o'), `o on #${id}`).to.equal('reached the page');
    }
    expect(press('button', ' ', { altKey: true })).to.equal('reached the page');
    done();
  });

  it('keeps what a part handled itself, and lets the rest of its keys through', () => {
    const { press, done } = host();
    expect(press('stage', 'ArrowUp')).to.equal('kept');
    expect(press('stage', 'ArrowUp', { ctrlKey: true })).to.equal('kept');
    expect(press('stage', 'ArrowDown')).to.equal('reached the page');
    expect(press('words', ' ')).to.equal('reached the page');
    done();
  });

  it('keeps the arrows that scroll a box sideways, and lets the others through', () => {
    const { press, done } = host();
    expect(press('wide', 'ArrowRight')).to.equal('kept');
    expect(press('wide', 'ArrowLeft')).to.equal('kept');
    expect(press('wide', 'ArrowDown')).to.equal('reached the page');
    expect(press('wide', 'ArrowRight', { ctrlKey: true })).to.equal('reached the page');
    // A box whose content fits scrolls nothing: the page gets its arrows.
    expect(press('stage', 'ArrowRight')).to.equal('reached the page');
    done();
  });
});
