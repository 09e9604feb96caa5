/**
 * Keys an element keeps to itself. Slide decks (reveal.js, and Quarto's slides built on it) and
 * course sites (MkDocs Material) bind keys on the whole document: arrows and Space turn the
 * slide, `.` and `b` black the screen, `o` opens the overview, `n` and `p` turn the page. They
 * tell a reader's typing from a shortcut by the focused element, `document.activeElement`,
 * which for a control inside an element's shadow root is the element itself: not a field, so
 * the key was taken as theirs. ArrowRight on the pooling stepper turned the slide, and typing
 * 0.5 into a kernel cell blacked the screen.
 *
 * A key stops at the element (`stopPropagation`, so the page's listeners above it never see
 * it; the element's own listeners still do) when it is somebody's inside it:
 * - one an element's own handler took (`defaultPrevented`): the stepper's arrows and Space, the
 *   network view's arrows, the draw pad's pen keys;
 * - any key typed into a field (text, number, range, select), except Tab (focus moves on),
 *   Escape and Ctrl or ⌘ shortcuts (a site's search, as from any field of the page);
 * - Enter and Space on a button, checkbox, link or summary, which press it;
 * - an arrow key on a box that scrolls that way (the playground's products on a phone).
 * Every other key goes on to the page as before.
 */

/** Inputs that a key presses rather than types into. */
const PRESSED_INPUTS = new Set(['button', 'submit', 'reset', 'checkbox', 'radio', 'file', 'image', 'color']);

/** Whether `target`, the focused control a key went to, takes typing (every key is its). */
function isField(target: HTMLElement): boolean {
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !PRESSED_INPUTS.has(target.type);
}

/** Whether Enter or Space presses `target`. */
function isPressable(target: HTMLElement): boolean {
  return (
    target instanceof HTMLButtonElement ||
    target instanceof HTMLInputElement ||
    target.localName === 'summary' ||
    (target instanceof HTMLAnchorElement && target.hasAttribute('href')) ||
    /^(button|checkbox|switch|link|tab|option|menuitem)$/.test(target.getAttribute('role') ?? '')
  );
}

/** Whether `key` scrolls `target`, a focused box whose content overflows it that way. */
function scrolls(target: HTMLElement, key: string): boolean {
  if (key === 'ArrowLeft' || key === 'ArrowRight') return target.scrollWidth > target.clientWidth;
  if (key === 'ArrowUp' || key === 'ArrowDown') return target.scrollHeight > target.clientHeight;
  return false;
}

/** Whether a keydown that reached `host` belongs to something inside it (see the module comment). */
export function keptKey(e: KeyboardEvent, host: HTMLElement): boolean {
  if (e.defaultPrevented) return true;
  const target = e.composedPath()[0];
  if (!(target instanceof HTMLElement) || target === host) return false;
  if (e.key === 'Tab' || e.key === 'Escape') return false;
  // AltGr types characters as Ctrl+Alt on Windows: that is typing, not a shortcut.
  const shortcut = (e.ctrlKey && !e.altKey) || e.metaKey;
  if (isField(target)) return !shortcut;
  if (shortcut || e.altKey) return false;
  return ((e.key === 'Enter' || e.key === ' ') && isPressable(target)) || scrolls(target, e.key);
}

/** Makes `host` keep its keys from the page's listeners (call once, from the constructor). */
export function keepKeys(host: HTMLElement): void {
  host.addEventListener('keydown', (e) => {
    if (keptKey(e, host)) e.stopPropagation();
  });
}
