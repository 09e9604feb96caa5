// `npm run test:widths`: every reader's screen. Opens the demo article (on the built dist/)
// and every story of the built Storybook on a phone-like page (touch, mobile viewport) and
// looks at it at 320, 390 and 768 px. It fails when the page is wider than the screen, or
// when one of the five elements is wider than the screen or than its own box (content that
// spills out of the element instead of scrolling inside it). It also sums each page's layout
// shifts (the Layout Instability API, as Lighthouse's CLS) while it loads, the demo and every
// single-element story, and fails above 0.05.
//
//   npm run build && npm run build-storybook && npm run test:widths
//
// A mobile viewport grows to fit content that is too wide (the browser zooms out), so
// `innerWidth` cannot tell: widths are compared with the screen width asked for.
// Touch: at 390 px it also measures every control a finger may hit (buttons, selects, inputs,
// summaries, check-box labels, inside the elements' shadow roots) and fails below 24×24 px
// (WCAG 2.5.8). On the demo it draws a stroke on the classifier's pad with a finger (touch
// events through the DevTools protocol, which Chromium turns into pointer events of type
// "touch") and checks that the page did not scroll and the drawing was classified, then taps
// the playground's feature map and checks that the inspected pixel moved there; then draws on
// the network view's pad (every layer repainted) and taps one of its maps (selected, and sent
// to the linked playground).
// The demo is looked at a second time with a reader's very large text setting, and a third
// with WCAG 1.4.12's text spacing (line height 1.5, letter spacing 0.12 em, word spacing
// 0.16 em, paragraphs 2 em apart) in the page and in every shadow root, as a reader's
// spacing tool that reaches into shadow roots applies it: nothing may spill, and no text
// may be cut off by a box that hides its overflow.
// Env: WIDTHS_ONLY (substring of story ids; "demo" for the article alone).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumFlags, chromiumPath } from './chromium.mjs';
import { readThrough } from './read-through.mjs';
import { serveStatic } from './static-server.mjs';
import { TAGS } from './tags.mjs';

const WIDTHS = [320, 390, 768];
const TIMEOUT_MS = Number(process.env.WIDTHS_TIMEOUT_MS ?? 120_000);
const MAX_LAYOUT_SHIFT = 0.05;
const TARGET_WIDTH = 390;
const MIN_TARGET = 24;
const only = process.env.WIDTHS_ONLY;

for (const need of ['dist/cnn-elements.js', 'storybook-static/index.json']) {
  if (!existsSync(need)) {
    console.error(
      `${need} is missing: run \`npm run build && npm run build-storybook\` first, then \`npm run test:widths\`.`,
    );
    process.exit(1);
  }
}
const stories = Object.values(
  JSON.parse(readFileSync(join('storybook-static', 'index.json'), 'utf8')).entries,
)
  .filter((e) => e.type === 'story' && (!only || e.id.includes(only)))
  .map((e) => e.id);

const { server, url: origin } = await serveStatic('.', { redirects: { '/': '/demo/' } });
const { server: storybook, url: storybookOrigin } = await serveStatic('storybook-static');
const browser = await chromium.launch({
  executablePath: chromiumPath(),
  args: chromiumFlags({ webgpu: true }),
});
const pages = [
  ...(!only || 'demo'.includes(only)
    ? [
        { name: 'demo', url: `${origin}/demo/`, shifts: true, fingers: true },
        { name: 'demo, very large text', url: `${origin}/demo/`, largeText: true },
        { name: 'demo, text spacing (WCAG 1.4.12)', url: `${origin}/demo/`, textSpacing: true },
      ]
    : []),
  ...stories.map((id) => ({
    name: id,
    url: `${storybookOrigin}/iframe.html?id=${encodeURIComponent(id)}&viewMode=story`,
    shifts: true,
  })),
];
let failed = 0;
try {
  for (const p of pages) {
    const problems = await check(p);
    failed += problems.length ? 1 : 0;
    console.log(`${problems.length ? 'FAIL' : 'ok  '}  ${p.name}`);
    for (const problem of problems) console.log(`        - ${problem}`);
  }
} finally {
  await browser.close();
  server.close();
  storybook.close();
}
console.log(`widths: ${pages.length - failed} passed, ${failed} failed`);
if (failed) process.exit(1);

/** Loads one page at the narrowest width, then widens the screen; returns what did not fit. */
async function check({ url, shifts, fingers, largeText, textSpacing }) {
  const problems = [];
  const context = await browser.newContext({
    viewport: { width: WIDTHS[0], height: 800 },
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  if (shifts) await page.addInitScript(watchLayoutShifts);
  try {
    await page.goto(url);
    const settled = await readThrough(page, TAGS, TIMEOUT_MS);
    if (!settled) problems.push(`its elements were not ready after ${TIMEOUT_MS / 1000} s`);
    // A reader's "Very large" font setting (24 px instead of 16): the root's font size grows by
    // half, and with it everything sized in rem or em, the elements' text included.
    if (largeText) await page.addStyleTag({ content: 'html { font-size: 150%; }' });
    if (textSpacing) await page.evaluate(spaceText);
    await page.waitForTimeout(500);
    // Read before the screen is resized below: only the load's own shifts count.
    const loadShift = shifts ? await page.evaluate(() => window.__layoutShift) : 0;
    if (shifts && process.env.WIDTHS_DEBUG) console.log(url, await page.evaluate(() => window.__shiftLog));
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 800 });
      await page.waitForTimeout(150);
      const report = await page.evaluate(measure, { tags: TAGS, width });
      if (textSpacing) report.push(...(await page.evaluate(clippedText, { tags: TAGS })));
      problems.push(...report.map((r) => `at ${width} px: ${r}`));
      if (width === TARGET_WIDTH) {
        const small = await page.evaluate(smallTargets, { tags: TAGS, min: MIN_TARGET });
        problems.push(
          ...small.map((r) => `at ${width} px: a target smaller than ${MIN_TARGET}×${MIN_TARGET} px: ${r}`),
        );
        if (fingers)
          problems.push(...(await touchWorks(page)).map((r) => `at ${width} px with a finger: ${r}`));
      }
    }
    if (loadShift > MAX_LAYOUT_SHIFT)
      problems.push(`layout shift while loading: ${loadShift.toFixed(3)} (at most ${MAX_LAYOUT_SHIFT})`);
  } catch (e) {
    problems.push(`could not open it: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    await context.close();
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
function spaceText() {
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
function watchLayoutShifts() {
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

/**
 * On the demo: a finger draws on the classifier's pad, taps the playground's feature map,
 * draws on the network view's pad and taps one of its convolution's maps to select it.
 */
async function touchWorks(page) {
  const problems = [];
  const cdp = await page.context().newCDPSession(page);
  const touch = (type, points) =>
    cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map(([x, y]) => ({ x, y })) });
  /** A finger's stroke down a pad's canvas (found by `find` in the page); how far the page scrolled meanwhile. */
  const drawOn = async (find) => {
    const pad = await page.evaluateHandle(find);
    await page.waitForTimeout(300);
    const r = await pad.evaluate((c) => c.getBoundingClientRect().toJSON());
    const scrollBefore = await page.evaluate(() => window.scrollY);
    const at = (fx, fy) => [r.left + fx * r.width, r.top + fy * r.height];
    await touch('touchStart', [at(0.5, 0.15)]);
    for (let i = 1; i <= 12; i++)
      await touch('touchMove', [at(0.5 - 0.04 * (i / 12), 0.15 + 0.7 * (i / 12))]);
    await touch('touchEnd', []);
    return (await page.evaluate(() => window.scrollY)) - scrollBefore;
  };
  // The pad of the first classifier (the shipped digit model).
  const scrolled = await drawOn(() => {
    const el = document.querySelector('pretrained-classifier');
    el.scrollIntoView({ block: 'center' });
    return el.shadowRoot.querySelector('cnn-draw-pad').shadowRoot.querySelector('canvas');
  });
  const drawn = await page
    .waitForFunction(
      () => {
        const el = document.querySelector('pretrained-classifier');
        const padEl = el.shadowRoot.querySelector('cnn-draw-pad');
        return (
          !padEl.empty &&
          !el.shadowRoot.querySelector('.first-look') &&
          el.predictions.length > 0 &&
          el.getAttribute('state') === 'ready'
        );
      },
      null,
      { timeout: 20_000, polling: 100 },
    )
    .then(() => true)
    .catch(() => false);
  if (!drawn) problems.push('a stroke drawn on the classifier pad was not drawn or not classified');
  if (Math.abs(scrolled) > 1) problems.push(`drawing on the pad scrolled the page by ${scrolled} px`);
  // A tap on the playground's map, near its lower right: the arithmetic follows the finger.
  const map = await page.evaluateHandle(() => {
    const el = document.querySelector('#playground');
    el.scrollIntoView({ block: 'center' });
    return el.shadowRoot.querySelector('canvas.out');
  });
  await page.waitForTimeout(300);
  const m = await map.evaluate((c) => c.getBoundingClientRect().toJSON());
  await page.touchscreen.tap(m.left + m.width * 0.9, m.top + m.height * 0.9);
  await page.waitForTimeout(300);
  const said = await page.evaluate(() => {
    const el = document.querySelector('#playground');
    const text = el.shadowRoot.querySelector('[part~="arithmetic"] [aria-live]')?.textContent ?? '';
    const match = /Output row (\d+), column (\d+)/.exec(text);
    const [h, w] = [
      el.shadowRoot.querySelector('canvas.out').height,
      el.shadowRoot.querySelector('canvas.out').width,
    ];
    return match ? { row: Number(match[1]), col: Number(match[2]), h, w } : undefined;
  });
  if (!said) problems.push('the playground shows no arithmetic after a tap');
  else if (Math.abs(said.row / said.h - 0.9) > 0.05 || Math.abs(said.col / said.w - 0.9) > 0.05) {
    problems.push(
      `a tap at 90%, 90% of the feature map inspected row ${said.row} of ${said.h}, column ${said.col} of ${said.w}`,
    );
  }
  problems.push(...(await networkByTouch(page, drawOn)));
  await cdp.detach();
  return problems;
}

/**
 * The network view that follows the second classifier (stacked at this width): a stroke on
 * its pad repaints every layer (`network-update`), and a tap on a convolution's map selects
 * it (`aria-pressed`) and sends it to the linked playground (`filter-select`).
 */
async function networkByTouch(page, drawOn) {
  const problems = [];
  const scrolled = await drawOn(() => {
    const el = document.querySelector('#network-view');
    window.__heard = [];
    el.addEventListener('network-update', () => window.__heard.push('update'));
    el.addEventListener('filter-select', (e) =>
      window.__heard.push(`select ${e.detail.layer} ${e.detail.index}`),
    );
    el.scrollIntoView({ block: 'start' });
    return el.shadowRoot.querySelector('cnn-draw-pad').shadowRoot.querySelector('canvas');
  });
  const heard = (what) =>
    page
      .waitForFunction((w) => window.__heard.some((h) => h.startsWith(w)), what, {
        timeout: 20_000,
        polling: 100,
      })
      .then(() => true)
      .catch(() => false);
  if (!(await heard('update')))
    problems.push('a stroke on the network view’s pad did not repaint the network');
  if (Math.abs(scrolled) > 1)
    problems.push(`drawing on the network view’s pad scrolled the page by ${scrolled} px`);
  // The second map of the first layer (a convolution in the shipped digit model).
  const map = await page.evaluateHandle(() => {
    const item = document
      .querySelector('#network-view')
      .shadowRoot.querySelector('.item[data-layer="0"][data-map="1"]');
    item.scrollIntoView({ block: 'center' });
    return item;
  });
  await page.waitForTimeout(300);
  const b = await map.evaluate((el) => el.getBoundingClientRect().toJSON());
  await page.touchscreen.tap(b.left + b.width / 2, b.top + b.height / 2);
  if (!(await heard('select ')))
    problems.push('a tap on a convolution’s map in the network view sent nothing to the playground');
  if ((await map.evaluate((el) => el.getAttribute('aria-pressed'))) !== 'true')
    problems.push('a tap on a map in the network view did not select it');
  return problems;
}
