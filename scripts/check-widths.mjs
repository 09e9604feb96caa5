// `npm run test:widths`: the demo article on a reader's phone. Opens it (on the built dist/)
// on a phone-like page (touch, mobile viewport), reads it through at 320 px as a reader
// scrolls, and looks at it three ways, each at 320, 390 and 768 px (screen-fit.mjs: nothing
// wider than the screen or spilling out of an element, every control at least 24×24 px, and
// the layout shift of the load below 0.05):
//   - as it is, and at 390 px with a finger: a stroke on the classifier's pad (touch events
//     through the DevTools protocol, which Chromium turns into pointer events of type "touch")
//     must not scroll the page and must be classified; a tap on the playground's feature map
//     must move the inspected pixel there; a stroke on the network view's pad must repaint
//     every layer, and a tap on one of its maps must select it and send it to the linked
//     playground;
//   - with a reader's very large text setting;
//   - with WCAG 1.4.12's text spacing (line height 1.5, letter spacing 0.12 em, word spacing
//     0.16 em, paragraphs 2 em apart) in the page and in every shadow root, as a reader's
//     spacing tool that reaches into shadow roots applies it: no text may be cut off by a box
//     that hides its overflow either.
// The looks share one load: the demo takes half a minute to read through on a phone. Every
// story gets the same checks, on its own load, from `npm run test:stories`.
//
//   npm run build && npm run test:widths
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { chromiumFlags, chromiumPath } from './chromium.mjs';
import { readThrough } from './read-through.mjs';
import { fitProblems, loadShiftProblems, PHONE, spaceText, watchLayoutShifts } from './screen-fit.mjs';
import { serveStatic } from './static-server.mjs';
import { TAGS } from './tags.mjs';

const TIMEOUT_MS = Number(process.env.WIDTHS_TIMEOUT_MS ?? 120_000);

if (!existsSync('dist/cnn-elements.js')) {
  console.error('dist/cnn-elements.js is missing: run `npm run build` first, then `npm run test:widths`.');
  process.exit(1);
}

const { server, url: origin } = await serveStatic('.', { redirects: { '/': '/demo/' } });
const browser = await chromium.launch({
  executablePath: chromiumPath(),
  args: chromiumFlags({ webgpu: true }),
});
/** The three looks at the demo, in order, on the one page; `apply` sets the page up for a look. */
const looks = [
  { name: 'demo', atTarget: async (page) => (await touchWorks(page)).map((r) => `with a finger: ${r}`) },
  {
    name: 'demo, very large text',
    // A reader's "Very large" font setting (24 px instead of 16): the root's font size grows by
    // half, and with it everything sized in rem or em, the elements' text included.
    apply: (page) => page.evaluate(() => (document.documentElement.style.fontSize = '150%')),
  },
  {
    name: 'demo, text spacing (WCAG 1.4.12)',
    apply: async (page) => {
      await page.evaluate(() => (document.documentElement.style.fontSize = ''));
      await page.evaluate(spaceText);
    },
    textSpacing: true,
  },
];
let failed = 0;
const context = await browser.newContext(PHONE);
try {
  const page = await context.newPage();
  await page.addInitScript(watchLayoutShifts);
  await page.goto(`${origin}/demo/`);
  const settled = await readThrough(page, TAGS, TIMEOUT_MS);
  await page.waitForTimeout(500);
  // Read before the screen is resized below: only the load's own shifts count.
  const loadProblems = [
    ...(settled ? [] : [`its elements were not ready after ${TIMEOUT_MS / 1000} s`]),
    ...(await loadShiftProblems(page)),
  ];
  for (const [i, look] of looks.entries()) {
    const problems = i === 0 ? [...loadProblems] : [];
    try {
      await look.apply?.(page);
      problems.push(...(await fitProblems(page, look)));
    } catch (e) {
      problems.push(`could not look at it: ${e instanceof Error ? e.message : String(e)}`);
    }
    failed += problems.length ? 1 : 0;
    console.log(`${problems.length ? 'FAIL' : 'ok  '}  ${look.name}`);
    for (const problem of problems) console.log(`        - ${problem}`);
  }
} finally {
  await context.close();
  await browser.close();
  server.close();
}
console.log(`widths: ${looks.length - failed} passed, ${failed} failed`);
if (failed) process.exit(1);

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
