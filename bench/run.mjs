#!/usr/bin/env node
// `npm run bench`: builds bench/page.ts, serves the repository on 127.0.0.1, loads the
// page once per backend in headless system Chromium and prints one table.
//
//   npm run bench -- [--runs N] [--warmup N] [--filter TEXT] [--backend NAME]... [--timeout S]
//                    [--compositing auto|software|gpu]
//
// One page load per backend because src/core/runtime/backend.tf.ts picks the backend once per
// page. Pages run one after another so they never compete for the CPU that
// SwiftShader also draws on. Exit code 1 means the harness failed (build, page error,
// timeout, a leaking row), never that a backend is missing on this machine.
import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { serveStatic } from '../scripts/static-server.mjs';
import { chromiumFlags, chromiumPath } from '../scripts/chromium.mjs';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const OUT_DIR = join(ROOT, '.bench-build');
// 'auto' is the library's automatic choice, measured beside each forced backend.
const ALL_BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu', 'auto'];
const DEFAULT_BACKENDS = ALL_BACKENDS;

const USAGE =
  'usage: npm run bench -- [--runs N] [--warmup N] [--filter TEXT] [--backend NAME]... [--timeout SECONDS] [--compositing auto|software|gpu]';
const { values: opts } = parseArgsOrExit({
  options: {
    runs: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '3' },
    filter: { type: 'string', default: '' },
    backend: { type: 'string', multiple: true },
    timeout: { type: 'string', default: '300' },
    compositing: { type: 'string', default: 'auto' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (opts.help) {
  console.log(USAGE);
  process.exit(0);
}
const count = (name) => {
  const n = Number(opts[name]);
  if (!Number.isInteger(n) || n < 0) fail(`--${name} must be a whole number, got "${opts[name]}"`);
  return n;
};
const runs = count('runs');
const warmup = count('warmup');
const timeoutMs = count('timeout') * 1000;
const backends = (opts.backend ?? DEFAULT_BACKENDS)
  .flatMap((b) => b.split(','))
  .map((b) => b.trim().toLowerCase());
for (const b of backends)
  if (!ALL_BACKENDS.includes(b)) fail(`unknown --backend "${b}" (one of ${ALL_BACKENDS.join(', ')})`);
if (!['auto', 'software', 'gpu'].includes(opts.compositing))
  fail(`unknown --compositing "${opts.compositing}" (one of auto, software, gpu)`);

function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(1);
}

function parseArgsOrExit(config) {
  try {
    return parseArgs(config);
  } catch (e) {
    return fail(`${e.message}\n${USAGE}`);
  }
}

const started = performance.now();
await build({
  entryPoints: [join(ROOT, 'bench/page.ts')],
  bundle: true,
  format: 'esm',
  // Splitting keeps the backends' dynamic imports in backend.ts as separate chunks,
  // as the library ships them.
  splitting: true,
  outdir: OUT_DIR,
  platform: 'browser',
  target: 'es2022',
  sourcemap: true,
  logLevel: 'warning',
})
  .then(() =>
    // The trainer's worker, self-contained as dist/ ships it; bench/page.ts points the trainer at it.
    build({
      entryPoints: { 'train-worker': join(ROOT, 'src/core/training/worker-script.tf.ts') },
      bundle: true,
      format: 'esm',
      outdir: OUT_DIR,
      platform: 'browser',
      target: 'es2022',
      logLevel: 'warning',
    }),
  )
  .catch(() => fail('esbuild could not build bench/page.ts or the training worker (see above)'));
// The worker finds the WASM binaries beside itself (src/core/runtime/wasm-setup.tf.ts), as in dist/.
mkdirSync(join(OUT_DIR, 'wasm'), { recursive: true });
const WASM_DIST = join(ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist');
for (const file of readdirSync(WASM_DIST).filter((f) => f.endsWith('.wasm')))
  cpSync(join(WASM_DIST, file), join(OUT_DIR, 'wasm', file));

const { server, url: base } = await serveStatic(ROOT);
const browser = await launchBrowser();

const rows = [];
const problems = [];
try {
  for (const backend of backends) {
    const t0 = performance.now();
    process.stderr.write(`bench: ${backend} … `);
    const state = await measure(backend);
    process.stderr.write(`${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
    if (state.error) problems.push(`${backend}: ${state.error}`);
    for (const r of state.results) {
      rows.push(r);
      if (r.leakedTensors) problems.push(`${backend}: "${r.name}" leaked ${r.leakedTensors} tensor(s)`);
    }
  }
} finally {
  await browser.close();
  server.close();
}

printTable(rows);
printAutoVsFastest(rows);
console.log(
  'Ratios compare the library path with bare tfjs doing the same work in the same browser session; ' +
    'SwiftShader (software) timings are CPU timings, not GPU timings.',
);
console.error(`bench: finished in ${((performance.now() - started) / 1000).toFixed(1)} s`);
if (problems.length) {
  for (const p of problems) console.error(`bench: error: ${p}`);
  process.exit(1);
}

/**
 * The browser the pages run in. The shared flags give WebGL and WebGPU to a machine without a
 * GPU through SwiftShader, and with them the page's compositor draws on SwiftShader too: every
 * frame a row's page paints then queues on the software GPU ahead of the WebGL or WebGPU work
 * being timed. Chrome on a machine without a usable GPU composites in software instead (its
 * display compositor on the CPU), so `auto` does the same where the GPU is a software one; a
 * hardware GPU keeps GPU compositing, as its users have it.
 */
async function launchBrowser() {
  const launch = (extra = []) =>
    chromium.launch({
      executablePath: chromiumPath(),
      headless: true,
      args: [...chromiumFlags({ webgpu: true }), ...extra],
    });
  let mode = opts.compositing;
  if (mode === 'auto') {
    const probe = await launch();
    const renderer = await webglRenderer(probe);
    await probe.close();
    const software = await softwareRasterisers();
    mode = renderer === undefined || software.test(renderer) ? 'software' : 'gpu';
    process.stderr.write(`bench: WebGL renderer ${renderer ?? 'none'}: ${mode} compositing\n`);
  }
  return launch(mode === 'software' ? ['--disable-gpu-compositing'] : []);
}

/** The library's own pattern for software rasterisers (src/core/runtime/gpu-survey.ts), built for Node with what it imports. */
async function softwareRasterisers() {
  const { outputFiles } = await build({
    entryPoints: [join(ROOT, 'src/core/runtime/gpu-survey.ts')],
    // One module: a data: URL cannot import its neighbours (./trusted-script-url.js).
    bundle: true,
    format: 'esm',
    write: false,
    logLevel: 'warning',
  });
  const source = Buffer.from(outputFiles[0].text).toString('base64');
  return (await import(`data:text/javascript;base64,${source}`)).SOFTWARE;
}

/** The unmasked WebGL renderer string of a blank page, or undefined without WebGL. */
async function webglRenderer(browser) {
  const page = await browser.newPage();
  try {
    return await page.evaluate(() => {
      const gl = document.createElement('canvas').getContext('webgl');
      const info = gl?.getExtension('WEBGL_debug_renderer_info');
      return gl ? String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER)) : undefined;
    });
  } finally {
    await page.close();
  }
}

/** Loads the page for one backend and returns its `window.__bench`, or an error state. */
async function measure(backend) {
  const page = await browser.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
  try {
    const query = new URLSearchParams({
      backend,
      runs: String(runs),
      warmup: String(warmup),
      filter: opts.filter,
    });
    await page.goto(`${base}/bench/index.html?${query}`);
    await page.waitForFunction(() => window.__bench?.done === true, null, {
      timeout: timeoutMs,
      polling: 250,
    });
    return await page.evaluate(() => window.__bench);
  } catch (e) {
    const extra = pageErrors.length ? ` (page said: ${pageErrors.join(' | ')})` : '';
    return {
      done: false,
      results: [],
      error: `${e instanceof Error ? e.message.split('\n')[0] : e}${extra}`,
    };
  } finally {
    await page.close();
  }
}

/**
 * The automatic choice against the fastest backend forced on this machine, for every row
 * measured on both (aim ≤ 1.25): the library's median time on `auto` over the smallest
 * median among the forced backends.
 */
function printAutoVsFastest(results) {
  const measured = results.filter((r) => !r.unavailable && r.medianMs !== undefined);
  const lines = [];
  for (const row of new Set(measured.map((r) => r.row))) {
    const auto = measured.find((r) => r.row === row && r.auto);
    const forced = measured.filter((r) => r.row === row && !r.auto);
    if (!auto || forced.length === 0) continue;
    const fastest = forced.reduce((a, b) => (b.medianMs < a.medianMs ? b : a));
    lines.push(
      `| ${row} | ${auto.backend} | ${fastest.backend} | ${(auto.medianMs / fastest.medianMs).toFixed(2)} |`,
    );
  }
  if (lines.length === 0) return;
  console.log(
    '\nauto ÷ fastest (aim ≤ 1.25):\n| benchmark | auto chose | fastest forced | auto ÷ fastest |\n| --- | --- | --- | ---: |',
  );
  for (const line of lines) console.log(line);
  console.log('');
}

function printTable(results) {
  if (results.length === 0) {
    console.log(
      problems.length
        ? 'No results: the harness failed (errors below).'
        : `No benchmark matched (filter "${opts.filter}", backends ${backends.join(', ')}).`,
    );
    return;
  }
  // Why a backend is missing is a long sentence: it goes under the table, once per backend.
  const missing = [...new Map(results.filter((r) => r.unavailable).map((r) => [r.backend, r.unavailable]))];
  const ms = (v) => (v === undefined ? '–' : v.toFixed(v < 10 ? 2 : 1));
  const header = ['benchmark', 'backend', 'median ms', 'bare tfjs ms', 'ratio', 'ratio 95%', 'runs'];
  const interval = (r) => (r.ratioInterval ? r.ratioInterval.map((v) => v.toFixed(2)).join('–') : '–');
  const body = results.map((r) =>
    r.unavailable
      ? [
          r.name,
          `${r.backend}: not available here [${missing.findIndex(([b]) => b === r.backend) + 1}]`,
          '–',
          '–',
          '–',
          '–',
          '0',
        ]
      : [
          r.name,
          r.backendLabel,
          ms(r.medianMs),
          ms(r.baselineMs),
          r.ratio === undefined ? '–' : r.ratio.toFixed(2),
          interval(r),
          r.repeat > 1 ? `${r.runs} × ${r.repeat}` : String(r.runs),
        ],
  );
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const numeric = new Set([2, 3, 4, 5, 6]);
  const line = (cells) =>
    `| ${cells.map((c, i) => (numeric.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ')} |`;
  console.log(line(header));
  console.log(
    `|${widths.map((w, i) => (numeric.has(i) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`,
  );
  for (const row of body) console.log(line(row));
  missing.forEach(([backend, why], i) => console.log(`[${i + 1}] ${backend}: ${why}`));
}
