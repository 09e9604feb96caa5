// Framework interop test: opens the React 19 and Vue 3 pages built by
// scripts/build-interop.mjs in headless Chromium and checks that attributes,
// properties and events pass between each framework and the elements:
//   - both elements reach state="ready" on the CPU backend;
//   - the attributes written in JSX/the template (`pool-size`, `max-size`, `backend`)
//     reached the elements, and `max-size` took effect (the feature map is ≤ 32 px);
//   - `stride="2"`, which both frameworks set as the property with the template's text
//     ("2"), reached the playground as the number 2;
//   - the rich properties (`values` for <pooling-stepper>, `kernel` for
//     <conv-filter-playground>) arrived as arrays, not strings, and the stepper pooled
//     that map (compared with a max pool computed here);
//   - a click on the stepper's Next button and an edit of a kernel cell, inside the
//     shadow roots, reached the app's handlers (the app writes what it got to the page);
//   - the app's own update (mode → avg) reached the element, and the edited kernel the
//     app passed back as a property did not fire kernel-change again;
//   - no console error, uncaught exception or failed request.
//
//   npm run test:interop    (builds the pages, then runs this)
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumFlags, chromiumPath } from './chromium.mjs';
import { serveStatic } from './static-server.mjs';
import { OUT_DIR } from './build-interop.mjs';
import { describeStep, KERNEL, MAP } from '../tests/interop/fixture.js';
import { watchPage } from './page-watch.mjs';

const APPS = ['react', 'vue'];
const TIMEOUT_MS = Number(process.env.INTEROP_TIMEOUT_MS ?? 60_000);
const FRAMEWORK = { react: /^react 19\./, vue: /^vue 3\./ };

for (const app of APPS) {
  if (!existsSync(join(OUT_DIR, app, 'index.html'))) {
    console.error(
      `.cache/interop/${app}/index.html is missing: run \`node scripts/build-interop.mjs\` first (npm run test:interop does).`,
    );
    process.exit(1);
  }
}

const { server, url: origin } = await serveStatic(OUT_DIR);
// The CPU backend is forced on the elements: WebGPU stays off to keep the run short.
const browser = await chromium.launch({
  executablePath: chromiumPath(),
  args: chromiumFlags({ webgpu: false }),
});
let failed = 0;
/** Things worth knowing that do not fail the test. */
const notes = [];
try {
  for (const app of APPS) {
    const started = Date.now();
    const problems = await check(app);
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    if (problems.length === 0) console.log(`  ok    ${app} (${secs} s)`);
    else {
      failed++;
      console.log(`  FAIL  ${app} (${secs} s)`);
      for (const p of problems) console.log(`        - ${p}`);
    }
  }
} finally {
  await browser.close();
  server.close();
}
for (const note of notes) console.log(`  note: ${note}`);
console.log(`interop: ${APPS.length - failed} passed, ${failed} failed`);
if (failed) process.exit(1);

/** Runs every check on one app's page; returns what went wrong. */
async function check(app) {
  const problems = [];
  const expect = (ok, message) => {
    if (!ok) problems.push(message);
  };
  const page = await browser.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  watchPage(page, problems);
  const stepper = page.locator('#stepper');
  const playground = page.locator('#playground');
  try {
    await page.goto(`${origin}/${app}/`);
    const framework = await page.locator('main').getAttribute('data-framework');
    expect(FRAMEWORK[app].test(framework ?? ''), `the page runs ${framework}, not ${FRAMEWORK[app]}`);
    await waitReady(page);

    // Attributes written in the markup.
    const attrs = await page.evaluate(() => {
      const s = document.querySelector('#stepper');
      const p = document.querySelector('#playground');
      return {
        poolSizeAttr: s.getAttribute('pool-size'),
        poolSize: String(s.poolSize),
        maxSizeAttr: p.getAttribute('max-size'),
        maxSize: p.maxSize,
        stride: p.stride,
        backends: [s.getAttribute('backend'), p.getAttribute('backend')],
      };
    });
    expect(
      attrs.poolSizeAttr === '2' && attrs.poolSize === '2',
      `pool-size did not reach the stepper: ${JSON.stringify(attrs)}`,
    );
    expect(
      attrs.maxSizeAttr === '32' && attrs.maxSize === 32,
      `max-size did not reach the playground: ${JSON.stringify(attrs)}`,
    );
    expect(
      attrs.stride === 2,
      `stride="2" reached the playground as ${JSON.stringify(attrs.stride)}, not the number 2`,
    );
    expect(
      attrs.backends.every((b) => b === 'cpu'),
      `backend="cpu" did not reach both elements: ${attrs.backends}`,
    );

    // Rich properties, read back from the elements, and what the elements made of them.
    const props = await page.evaluate(async () => {
      const s = document.querySelector('#stepper');
      const p = document.querySelector('#playground');
      const pooled = await s.getOutput();
      const map = await p.getOutput();
      return {
        valuesIsArray: Array.isArray(s.values),
        values: JSON.parse(JSON.stringify(s.values)),
        valuesAttr: s.getAttribute('values'),
        kernel: JSON.parse(JSON.stringify(p.kernel)),
        kernelAttr: p.getAttribute('kernel'),
        steps: s.steps,
        pooled: [...pooled.values],
        mapShape: map.shape,
      };
    });
    expect(
      props.valuesIsArray && same(props.values, MAP),
      `values did not arrive as the app's array: ${JSON.stringify(props.values)}`,
    );
    expect(
      props.valuesAttr === null,
      `values went through an attribute ("${props.valuesAttr}"), not the property`,
    );
    expect(
      same(props.kernel, KERNEL),
      `kernel did not arrive as the app's array: ${JSON.stringify(props.kernel)}`,
    );
    expect(
      props.kernelAttr === null,
      `kernel went through an attribute ("${props.kernelAttr}"), not the property`,
    );
    expect(
      props.steps === 4 &&
        same(
          props.pooled,
          pool2x2(MAP, (xs) => Math.max(...xs)),
        ),
      `the stepper did not pool the app's map: ${JSON.stringify(props)}`,
    );
    expect(
      Math.max(props.mapShape[0], props.mapShape[1]) <= 32,
      `max-size="32" had no effect: feature map ${props.mapShape}`,
    );

    // Events from inside the shadow roots reach the app's handlers.
    await stepper.getByRole('button', { name: 'Next window' }).click();
    const expectedStep = describeStep({ index: 1, row: 0, col: 1, result: Math.max(2, 0, 6, 5) });
    await expectText(page, '#step-log', expectedStep, problems, 'the step event');

    await playground.getByLabel('Weight row 2, column 2').fill('5');
    const edited = KERNEL.map((row, r) => row.map((v, c) => (r === 1 && c === 1 ? 5 : v)));
    await expectText(page, '#kernel-log', JSON.stringify(edited), problems, 'the kernel-change event');
    await expectText(page, '#kernel-count', '1', problems, 'the kernel-change count');

    // Committing the cell (Tab, as a reader leaves it) fires `change` too; then the app's
    // own updates must reach the elements and fire no event back.
    await playground.getByLabel('Weight row 2, column 2').press('Tab');
    await waitReady(page);
    const changes = await page.locator('#kernel-count').textContent();
    const stepBefore = await page.locator('#step-log').textContent();
    if (changes !== '1')
      notes.push(
        `${app}: kernel-change fired ${changes} times for one cell edit (on input, again on commit)`,
      );
    await page.locator('#app-update').click();
    await page
      .waitForFunction(() => document.querySelector('#stepper').getAttribute('mode') === 'avg')
      .catch(() => {
        problems.push('the app set mode to avg, but the stepper did not take it');
      });
    await waitReady(page);
    const after = await page.evaluate(async () => {
      const s = document.querySelector('#stepper');
      const p = document.querySelector('#playground');
      return {
        pooled: [...(await s.getOutput()).values],
        kernel: JSON.parse(JSON.stringify(p.kernel)),
        count: document.querySelector('#kernel-count').textContent,
        step: document.querySelector('#step-log').textContent,
      };
    });
    expect(
      same(after.pooled, pool2x2(MAP, mean)),
      `the stepper did not average after the app set mode: ${after.pooled}`,
    );
    expect(
      same(after.kernel, KERNEL),
      `the kernel the app set did not reach the playground: ${JSON.stringify(after.kernel)}`,
    );
    expect(
      after.count === changes,
      `kernel-change fired when the app set the kernel: ${changes} → ${after.count} events`,
    );
    expect(after.step === stepBefore, `a step event fired when the app changed the mode: ${after.step}`);
  } catch (e) {
    problems.push(e instanceof Error ? e.message : String(e));
  } finally {
    await page.close();
  }
  return problems;
}

/** Waits until both elements are ready (loaded and not computing). */
async function waitReady(page) {
  await page.waitForFunction(
    () =>
      ['#stepper', '#playground'].every((s) => document.querySelector(s)?.getAttribute('state') === 'ready'),
    undefined,
    { polling: 50 },
  );
}

/** Waits for an element's text to become `expected`; records a problem if it does not. */
async function expectText(page, selector, expected, problems, what) {
  try {
    await page.waitForFunction(
      ([s, t]) => document.querySelector(s)?.textContent === t,
      [selector, expected],
      { timeout: 10_000 },
    );
  } catch {
    const actual = await page.locator(selector).textContent();
    problems.push(`${what} did not reach the app: ${selector} shows "${actual}", expected "${expected}"`);
  }
}

/** 2×2 pooling with stride 2 (valid padding), written out plainly as the reference. */
function pool2x2(map, reduce) {
  const out = [];
  for (let r = 0; r + 1 < map.length; r += 2) {
    for (let c = 0; c + 1 < map[0].length; c += 2)
      out.push(reduce([map[r][c], map[r][c + 1], map[r + 1][c], map[r + 1][c + 1]]));
  }
  return out;
}

function mean(xs) {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

function same(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}
