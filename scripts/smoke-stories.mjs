// Smoke test of the built Storybook: opens every story and every autodocs page of
// storybook-static/ in headless Chromium (WebGPU on, as readers get it) and fails
// on any console error, uncaught exception, failed request, story that does not
// render or renders none of the five elements, or element that does not reach
// state="ready" or that shows an error message in a story (state="error" and messages
// are allowed only where the entry's id contains "error"; docs pages repeat those
// stories), and on any axe-core violation inside the elements of a story.
// A story opens on a phone, as many readers of a course see it, and must fit one
// (screen-fit.mjs, as the demo in `npm run test:widths`): at 320, 390 and 768 px, nothing wider
// than the screen or spilling out of an element, every control at least 24×24 px, and the
// layout shift of its load below 0.05. A docs page, which shows every story of its component,
// opens on a desktop screen, and so does the article: it is the demo's, which
// `npm run test:widths` reads through on a phone one page at a time (its lazy elements start
// as the reader scrolls, and beside another page here they started late enough to shift it).
//
//   npm run build-storybook && npm run test:stories
//
// Env: SMOKE_TIMEOUT_MS (per entry, default 60000), SMOKE_ONLY (substring of the
// entry ids to run), SMOKE_CONCURRENCY (entries open at once, default 2: an entry spends
// most of its time waiting on its elements' start, so two share a 2-core machine well).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumFlags, chromiumPath } from './chromium.mjs';
import { readThrough } from './read-through.mjs';
import { fitProblems, loadShiftProblems, PHONE, watchLayoutShifts } from './screen-fit.mjs';
import { serveStatic } from './static-server.mjs';
import { watchPage } from './page-watch.mjs';
import { TAGS } from './tags.mjs';

const ROOT = resolve('storybook-static');
const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const TIMEOUT_MS = Number(process.env.SMOKE_TIMEOUT_MS ?? 60_000);
const CONCURRENCY = Math.max(1, Number(process.env.SMOKE_CONCURRENCY ?? 2));
/** The scroll through a page of lazy elements (the article), before TIMEOUT_MS starts. */
const READ_THROUGH_MS = 4 * TIMEOUT_MS;
/** How long to watch a story after its elements are first ready, to catch the errors of their first computation. */
const SETTLE_MS = 500;

/**
 * Console errors that are not the story's fault. Empty on purpose: every entry
 * needs a reason written next to it.
 * @type {RegExp[]}
 */
const BENIGN_CONSOLE_ERRORS = [];

if (!existsSync(join(ROOT, 'index.json'))) {
  console.error(
    'storybook-static/index.json is missing: run `npm run build-storybook` first, then `npm run test:stories`.',
  );
  process.exit(1);
}

const index = JSON.parse(readFileSync(join(ROOT, 'index.json'), 'utf8'));
const only = process.env.SMOKE_ONLY;
// Stories, and the docs pages generated from them (MDX pages, if any come, may hold no element).
const entries = Object.values(index.entries)
  .filter((e) => e.type === 'story' || (e.type === 'docs' && e.tags?.includes('autodocs')))
  .filter((e) => !only || e.id.includes(only))
  .map((e) => ({ id: e.id, viewMode: e.type === 'docs' ? 'docs' : 'story' }));
if (entries.length === 0) {
  console.error(`No stories in storybook-static/index.json${only ? ` matching SMOKE_ONLY=${only}` : ''}.`);
  process.exit(1);
}

const { server, url: origin } = await serveStatic(ROOT);

const browser = await chromium.launch({
  executablePath: chromiumPath(),
  args: chromiumFlags({ webgpu: true }),
});
const phone = await browser.newContext(PHONE);
// A tall viewport: docs pages load stories in their own iframes lazily, only once scrolled into view.
const desktop = await browser.newContext({ viewport: { width: 1200, height: 6000 } });
console.log(
  `Smoke-testing ${entries.length} stories and docs pages from storybook-static/ in ${browser.version()} at ${origin}`,
);

const failures = [];
let passed = 0;
const waiting = [...entries];
/** Opens entries one after another until none is left; CONCURRENCY of these run side by side. */
async function openEntries() {
  for (let entry = waiting.shift(); entry; entry = waiting.shift()) {
    const { id, viewMode } = entry;
    const started = Date.now();
    const { problems, summary } = await runStory(id, viewMode);
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    if (problems.length === 0) {
      passed++;
      console.log(`  ok    ${id} (${secs} s) ${summary}`);
    } else {
      failures.push({ id, problems });
      console.log(`  FAIL  ${id} (${secs} s) ${summary}`);
      for (const p of problems) console.log(`        - ${p}`);
    }
  }
}
try {
  await Promise.all(Array.from({ length: CONCURRENCY }, openEntries));
} finally {
  await browser.close();
  server.close();
}

console.log(`stories: ${passed} passed, ${failures.length} failed`);
if (failures.length > 0) {
  console.log(`Failed: ${failures.map((f) => f.id).join(', ')}`);
  process.exit(1);
}

/** Opens one story or docs page in a fresh page; returns what went wrong and a one-line description of its elements. */
async function runStory(id, viewMode) {
  const problems = [];
  const story = viewMode === 'story';
  const onPhone = story && !id.startsWith('article--');
  const page = await (onPhone ? phone : desktop).newPage();
  const stopWatching = watchPage(page, problems, { origin, benign: BENIGN_CONSOLE_ERRORS });
  if (onPhone) await page.addInitScript(watchLayoutShifts);

  // `settled` and `describe` run in the page and share `views`, defined there first.
  await page.addInitScript({ content: `window.__smokeViews = ${views.toString()};` });
  let summary = '';
  try {
    await page.goto(`${origin}/iframe.html?id=${encodeURIComponent(id)}&viewMode=${viewMode}`, {
      timeout: TIMEOUT_MS,
    });
    // The article's elements are lazy: scroll through it first, as a reader does. Its walk has
    // its own budget (each of its elements loads on the way); every story then has TIMEOUT_MS.
    const walked = await readThrough(page, TAGS, READ_THROUGH_MS);
    const deadline = Date.now() + TIMEOUT_MS;
    const waitSettled = () =>
      page
        .waitForFunction(settled, TAGS, { timeout: Math.max(1, deadline - Date.now()), polling: 100 })
        .then(() => 'settled')
        .catch((e) => (e?.name === 'TimeoutError' ? 'timeout' : Promise.reject(e)));
    let outcome = await waitSettled();
    // onReady starts the first computation (ready → busy → ready): let it run and settle again.
    if (outcome === 'settled') {
      await page.waitForTimeout(SETTLE_MS);
      outcome = await waitSettled();
    }
    const report = await page.evaluate(describe, TAGS);
    summary = report.elements.map((e) => `<${e.tag} state=${e.state} backend=${e.backend}>`).join(' ');
    if (report.storyError) problems.push(`Storybook could not render the story: ${report.storyError}`);
    else if (outcome === 'timeout') {
      problems.push(
        `not ready after ${walked ? TIMEOUT_MS / 1000 : (READ_THROUGH_MS + TIMEOUT_MS) / 1000} s: ${summary || 'it rendered none of the five elements'}`,
      );
    }
    // A story about an error may show one; any other shows none, fatal (state="error") or not
    // (a ready element that says something failed, as the demo check also refuses). A docs
    // page repeats its component's stories, the error stories among them.
    for (const e of report.elements) {
      if (id.includes('error')) continue;
      if (e.state === 'error')
        problems.push(`<${e.tag}> ended in state="error": ${e.message || '(no message shown)'}`);
      else if (e.message && story) problems.push(`<${e.tag}> shows an error: ${e.message}`);
    }
    // The shifts of the story's load, the accessibility of what it shows (error messages
    // included; docs pages repeat the stories), and whether it fits a phone.
    if (story && outcome === 'settled') {
      if (onPhone) problems.push(...(await loadShiftProblems(page)));
      await page.addScriptTag({ path: AXE_SCRIPT });
      problems.push(...(await page.evaluate(axeViolations, TAGS)).map((v) => `axe: ${v}`));
      if (onPhone) problems.push(...(await fitProblems(page)));
    }
  } catch (e) {
    problems.push(`could not open the story: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    // Requests cut short by closing the page are not the story's fault.
    stopWatching();
    await page.close();
  }
  return { problems, summary };
}

/** In the page: axe-core's violations inside the elements (it reads their open shadow roots). */
async function axeViolations(tags) {
  const present = tags.filter((t) => document.querySelector(t));
  if (!present.length) return [];
  const { violations } = await window.axe.run(
    { include: present.map((t) => [t]) },
    { resultTypes: ['violations'] },
  );
  return violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}; ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' > '))
        .join(', ')}`,
  );
}

/**
 * In the page: the documents that show the entry: the story or docs page itself,
 * and the stories a docs page shows in their own iframe (same origin). Each with
 * whether Storybook finished showing it and its root element.
 */
function views() {
  const docs = [document];
  for (const frame of document.querySelectorAll('iframe')) {
    try {
      if (frame.contentDocument) docs.push(frame.contentDocument);
    } catch {
      // Another origin: not ours.
    }
  }
  return docs.map((doc) => {
    const body = doc.body;
    return {
      error: Boolean(body?.classList.contains('sb-show-errordisplay')),
      errorText: (doc.getElementById('error-message')?.textContent ?? '').trim(),
      shown: Boolean(body?.classList.contains('sb-show-main')),
      root: doc.getElementById('storybook-root')?.childElementCount
        ? doc.getElementById('storybook-root')
        : doc.getElementById('storybook-docs'),
    };
  });
}

/**
 * In the page: true once Storybook showed the entry (or its error screen) and
 * every element of ours in it has finished loading (state ready or error). An
 * entry must show at least one of the five elements.
 */
function settled(tags) {
  const all = window.__smokeViews();
  if (all.some((v) => v.error)) return true;
  if (!all.every((v) => v.shown && v.root && v.root.childElementCount > 0)) return false;
  const elements = all.flatMap((v) => [...v.root.querySelectorAll(tags.join(','))]);
  return (
    elements.length > 0 && elements.every((el) => ['ready', 'error'].includes(el.getAttribute('state') ?? ''))
  );
}

/** In the page: the entry's elements, their state, backend and any error shown, and Storybook's own error. */
function describe(tags) {
  const all = window.__smokeViews();
  const elements = all
    .flatMap((v) => [...(v.root?.querySelectorAll(tags.join(',')) ?? [])])
    .map((el) => ({
      tag: el.localName,
      state: el.getAttribute('state'),
      backend: el.getAttribute('backend'),
      message: el.shadowRoot?.querySelector('[part~="error"]')?.textContent?.trim() ?? '',
    }));
  const failed = all.find((v) => v.error);
  return { elements, storyError: failed ? failed.errorText || 'unknown error' : '' };
}
