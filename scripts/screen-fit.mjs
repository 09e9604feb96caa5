// How a page fits a reader's phone: the checks `npm run test:widths` runs on the demo article
// and `npm run test:stories` runs on every story, in one place. A page opened in a PHONE
// context (touch, a mobile viewport at the narrowest width) with `watchLayoutShifts` as an
// init script, once its elements are ready, goes through:
//   - `loadShiftProblems`: the layout shifts of its load (the Layout Instability API, as
//     Lighthouse's CLS sums them), above 0.05 fails; read it before anything resizes the page;
//   - `fitProblems`: the screen widened through 320, 390 and 768 px; at each, the page or one of
//     the five elements wider than the screen, or an element's content wider than its own box
//     (spilling out instead of scrolling inside it), fails; at 390 px (a phone held upright),
//     so does every control a finger may hit smaller than 24×24 px (WCAG 2.5.8), inside the
//     elements' shadow roots.
// A mobile viewport grows to fit content that is too wide (the browser zooms out), so
// `innerWidth` cannot tell: widths are compared with the screen width asked for.
import { TAGS } from './tags.mjs';

const WIDTHS = [320, 390, 768];
const TARGET_WIDTH = 390;
const MIN_TARGET = 24;
const MAX_LAYOUT_SHIFT = 0.05;

/** Playwright context options of a phone, at the narrowest width. */
export const PHONE = { viewport: { width: WIDTHS[0], height: 800 }, isMobile: true, hasTouch: true };

/** The layout shift of the page's load, as a problem if above MAX_LAYOUT_SHIFT (WIDTHS_DEBUG=1 prints what moved). */
export async function loadShiftProblems(page) {
  const { shift, log } = await page.evaluate(() => ({ shift: window.__layoutShift, log: window.__shiftLog }));
  if (process.env.WIDTHS_DEBUG) console.log(page.url(), log);
  return shift > MAX_LAYOUT_SHIFT
    ? [`layout shift while loading: ${shift.toFixed(3)} (at most ${MAX_LAYOUT_SHIFT})`]
    : [];
}

/**
 * Widens the screen through WIDTHS and returns what did not fit, each prefixed with its width.
 * `textSpacing`: also boxes that cut text off (the page has WCAG 1.4.12's spacing applied);
 * `atTarget(page)`: more checks to run at the finger's width, returning their problems.
 */
export async function fitProblems(page, { textSpacing = false, atTarget } = {}) {
  const problems = [];
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 800 });
    // Elements that lay out by their own width hear of it from a ResizeObserver, then render.
    await page.waitForTimeout(150);
    await page.evaluate(
      () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
    );
    const report = await page.evaluate(measure, { tags: TAGS, width });
    if (textSpacing) report.push(...(await page.evaluate(clippedText, { tags: TAGS })));
    if (width === TARGET_WIDTH) {
      const small = await page.evaluate(smallTargets, { tags: TAGS, min: MIN_TARGET });
      report.push(...small.map((r) => `a target smaller than ${MIN_TARGET}×${MIN_TARGET} px: ${r}`));
      if (atTarget) report.push(...(await atTarget(page)));
    }
    problems.push(...report.map((r) => `at ${width} px: ${r}`));
  }
  return problems;
}

/** In the page: what is wider than the screen `width`, the page itself or one of our elements. */
function measure({ tags, width }) {
  const out = [];
  const page = document.documentElement.scrollWidth;
  if (page > width + 1) out.push(`the page is ${page} px wide`);
  for (const el of document.querySelectorAll(tags.join(','))) {
    const name = `<${el.localName}${el.id ? ` id="${el.id}"` : ''}>`;
    const box = el.getBoundingClientRect();
    if (box.right > width + 1) out.push(`${name} reaches ${Math.round(box.right)} px`);
    // Content wider than the element's own box spills out of it.
    const frame = el.shadowRoot?.querySelector('[part~="frame"]') ?? el;
    if (frame.scrollWidth > frame.clientWidth + 1)
      out.push(`${name}'s content is ${frame.scrollWidth} px in a ${frame.clientWidth} px box`);
  }
  return out;
}

/** In the page: WCAG 1.4.12's text spacing, in the document and every shadow root (nested ones too). */
export function spaceText() {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(
    '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }',
  );
  const visit = (root) => {
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) visit(el.shadowRoot);
  };
  visit(document);
}

/** In the page: boxes in our elements that hide overflowing text (visually hidden text, 1 or 2 px, aside). */
function clippedText({ tags }) {
  const out = [];
  const visit = (root, host) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) visit(el.shadowRoot, host);
      if (el.clientWidth <= 2 || el.clientHeight <= 2 || !el.textContent.trim()) continue;
      const style = getComputedStyle(el);
      const hides = (overflow) => overflow === 'hidden' || overflow === 'clip';
      const cut = [
        hides(style.overflowX) && el.scrollWidth > el.clientWidth + 1 ? 'width' : '',
        hides(style.overflowY) && el.scrollHeight > el.clientHeight + 1 ? 'height' : '',
      ].filter(Boolean);
      if (cut.length)
        out.push(
          `<${host}> ${el.localName}${el.className ? `.${String(el.className).split(' ')[0]}` : ''} "${el.textContent.trim().replace(/\s+/g, ' ').slice(0, 40)}" is cut off (${cut.join(' and ')})`,
        );
    }
  };
  for (const el of document.querySelectorAll(tags.join(',')))
    if (el.shadowRoot) visit(el.shadowRoot, el.localName);
  return [...new Set(out)];
}

/** Init script: sums layout-shift entries not caused by input, as Lighthouse's CLS does for a load. */
export function watchLayoutShifts() {
  window.__layoutShift = 0;
  window.__shiftLog = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      window.__layoutShift += entry.value;
      // What moved, for WIDTHS_DEBUG=1 (the top-level nodes only: shadow content is reported as its host).
      window.__shiftLog.push(
        `${entry.value.toFixed(3)}: ${entry.sources.map((s) => `${s.node?.nodeName ?? '?'} y ${Math.round(s.previousRect.y)}→${Math.round(s.currentRect.y)}`).join(', ')}`,
      );
    }
  }).observe({ type: 'layout-shift', buffered: true });
}

/** In the page: controls (in our elements' shadow roots, nested ones too) smaller than `min` px either way. */
function smallTargets({ tags, min }) {
  const out = [];
  const selector = 'button, select, input, textarea, summary, a[href], [role="button"], [tabindex="0"]';
  const visit = (root, host) => {
    for (const el of root.querySelectorAll(selector)) {
      // A check box or radio is hit through its label; a hidden file input through its styled label.
      const label = el.closest('label');
      const target =
        el.matches('input[type="checkbox"], input[type="radio"], input[type="file"]') && label ? label : el;
      const box = target.getBoundingClientRect();
      // Not rendered (a closed <details>, a hidden panel) or visually hidden (1 px inputs behind a label).
      if (box.width <= 1 || box.height <= 1 || target.closest('details:not([open]) > :not(summary)'))
        continue;
      if (box.width < min - 0.5 || box.height < min - 0.5) {
        const name = (target.getAttribute('aria-label') || target.textContent || target.localName)
          .trim()
          .replace(/\s+/g, ' ')
          .slice(0, 40);
        out.push(
          `<${host}> ${target.localName}${target.className ? `.${String(target.className).split(' ')[0]}` : ''} "${name}" ${Math.round(box.width)}×${Math.round(box.height)}`,
        );
      }
    }
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) visit(el.shadowRoot, host);
  };
  for (const el of document.querySelectorAll(tags.join(',')))
    if (el.shadowRoot) visit(el.shadowRoot, el.localName);
  return [...new Set(out)];
}
