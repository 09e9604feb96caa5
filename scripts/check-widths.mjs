// `npm run test:widths`: every reader's screen. Opens the demo article (on the built dist/)
// and every story of the built Storybook on a phone-like page (touch, mobile viewport) and
// looks at it at 320, 390 and 768 px. It fails when the page is wider than the screen, or
// when one of the five elements is wider than the screen or than its own box (content that
// spills out of the element instead of scrolling inside it). It also sums the page's layout
// shifts (the Layout Instability API, as Lighthouse's CLS) while the demo loads, and fails
// above 0.05.
//
//   npm run build && npm run build-storybook && npm run test:widths
//
// A mobile viewport grows to fit content that is too wide (the browser zooms out), so
// `innerWidth` cannot tell: widths are compared with the screen width asked for.
// Env: WIDTHS_ONLY (substring of story ids; "demo" for the article alone).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumFlags, chromiumPath } from './chromium.mjs';
import { serveStatic } from './static-server.mjs';

const TAGS = ['conv-filter-playground', 'pooling-stepper', 'cnn-trainer', 'pretrained-classifier', 'filter-grid'];
const WIDTHS = [320, 390, 768];
const TIMEOUT_MS = Number(process.env.WIDTHS_TIMEOUT_MS ?? 120_000);
const MAX_LAYOUT_SHIFT = 0.05;
const only = process.env.WIDTHS_ONLY;

for (const need of ['dist/cnn-elements.js', 'storybook-static/index.json']) {
  if (!existsSync(need)) {
    console.error(`${need} is missing: run \`npm run build && npm run build-storybook\` first, then \`npm run test:widths\`.`);
    process.exit(1);
  }
}
const stories = Object.values(JSON.parse(readFileSync(join('storybook-static', 'index.json'), 'utf8')).entries)
  .filter((e) => e.type === 'story' && (!only || e.id.includes(only)))
  .map((e) => e.id);

const { server, url: origin } = await serveStatic('.', { redirects: { '/': '/demo/' } });
const { server: storybook, url: storybookOrigin } = await serveStatic('storybook-static');
const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumFlags({ webgpu: true }) });
const pages = [
  ...(!only || 'demo'.includes(only) ? [{ name: 'demo', url: `${origin}/demo/`, shifts: true }] : []),
  ...stories.map((id) => ({ name: id, url: `${storybookOrigin}/iframe.html?id=${encodeURIComponent(id)}&viewMode=story` })),
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
async function check({ url, shifts }) {
  const problems = [];
  const context = await browser.newContext({ viewport: { width: WIDTHS[0], height: 800 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  if (shifts) await page.addInitScript(watchLayoutShifts);
  try {
    await page.goto(url);
    const settled = await page
      .waitForFunction(
        (tags) => {
          const all = [...document.querySelectorAll(tags.join(','))];
          return all.length > 0 && all.every((el) => ['ready', 'error'].includes(el.getAttribute('state') ?? ''));
        },
        TAGS,
        { timeout: TIMEOUT_MS, polling: 200 },
      )
      .then(() => true)
      .catch(() => false);
    if (!settled) problems.push(`its elements were not ready after ${TIMEOUT_MS / 1000} s`);
    await page.waitForTimeout(500);
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 800 });
      await page.waitForTimeout(150);
      const report = await page.evaluate(measure, { tags: TAGS, width });
      problems.push(...report.map((r) => `at ${width} px: ${r}`));
    }
    if (shifts) {
      const cls = await page.evaluate(() => window.__layoutShift);
      if (cls > MAX_LAYOUT_SHIFT) problems.push(`layout shift while loading: ${cls.toFixed(3)} (at most ${MAX_LAYOUT_SHIFT})`);
    }
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
    if (frame.scrollWidth > frame.clientWidth + 1) out.push(`${name}'s content is ${frame.scrollWidth} px in a ${frame.clientWidth} px box`);
  }
  return out;
}

/** Init script: sums layout-shift entries not caused by input, as Lighthouse's CLS does for a load. */
function watchLayoutShifts() {
  window.__layoutShift = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__layoutShift += entry.value;
  }).observe({ type: 'layout-shift', buffered: true });
}
