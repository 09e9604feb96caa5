// `npm run test:demo`: opens the interactive article (demo/, as `npm start` serves it,
// on the built dist/) in headless Chromium, the way a reader gets it. It checks that every
// element on the page reaches state="ready", and fails on console errors, uncaught
// exceptions, failed requests and HTTP errors. It looks twice: at desktop width in light
// mode, and at phone width (390 px) in dark mode, where nothing may overflow sideways.
//
//   npm run build && npm run test:demo
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { chromiumFlags, chromiumPath } from './chromium.mjs';
import { serveStatic } from './static-server.mjs';
import { watchPage } from './page-watch.mjs';

const TAGS = ['conv-filter-playground', 'pooling-stepper', 'cnn-trainer', 'pretrained-classifier', 'filter-grid'];
const TIMEOUT_MS = Number(process.env.DEMO_TIMEOUT_MS ?? 180_000);
const VIEWS = [
  { name: 'desktop, light', viewport: { width: 1280, height: 900 }, colorScheme: 'light' },
  { name: 'phone, dark', viewport: { width: 390, height: 844 }, colorScheme: 'dark', isMobile: true, hasTouch: true },
];

if (!existsSync('dist/cnn-elements.js')) {
  console.error('dist/cnn-elements.js is missing: run `npm run build` first, then `npm run test:demo`.');
  process.exit(1);
}

const { server, url: origin } = await serveStatic('.', { redirects: { '/': '/demo/' } });
const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumFlags({ webgpu: true }) });
let failed = false;
try {
  for (const view of VIEWS) {
    const started = Date.now();
    const { problems, summary } = await check(view);
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`${problems.length ? 'FAIL' : 'ok  '}  demo (${view.name}, ${secs} s): ${summary}`);
    for (const p of problems) console.log(`        - ${p}`);
    failed ||= problems.length > 0;
  }
} finally {
  await browser.close();
  server.close();
}
if (failed) process.exit(1);

async function check({ viewport, colorScheme, isMobile = false, hasTouch = false }) {
  const problems = [];
  const context = await browser.newContext({ viewport, colorScheme, isMobile, hasTouch });
  const page = await context.newPage();
  const stopWatching = watchPage(page, problems, { origin });
  let summary = '';
  try {
    await page.goto(`${origin}/demo/`);
    const settled = await page
      .waitForFunction(
        (tags) => {
          const all = [...document.querySelectorAll(tags.join(','))];
          return all.length > 0 && all.every((el) => el.getAttribute('state') === 'ready' || el.getAttribute('state') === 'error');
        },
        TAGS,
        { timeout: TIMEOUT_MS, polling: 250 },
      )
      .then(() => true)
      .catch(() => false);
    // Let the first computations (ready → busy → ready) run and report.
    await page.waitForTimeout(1000);
    const report = await page.evaluate((tags) => {
      const elements = [...document.querySelectorAll(tags.join(','))].map((el) => ({
        tag: el.localName,
        id: el.id,
        state: el.getAttribute('state'),
        message: el.shadowRoot?.querySelector('[part~="error"]')?.textContent?.trim() ?? '',
      }));
      return { elements, overflow: document.documentElement.scrollWidth - window.innerWidth, tags: new Set(elements.map((e) => e.tag)).size };
    }, TAGS);
    const counts = {};
    for (const e of report.elements) counts[e.tag] = (counts[e.tag] ?? 0) + 1;
    summary = Object.entries(counts)
      .map(([tag, n]) => `${n}× <${tag}>`)
      .join(', ');
    if (!settled) problems.push(`not every element was ready after ${TIMEOUT_MS / 1000} s`);
    if (report.tags < TAGS.length) problems.push(`the article shows ${report.tags} of the ${TAGS.length} elements`);
    for (const e of report.elements) {
      if (e.state !== 'ready') problems.push(`<${e.tag}${e.id ? ` id="${e.id}"` : ''}> is "${e.state}"${e.message ? `: ${e.message}` : ''}`);
      else if (e.message) problems.push(`<${e.tag}${e.id ? ` id="${e.id}"` : ''}> shows an error: ${e.message}`);
    }
    if (report.overflow > 1) problems.push(`the page is ${report.overflow} px wider than the ${viewport.width} px screen`);
  } catch (e) {
    problems.push(`could not open the demo: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    stopWatching();
    await context.close();
  }
  return { problems, summary };
}
