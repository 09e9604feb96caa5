// `npm run test:demo`: opens the interactive article (demo/, as `npm start` serves it,
// on the built dist/) in headless Chromium, the way a reader gets it. It checks that every
// element on the page reaches state="ready", and fails on console errors, uncaught
// exceptions, failed requests and HTTP errors. It looks twice: at desktop width in light
// mode, and at phone width (390 px) in dark mode, where nothing may overflow sideways, and
// that the caption beside the network view follows its `network-update` event.
// Then it trains a small network with the built trainer on the CPU backend, once with the
// library on the page's origin and once from another origin (as from a CDN), and checks
// that the batches ran in the training worker (dist/train-worker.js).
//
//   npm run build && npm run test:demo
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumFlags, chromiumPath } from './chromium.mjs';
import { readThrough } from './read-through.mjs';
import { serveStatic } from './static-server.mjs';
import { watchPage } from './page-watch.mjs';
import { TAGS } from './tags.mjs';

const TIMEOUT_MS = Number(process.env.DEMO_TIMEOUT_MS ?? 180_000);
const VIEWS = [
  { name: 'desktop, light', viewport: { width: 1280, height: 900 }, colorScheme: 'light' },
  {
    name: 'phone, dark',
    viewport: { width: 390, height: 844 },
    colorScheme: 'dark',
    isMobile: true,
    hasTouch: true,
  },
];

if (!existsSync('dist/cnn-elements.js')) {
  console.error('dist/cnn-elements.js is missing: run `npm run build` first, then `npm run test:demo`.');
  process.exit(1);
}

const { server, url: origin } = await serveStatic('.', { redirects: { '/': '/demo/' } });
const browser = await chromium.launch({
  executablePath: chromiumPath(),
  args: chromiumFlags({ webgpu: true }),
});
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
  for (const where of ['same origin', 'another origin']) {
    const started = Date.now();
    const { problems, summary } = await checkWorker(where);
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `${problems.length ? 'FAIL' : 'ok  '}  trainer worker (library from ${where}, ${secs} s): ${summary}`,
    );
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
    const settled = await readThrough(page, TAGS, TIMEOUT_MS);
    // Let the first computations (ready → busy → ready) run and report.
    await page.waitForTimeout(1000);
    // Compared with the screen width asked for: a mobile viewport grows to fit what is too wide.
    const report = await page.evaluate(
      ({ tags, width }) => {
        const elements = [...document.querySelectorAll(tags.join(','))].map((el) => ({
          tag: el.localName,
          id: el.id,
          state: el.getAttribute('state'),
          message: el.shadowRoot?.querySelector('[part~="error"]')?.textContent?.trim() ?? '',
          // The article declares "light dark": each element takes the reader's scheme.
          dark: (() => {
            const style = getComputedStyle(el);
            const luminance = (rgb) =>
              rgb
                .match(/[\d.]+/g)
                .slice(0, 3)
                .reduce((a, v, i) => a + v * [0.2126, 0.7152, 0.0722][i], 0);
            return luminance(style.backgroundColor) < luminance(style.color);
          })(),
        }));
        return {
          elements,
          overflow: document.documentElement.scrollWidth - width,
          reading: document.getElementById('network-reading')?.textContent ?? '',
          tags: new Set(elements.map((e) => e.tag)).size,
        };
      },
      { tags: TAGS, width: viewport.width },
    );
    const counts = {};
    for (const e of report.elements) counts[e.tag] = (counts[e.tag] ?? 0) + 1;
    summary = Object.entries(counts)
      .map(([tag, n]) => `${n}× <${tag}>`)
      .join(', ');
    if (!settled) problems.push(`not every element was ready after ${TIMEOUT_MS / 1000} s`);
    if (report.tags < TAGS.length)
      problems.push(`the article shows ${report.tags} of the ${TAGS.length} elements`);
    for (const e of report.elements) {
      if (e.state !== 'ready')
        problems.push(
          `<${e.tag}${e.id ? ` id="${e.id}"` : ''}> is "${e.state}"${e.message ? `: ${e.message}` : ''}`,
        );
      else if (e.message)
        problems.push(`<${e.tag}${e.id ? ` id="${e.id}"` : ''}> shows an error: ${e.message}`);
      if (e.dark !== (colorScheme === 'dark'))
        problems.push(
          `<${e.tag}${e.id ? ` id="${e.id}"` : ''}> is ${e.dark ? 'dark' : 'light'} on a ${colorScheme} page`,
        );
    }
    if (report.overflow > 1)
      problems.push(`the page is ${report.overflow} px wider than the ${viewport.width} px screen`);
    // The caption the article writes from the network view's network-update event.
    if (!/^The network reads \S+ \(\d+%\)/.test(report.reading))
      problems.push(
        `the network view's caption did not follow its network-update event: "${report.reading}"`,
      );
  } catch (e) {
    problems.push(`could not open the demo: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    stopWatching();
    await context.close();
  }
  return { problems, summary };
}

/**
 * Trains 2 batches with the built `<cnn-trainer backend="cpu">` on a page of its own (one
 * backend per page), the library served from the page's origin or from another one
 * (localhost vs 127.0.0.1), and reads where the batches ran from the progress line.
 */
async function checkWorker(where) {
  const problems = [];
  const body = `<!doctype html><title>worker check</title><script type="module">
    import '${origin}/dist/cnn-trainer.js';
    const el = document.createElement('cnn-trainer');
    const layers = [{ type: 'conv2d', filters: 2, kernelSize: 3 }, { type: 'flatten' }, { type: 'dense', units: 10, activation: 'softmax' }];
    Object.entries({ backend: 'cpu', layers: JSON.stringify(layers), 'train-size': '100', epochs: '1', 'batch-size': '50' })
      .forEach(([k, v]) => el.setAttribute(k, v));
    document.body.append(el);
    await el.ready;
    while (!el.model) await new Promise((r) => setTimeout(r, 20));
    await el.train();
    window.progressText = el.shadowRoot.querySelector('[part="progress"]').textContent.replace(/\\s+/g, ' ').trim();
  </script>`;
  // Another origin is another port: a second server, serving only this page.
  const dir = mkdtempSync(join(tmpdir(), 'cnn-worker-check-'));
  writeFileSync(join(dir, 'index.html'), body);
  const other = where === 'same origin' ? undefined : await serveStatic(dir);
  const pageUrl = other ? `${other.url}/` : `${origin}/__trainer-worker-check.html`;
  const context = await browser.newContext();
  const page = await context.newPage();
  if (!other) await page.route(pageUrl, (route) => route.fulfill({ contentType: 'text/html', body }));
  const stopWatching = watchPage(page, problems, { origin });
  let summary = '';
  try {
    await page.goto(pageUrl);
    const text = await page
      .waitForFunction(() => window.progressText, undefined, { timeout: 90_000, polling: 250 })
      .then((h) => h.jsonValue());
    summary = text;
    if (!text.includes('in a Web Worker'))
      problems.push('the batches ran on the page, not in the training worker');
  } catch (e) {
    problems.push(`the trainer did not finish: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    stopWatching();
    await context.close();
    other?.server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return { problems, summary };
}
