#!/usr/bin/env node
// `npm run bench:load`: what a page pays to show one element. For each element, a page
// that imports only `dist/<tag>.js` and holds one tag is loaded in a fresh headless
// Chromium context (cold cache), several times, and the table gives:
//   - the JS (gzip) the page had loaded when the element was defined (what it needs to
//     render), and when it had its first computed result;
//   - the time from the page's first script to the first paint (the element's frame and
//     controls on screen, before TensorFlow.js) and to the first result.
// Needs `npm run build` first (dist/). Usage: npm run bench:load -- [--runs N] [--backend NAME]
// LOAD_DEBUG=1 also prints, per load, when the element was defined and how many files it took.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { serveStatic } from '../scripts/static-server.mjs';
import { chromiumFlags, chromiumPath } from '../scripts/chromium.mjs';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const { values: opts } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, backend: { type: 'string', default: '' } },
});
const runs = Math.max(1, Number(opts.runs) || 5);

/** Each element as an author would drop it, and what counts as its first result. */
const ELEMENTS = {
  'conv-filter-playground': {
    markup: '<conv-filter-playground sample="cat" kernel="edge"></conv-filter-playground>',
    result: 'output',
  },
  'pooling-stepper': { markup: '<pooling-stepper></pooling-stepper>', result: 'ready' },
  'cnn-trainer': { markup: '<cnn-trainer></cnn-trainer>', result: 'ready' },
  'pretrained-classifier': { markup: '<pretrained-classifier></pretrained-classifier>', result: 'ready' },
  'filter-grid': { markup: '<filter-grid></filter-grid>', result: 'ready' },
};

const pageDir = join(ROOT, '.cache/load');
mkdirSync(pageDir, { recursive: true });
for (const [tag, { markup, result }] of Object.entries(ELEMENTS)) {
  const backend = opts.backend ? markup.replace(`<${tag}`, `<${tag} backend="${opts.backend}"`) : markup;
  writeFileSync(
    join(pageDir, `${tag}.html`),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<script>
  // Time zero: the page's first script, before the element's module is even requested.
  window.__load = { t0: performance.now() };
  const scripts = () => performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.js')).map((e) => new URL(e.name).pathname);
  customElements.whenDefined('${tag}').then(async () => {
    // Defined: the element's module and its static imports have run; what was fetched by now is what it needs to render.
    Object.assign(window.__load, { defined: performance.now() - window.__load.t0, renderScripts: scripts() });
    const el = document.querySelector('${tag}');
    await el.updateComplete;
    // Painted: the browser's first contentful paint, which on this page (nothing else in it) is the element's.
    const fcp = () => performance.getEntriesByName('first-contentful-paint')[0];
    while (!fcp()) await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
    Object.assign(window.__load, { paint: fcp().startTime - window.__load.t0 });
    ${result === 'output' ? "if (!el.__output) await new Promise((r) => el.addEventListener('output', r, { once: true }));" : 'await el.ready;'}
    Object.assign(window.__load, { result: performance.now() - window.__load.t0, resultScripts: scripts(), state: el.state });
  });
</script>
<script type="module" src="/dist/${tag}.js"></script></head>
<body>${backend}
<script>document.querySelector('${tag}').addEventListener('output', (e) => (e.target.__output = true), { once: true });</script>
</body></html>`,
  );
}

const gzipSize = (path) => gzipSync(readFileSync(join(ROOT, path))).length;
const kb = (paths) => (paths.reduce((sum, p) => sum + gzipSize(p), 0) / 1024).toFixed(1);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const { server, url } = await serveStatic(ROOT);
const browser = await chromium.launch({
  executablePath: chromiumPath(),
  headless: true,
  args: chromiumFlags({ webgpu: true }),
});
const rows = [];
const problems = [];
try {
  for (const tag of Object.keys(ELEMENTS)) {
    const paints = [];
    const results = [];
    let last;
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await page.goto(`${url}/.cache/load/${tag}.html`);
      try {
        await page.waitForFunction(() => window.__load?.result !== undefined, null, {
          timeout: 120000,
          polling: 50,
        });
        last = await page.evaluate(() => window.__load);
        paints.push(last.paint);
        results.push(last.result);
        if (process.env.LOAD_DEBUG)
          console.error(
            tag,
            JSON.stringify({ defined: last.defined, paint: last.paint, files: last.renderScripts.length }),
          );
      } catch (e) {
        problems.push(`${tag}: ${e.message.split('\n')[0]} ${errors.join(' | ')}`);
      }
      if (errors.length) problems.push(`${tag}: ${errors.join(' | ')}`);
      await context.close();
    }
    if (last)
      rows.push([
        tag,
        kb(last.renderScripts),
        kb(last.resultScripts),
        median(paints).toFixed(0),
        median(results).toFixed(0),
        String(paints.length),
      ]);
    process.stderr.write(`bench:load: ${tag} done\n`);
  }
} finally {
  await browser.close();
  server.close();
}

const header = [
  'element page (dist/<tag>.js)',
  'JS to render, KB gzip',
  'JS at first result, KB gzip',
  'first paint ms',
  'first result ms',
  'runs',
];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) =>
  `| ${cells.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ')} |`;
console.log(line(header));
console.log(`|${widths.map((w, i) => (i ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`);
for (const r of rows) console.log(line(r));
console.log(
  'Medians over cold loads from a local server. "JS to render": the .js files fetched when the element was defined (its module ' +
    'and static imports, before TensorFlow.js). "First paint": the first contentful paint. "First result": the playground\'s ' +
    'first feature map drawn, the others ready (backend, data and model loaded). JS sizes are gzip-compressed.',
);
if (problems.length) {
  for (const p of problems) console.error(`bench:load: error: ${p}`);
  process.exit(1);
}
