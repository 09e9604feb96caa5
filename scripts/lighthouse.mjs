// `npm run lighthouse` (after `npm run build`): Lighthouse 12, desktop preset, with the system
// Chromium, on the demo article and on one plain page per element, served the way `npm start`
// serves them (gzip, an hour's cache). Prints the four category scores of each page and the
// audits that cost points; exits 1 when a page misses the bar:
//   demo:          performance ≥ 90, accessibility, best practices and SEO 100;
//   element pages: accessibility 100 (an <h1>, a paragraph, then the tag: its headings must
//                  follow the page's order, as in an author's article).
// Not part of `npm test`: scores of a shared CI machine are noisy, and a run takes minutes.
//   node scripts/lighthouse.mjs [demo|<tag> …]     LIGHTHOUSE_JSON=dir keeps each full report.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { chromiumFlags, chromiumPath } from './chromium.mjs';
import { serveStatic } from './static-server.mjs';
import { TAGS } from './tags.mjs';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const DEMO_BAR = { performance: 90, accessibility: 100, 'best-practices': 100, seo: 100 };
const ELEMENT_BAR = { accessibility: 100 };

const wanted = process.argv.slice(2);
const pages = ['demo', ...TAGS].filter((p) => !wanted.length || wanted.includes(p));

// The site: the repository's dist/, assets/ and demo/, plus one generated page per element.
const root = mkdtempSync(join(tmpdir(), 'cnn-lighthouse-'));
for (const dir of ['dist', 'assets', 'demo']) symlinkSync(resolve(dir), join(root, dir));
mkdirSync(join(root, 'pages'));
for (const tag of TAGS) writeFileSync(join(root, 'pages', `${tag}.html`), elementPage(tag));

const { server, url } = await serveStatic(root, { compress: true, maxAge: 3600 });
const chrome = await chromeLauncher.launch({
  chromePath: chromiumPath(),
  chromeFlags: ['--headless=new', ...chromiumFlags({ webgpu: false })],
});
let failed = 0;
try {
  for (const name of pages) {
    const address = name === 'demo' ? `${url}/demo/` : `${url}/pages/${name}.html`;
    const result = await lighthouse(
      address,
      { port: chrome.port, output: 'json', logLevel: 'error' },
      desktopConfig,
    );
    const lhr = result.lhr;
    if (process.env.LIGHTHOUSE_JSON) {
      mkdirSync(process.env.LIGHTHOUSE_JSON, { recursive: true });
      writeFileSync(join(process.env.LIGHTHOUSE_JSON, `${name}.json`), result.report);
    }
    const scores = Object.fromEntries(
      CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)]),
    );
    const bar = name === 'demo' ? DEMO_BAR : ELEMENT_BAR;
    const misses = Object.entries(bar).filter(([c, min]) => scores[c] < min);
    if (misses.length) failed++;
    console.log(
      `${misses.length ? 'FAIL' : 'ok  '}  ${name.padEnd(22)} ${CATEGORIES.map((c) => `${c} ${scores[c]}`).join(' · ')}`,
    );
    if (lhr.runtimeError) console.log(`        runtime error: ${lhr.runtimeError.message}`);
    for (const [category] of Object.entries(bar)) {
      for (const ref of lhr.categories[category]?.auditRefs ?? []) {
        const audit = lhr.audits[ref.id];
        if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
          console.log(
            `        ${category}: ${audit.title}${audit.displayValue ? ` (${audit.displayValue})` : ''}`,
          );
        }
      }
    }
  }
} finally {
  await chrome.kill();
  server.close();
}
if (failed) process.exit(1);

/** A course author's page with one element: a heading, a sentence, the tag. */
function elementPage(tag) {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="description" content="A course page with the ${tag} element of cnn-elements." />
    <title>${tag} · cnn-elements</title>
    <script type="module" src="../dist/${tag}.js"></script>
    <style>body { max-width: 50rem; margin: 2rem auto; padding: 0 1rem; font: 16px/1.5 system-ui, sans-serif; }</style>
  </head>
  <body>
    <main>
      <h1>A lesson on convolutional networks</h1>
      <p>Try it yourself:</p>
      <${tag}></${tag}>
    </main>
  </body>
</html>
`;
}
