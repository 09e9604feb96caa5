// Course-site test: builds the tiny VitePress, Astro, Starlight, Docusaurus, MyST, Next.js,
// SvelteKit and Hugo sites of tests/sites/ from the packed tarball (`npm pack`, as an
// author installs the library), each set up exactly as the README's "Use it in your course
// site" says, serves each build under /course/ and opens it in headless Chromium. Each site must:
//   - build (the static build imports the library in Node: it must not throw);
//   - ship no build-machine path (file:///…, this checkout's folder) in its JS;
//   - bring every element to state="ready", with no console error, failed request or HTTP error
//     (the photos, the digit model, MNIST come from the site's own build, no setAssetBase);
//   - train the trainer's network on wasm with its batches in the Web Worker;
//   - show that network whole (<filter-grid view="network" for=…>): every layer's output,
//     and a new picture of them for a digit drawn on its pad;
//   - turn every element dark and light again with the theme's own toggle (VitePress, Docusaurus,
//     Starlight's select);
//   - follow the site's own link to its second page while the trainer trains, and come back:
//     the site swaps pages without reloading (VitePress and Docusaurus always, Astro with its
//     ClientRouter), so the elements must leave cleanly (no tensor, no worker left behind) and
//     arrive ready, again and again; the second page's rows="5" must reach its stepper as a
//     number however the framework sets it (React 19, in Docusaurus, sets the property "5").
//
// The MyST (Jupyter Book 2) site holds the elements in {anywidget} widgets, each in a shadow
// root of its own, through the anywidget module (dist/anywidget.js) that MyST copies alone.
//
// The Next.js site is rendered on the server and hydrated by React: its dev server (`next dev`)
// reports a hydration mismatch as a console error, which the check fails on.
//
//   npm run build && node scripts/test-sites.mjs [vitepress|astro|starlight|docusaurus|myst|next|sveltekit|hugo …]
// A site's dependencies come from its committed package-lock.json (`npm ci`, first run only;
// later runs only swap in the new tarball). The installs run one after another from the start,
// beside the checks of the sites before them: an install waits mostly on the disk and the
// network, a check on the CPU. Times of each step are printed.
/* global __cnnFind, __cnnAll */
import { execFile, execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { chromiumFlags, chromiumPath } from './chromium.mjs';
import { pack, ROOT } from './pack.mjs';
import { serveStatic } from './static-server.mjs';
import { watchPage } from './page-watch.mjs';
import { TAGS } from './tags.mjs';

const SITES_DIR = fileURLToPath(new URL('../tests/sites/', import.meta.url));
/**
 * Where each tool writes its build, and its theme's own light/dark toggle (a button, or a
 * `{ select }` with dark and light options; the plain Astro page has none).
 */
const SITES = {
  vitepress: {
    out: 'docs/.vitepress/dist',
    toggle: '.VPNavBar .VPSwitchAppearance',
    dev: ['vitepress', 'dev', 'docs'],
  },
  astro: { out: 'dist', dev: ['astro', 'dev'] },
  docusaurus: { out: 'build', toggle: '.navbar button[class*="toggleButton"]' },
  // Jupyter Book 2: MyST's content build with a stand-in for its theme (tests/sites/myst/shell/).
  // Served at the root: MyST names the files it copied (each widget's module) from the root.
  myst: { out: '.out', atRoot: true },
  // Next.js 16 (Turbopack), a static export.
  next: { out: 'out', dev: ['next', 'dev'], strictPort: false },
  // Starlight (Astro's docs theme): the tags in a Markdown page, the library in an override of
  // Starlight's Head. Its links reload the page; `astro dev` is the Astro site's check.
  starlight: { out: 'dist', toggle: { select: 'starlight-theme-select select' }, onePage: true },
  // SvelteKit 2 with Svelte 5 on Vite 8, prerendered by adapter-static.
  sveltekit: { out: 'build', dev: ['vite', 'dev'] },
  // Hugo (Debian's `hugo`, not an npm package): the package's files copied into static/, the
  // tags in a shortcode (Hugo drops raw HTML from Markdown). Its links reload the page.
  hugo: { out: 'public', onePage: true, tool: 'hugo' },
};
const TIMEOUT_MS = Number(process.env.SITES_TIMEOUT_MS ?? 180_000);
/** The tools' environment, for builds and dev servers: none of them phones home. */
const TOOL_ENV = {
  ...process.env,
  ASTRO_TELEMETRY_DISABLED: '1',
  DOCUSAURUS_TELEMETRY_DISABLED: '1',
  NEXT_TELEMETRY_DISABLED: '1',
};

const names = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(SITES);
for (const name of names)
  if (!SITES[name]) throw new Error(`unknown site "${name}": use ${Object.keys(SITES).join(', ')}`);

const timed = (what, fn) => {
  const started = Date.now();
  const result = fn();
  console.log(`  ${what}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result;
};

const tarball = timed('npm pack', pack);
/** Each site's install, started in order, one at a time: resolves with a line saying how long it took, or rejects as execFile does. */
const installs = {};
names.reduce((before, name) => {
  installs[name] = before.then(() => install(name));
  // The next install starts after this one, whether it worked or not.
  return installs[name].catch(() => {});
}, Promise.resolve());
const browser = await chromium.launch({
  executablePath: chromiumPath(),
  args: chromiumFlags({ webgpu: false }),
});
let failed = 0;
try {
  for (const name of names) {
    const started = Date.now();
    console.log(`${name}:`);
    const problems = await checkSite(name);
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`${problems.length ? 'FAIL' : 'ok  '}  ${name} (${secs} s in all)`);
    for (const p of problems) console.log(`        - ${p}`);
    if (problems.length) failed++;
  }
} finally {
  await browser.close();
}
console.log(`sites: ${names.length - failed} passed, ${failed} failed`);
if (failed) process.exit(1);

async function checkSite(name) {
  const dir = join(SITES_DIR, name);
  const { tool } = SITES[name];
  if (tool && spawnSync(tool, ['version']).error)
    return [`"${tool}" is not installed: the site needs it to build (Debian: apt-get install ${tool})`];
  const run = (cmd, args) =>
    execFileSync(cmd, args, {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
      env: TOOL_ENV,
    });
  try {
    const waited = Date.now();
    const installed = await installs[name];
    console.log(`  ${installed}, ${((Date.now() - waited) / 1000).toFixed(1)} s of it waited for here`);
    timed('build', () => run('npm', ['run', 'build']));
  } catch (e) {
    return [
      `${e.message.split('\n')[0]}\n${String(e.stderr ?? '').slice(-3000)}\n${String(e.stdout ?? '').slice(-3000)}`,
    ];
  }
  const out = join(dir, SITES[name].out);
  const problems = shippedPaths(out);
  // Served under /course/, as a course site on a shared host often is (MyST's at the root).
  const atRoot = SITES[name].atRoot;
  const root = atRoot ? out : mkdtempSync(join(tmpdir(), `cnn-site-${name}-`));
  if (!atRoot) symlinkSync(out, join(root, 'course'));
  const { server, url: origin } = await serveStatic(root);
  try {
    problems.push(...(await checkPage(`${origin}${atRoot ? '/' : '/course/'}`, origin, SITES[name])));
  } finally {
    server.close();
    if (!atRoot) rmSync(root, { recursive: true, force: true });
  }
  if (SITES[name].dev) problems.push(...(await checkDevServer(name, dir)));
  return problems;
}

/**
 * The site's dev server, which an author runs first (`vitepress dev`, `astro dev`, SvelteKit's
 * `vite dev`, `next dev`): Vite pre-bundles dependencies away from their files there, which
 * the library's Vite plugin (`cnn-elements/vite`, in the site's config as the README says)
 * prevents; React reports hydration mismatches there. The page gets the same checks as the build.
 */
async function checkDevServer(name, dir) {
  const port = 5310 + Object.keys(SITES).indexOf(name);
  const url = `http://localhost:${port}/course/`;
  const { dev, strictPort = true } = SITES[name];
  const args = ['--no-install', ...dev, '--port', String(port), ...(strictPort ? ['--strictPort'] : [])];
  const server = spawn('npx', args, {
    cwd: dir,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: TOOL_ENV,
  });
  let log = '';
  server.stdout.on('data', (d) => (log += d));
  server.stderr.on('data', (d) => (log += d));
  try {
    const started = Date.now();
    while (
      !(await fetch(url).then(
        (r) => r.ok,
        () => false,
      ))
    ) {
      if (Date.now() - started > 60_000 || server.exitCode !== null)
        return [`the dev server did not answer at ${url} within 60 s:\n${log.slice(-2000)}`];
      await new Promise((r) => setTimeout(r, 500));
    }
    console.log(`  dev server (${dev.join(' ')}): up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    // A dev server answers the browser's own /favicon.ico with 404 (our static server with 204).
    const problems = await checkPage(url, `http://localhost:${port}`, {
      ...SITES[name],
      toggle: undefined,
      benign: [/\/favicon\.ico$/],
    });
    // What the author sees in the terminal: a warning about the library's plugin (Vite 8's
    // of a deprecated option, say) is a problem of ours.
    for (const line of log.split('\n'))
      if (/warn/i.test(line) && /"cnn-elements"|cnn-elements\/vite/.test(line))
        problems.push(`the dev server warned: ${line.trim()}`);
    return problems.map((p) => `dev server: ${p}`);
  } finally {
    process.kill(-server.pid, 'SIGTERM');
  }
}

/** Installs a site's dependencies, or only the new tarball where they are there; says how long it took. */
async function install(name) {
  const dir = join(SITES_DIR, name);
  const started = Date.now();
  const took = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  if (existsSync(join(dir, 'node_modules'))) {
    installTarball(dir);
    return `swap in the new tarball: ${took()}`;
  }
  await promisify(execFile)('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts'], {
    cwd: dir,
    env: TOOL_ENV,
    maxBuffer: 64 * 1024 * 1024,
  });
  return `npm ci: ${took()}`;
}

/** Replaces the installed cnn-elements by the new tarball (its dependencies are already installed). */
function installTarball(dir) {
  // The tools' build caches take a package of the same version as unchanged (webpack's managed paths).
  for (const cache of [
    'node_modules/.cache',
    'node_modules/.vite',
    'node_modules/.astro',
    '.docusaurus',
    'docs/.vitepress/cache',
    '_build',
    '.next',
  ]) {
    rmSync(join(dir, cache), { recursive: true, force: true });
  }
  const target = join(dir, 'node_modules', 'cnn-elements');
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
}

/** JS files of a build that name the build machine: a file:/// path or this checkout's folder. */
function shippedPaths(out) {
  const problems = [];
  const machine = [
    /file:\/\/\/[A-Za-z]/,
    new RegExp(ROOT.replace(/\/$/, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
  ];
  for (const file of walk(out).filter((f) => /\.(m?js|html)$/.test(f))) {
    const text = readFileSync(file, 'utf8');
    for (const re of machine) {
      const m = re.exec(text);
      if (m)
        problems.push(
          `${file.slice(out.length + 1)} ships a build-machine path: …${text.slice(Math.max(0, m.index - 40), m.index + 80)}…`,
        );
    }
  }
  return problems;
}

/** The checks of one page of a site: its theme's `toggle` and `onePage` as in SITES, console errors to ignore in `benign`. */
async function checkPage(url, origin, { toggle, benign = [], onePage = false }) {
  const problems = [];
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(findInShadowRoots, TAGS);
  const page = await context.newPage();
  // A site's router may drop a fetch of a page it no longer needs (Next.js's, with or without
  // its ?_rsc= query, once the prefetched page answers; Astro's when the reader goes back
  // first); the library fetches files, never pages.
  const pageFetchDropped = /\/(\?[^ ]*)? \(net::ERR_ABORTED\)$/;
  const stopWatching = watchPage(page, problems, { origin, benign: [...benign, pageFetchDropped] });
  try {
    const started = Date.now();
    await page.goto(url);
    const settled = await page
      .waitForFunction(
        (tags) =>
          tags.every(
            (t) =>
              __cnnFind(t)?.getAttribute('state') === 'ready' ||
              __cnnFind(t)?.getAttribute('state') === 'error',
          ),
        TAGS,
        { timeout: TIMEOUT_MS, polling: 250 },
      )
      .then(() => true)
      .catch(() => false);
    const states = await page.evaluate(
      (tags) =>
        tags.map((t) => {
          const el = __cnnFind(t);
          return {
            tag: t,
            found: !!el,
            defined: !!customElements.get(t),
            state: el?.getAttribute('state'),
            message: el?.shadowRoot?.querySelector('[part~="error"]')?.textContent?.trim() ?? '',
          };
        }),
      TAGS,
    );
    if (!settled) problems.push(`not every element settled within ${TIMEOUT_MS / 1000} s`);
    for (const s of states) {
      if (!s.found) problems.push(`<${s.tag}> is not on the page`);
      else if (!s.defined) problems.push(`<${s.tag}> was never defined`);
      else if (s.state !== 'ready')
        problems.push(`<${s.tag}> is "${s.state}"${s.message ? `: ${s.message}` : ''}`);
    }
    console.log(`  elements ready: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (states.find((s) => s.tag === 'cnn-trainer')?.state === 'ready') {
      const trainStarted = Date.now();
      const progress = await page.evaluate(async () => {
        const el = __cnnFind('cnn-trainer');
        while (!el.model) await new Promise((r) => setTimeout(r, 20));
        await el.train();
        return el.shadowRoot.querySelector('[part="progress"]').textContent.replace(/\s+/g, ' ').trim();
      });
      console.log(`  training: ${((Date.now() - trainStarted) / 1000).toFixed(1)} s (${progress})`);
      // The page asks for wasm: the worker, a bundler's copy, must find the renamed binaries.
      if (!progress.includes('wasm in a Web Worker'))
        problems.push(`the trainer's batches did not run on wasm in its Web Worker: "${progress}"`);
      problems.push(...(await checkNetworkView(page)));
    }
    if (toggle) problems.push(...(await checkDarkMode(page, toggle)));
    if (!onePage) problems.push(...(await checkNextPage(page)));
  } catch (e) {
    problems.push(`the page failed: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    stopWatching();
    await context.close();
  }
  return problems;
}

/**
 * `__cnnFind(selector)` and `__cnnAll(selector)` in the page: the document's matches, then those
 * in open shadow roots. A MyST page puts each widget in a shadow root of its own. The
 * shadow roots of `tags` (the five elements) are not searched: they hold none of the five.
 */
function findInShadowRoots(tags) {
  const all = (selector, root = document, found = []) => {
    found.push(...root.querySelectorAll(selector));
    for (const el of root.querySelectorAll('*'))
      if (el.shadowRoot && !tags.includes(el.localName)) all(selector, el.shadowRoot, found);
    return found;
  };
  globalThis.__cnnAll = all;
  globalThis.__cnnFind = (selector) => all(selector)[0] ?? null;
}

/**
 * The network view linked to the trainer: ready, one output per layer of the trained model
 * (the last, ten probabilities summing to 1), and a stroke on its pad drawn anew as
 * `network-update` (which fires once the view has painted).
 */
async function checkNetworkView(page) {
  const started = Date.now();
  const seen = await page.evaluate(async () => {
    const grid = __cnnFind('filter-grid[view="network"]');
    // The property: a page the framework renders in the browser (the next page of a
    // VitePress site) sets it, not the attribute.
    const source = grid && grid.getRootNode().getElementById(grid.for);
    if (!grid) return { missing: true };
    // The promise, or a rejection after 60 s; the timer is cleared either way (no stray rejection later).
    const within = (promise, what) => {
      let timer;
      const late = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no ${what} in 60 s`)), 60_000);
      });
      return Promise.race([promise, late]).finally(() => clearTimeout(timer));
    };
    await within(grid.ready, 'ready');
    const outputs = await grid.getLayerOutputs();
    const updated = new Promise((resolve) =>
      grid.addEventListener('network-update', (e) => resolve(e.detail), { once: true }),
    );
    grid.shadowRoot.querySelector('cnn-draw-pad').drawStrokes([
      [
        { x: 0.5, y: 0.15 },
        { x: 0.5, y: 0.85 },
      ],
    ]);
    const update = await within(updated, 'network-update after a stroke');
    const last = outputs.at(-1)?.values ?? [];
    return {
      state: grid.getAttribute('state'),
      source: source?.localName,
      layers: source?.model?.layers.map((l) => l.name) ?? [],
      outputs: outputs.map((o) => o.name),
      sum: [...last].reduce((a, b) => a + b, 0),
      classes: last.length,
      update,
    };
  });
  if (seen.missing) return ['no <filter-grid view="network"> on the page'];
  const problems = [];
  if (seen.state !== 'ready') problems.push(`the network view is "${seen.state}"`);
  if (seen.outputs.join() !== seen.layers.join())
    problems.push(
      `the network view shows [${seen.outputs}], the <${seen.source}>'s layers are [${seen.layers}]`,
    );
  if (seen.classes !== 10 || Math.abs(seen.sum - 1) > 1e-3)
    problems.push(`the network view's output is ${seen.classes} values summing to ${seen.sum}`);
  if (!(seen.update?.label?.length > 0))
    problems.push("a stroke on the network view's pad gave no prediction");
  console.log(
    `  network view of the <${seen.source}>: ${seen.outputs.length} layers, a stroke read as "${seen.update?.label}" (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  return problems;
}

/**
 * The site's own dark-mode toggle, clicked as a reader clicks it on a light system: every
 * element turns dark with the page (the theme sets the page's color-scheme) and light again.
 * A theme may cycle through a "system" mode first, so it is clicked until the page changes.
 */
async function checkDarkMode(page, toggle) {
  const problems = [];
  const look = () =>
    page.evaluate((tags) => {
      const luminance = (rgb) => {
        const [r, g, b] = rgb.match(/[\d.]+/g).map(Number);
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      return {
        page: getComputedStyle(document.documentElement).colorScheme,
        dark: tags.filter((t) => {
          const style = getComputedStyle(__cnnFind(t));
          return luminance(style.backgroundColor) < luminance(style.color);
        }),
      };
    }, TAGS);
  for (const want of ['dark', 'light']) {
    let seen = await look();
    for (let i = 0; i < 3 && (seen.page === 'dark') !== (want === 'dark'); i++) {
      if (toggle.select) await page.selectOption(toggle.select, want);
      else await page.click(toggle);
      seen = await look();
    }
    if ((seen.page === 'dark') !== (want === 'dark'))
      problems.push(
        `the theme's toggle (${toggle.select ?? toggle}) did not make the page ${want}: color-scheme "${seen.page}"`,
      );
    const wrong = want === 'dark' ? TAGS.filter((t) => !seen.dark.includes(t)) : seen.dark;
    if (wrong.length)
      problems.push(
        `in the site's ${want} mode, ${wrong.map((t) => `<${t}>`).join(', ')} stayed ${want === 'dark' ? 'light' : 'dark'}`,
      );
  }
  console.log(
    `  dark mode: the theme's toggle, ${problems.length ? 'FAILED' : 'every element followed it both ways'}`,
  );
  return problems;
}

/**
 * A course has more than one page. The first page's link to the next is followed while the
 * trainer trains, then the browser's back and forward twice. The site must swap the page in
 * the same document (else this proves nothing); the trainer's worker must end with its page;
 * each page's elements must all be ready again on each visit, the network view of the second
 * page drawing a stroke; and each page must hold the same number of tensors on every visit
 * (tfjs's engine keeps its count on `window._tfengine`, in a bundled copy too): an element
 * that leaves without disposing would add to it each time.
 */
async function checkNextPage(page) {
  const problems = [];
  const started = Date.now();
  const first = new URL(page.url()).pathname;
  /** Waits for `path`'s elements (the trainer on the first page only) to be ready and the tensor count to hold still. */
  const arrived = async (path) => {
    const ready = await page
      .waitForFunction(
        ({ path, first, tags }) => {
          const els = __cnnAll(tags.join(','));
          const trainer = !!__cnnFind('cnn-trainer');
          return (
            location.pathname === path &&
            trainer === (path === first) &&
            els.length > 0 &&
            els.every((el) => el.getAttribute('state') === 'ready')
          );
        },
        { path, first, tags: TAGS },
        { timeout: 60_000, polling: 100 },
      )
      .then(() => true)
      .catch(() => false);
    if (!ready) {
      problems.push(`on ${path}, not every element was ready within 60 s`);
      return undefined;
    }
    if (path !== first) {
      // rows="5" cols="5" as written in the page: a framework that renders the page in the
      // browser may set them as properties with the text ("5"); the stepper must hold numbers.
      const size = await page.evaluate(() => {
        const stepper = __cnnFind('pooling-stepper');
        return [stepper.rows, stepper.cols];
      });
      if (size[0] !== 5 || size[1] !== 5)
        problems.push(
          `on ${path}, the stepper's rows and cols are ${JSON.stringify(size)}, not the numbers 5 and 5`,
        );
    }
    // The trainer left in the middle of a batch: its worker finishes that batch, then the
    // trainer frees its model and ends the worker (on a busy machine, well after the next page
    // is ready). Count once it has; a worker that never ends is reported below.
    for (const end = Date.now() + 60_000; page.workers().length && Date.now() < end; )
      await page.waitForTimeout(100);
    return page.evaluate(async () => {
      const count = () => window._tfengine?.state.numTensors;
      for (let last = count(), same = 0; same < 5; ) {
        await new Promise((r) => setTimeout(r, 100));
        const now = count();
        same = now === last ? same + 1 : 0;
        last = now;
      }
      return count();
    });
  };
  await page.evaluate(() => {
    window.__sameDocument = true;
    const trainer = __cnnFind('cnn-trainer');
    trainer.setAttribute('train-size', '1000');
    trainer.setAttribute('epochs', '5');
    void trainer.train().catch(() => {});
  });
  await page.waitForFunction(() => __cnnFind('cnn-trainer').getAttribute('state') === 'busy');
  if (page.workers().length === 0) problems.push('the trainer trains with no worker running');
  const link = page.locator('a[href*="pooling"]').first();
  const next = new URL((await link.getAttribute('href')) ?? '', page.url()).pathname;
  await link.click();
  const visits = { [first]: [], [next]: [] };
  visits[next].push(await arrived(next));
  for (let i = 0; i < 2; i++) {
    await page.goBack();
    visits[first].push(await arrived(first));
    await page.goForward();
    visits[next].push(await arrived(next));
  }
  if (!(await page.evaluate(() => window.__sameDocument)))
    problems.push('the site reloaded the page instead of swapping it: the check proves nothing');
  if ((await page.evaluate(() => typeof window._tfengine?.state.numTensors)) !== 'number')
    problems.push("tfjs's engine is not on window._tfengine: the tensors cannot be counted");
  for (const [path, counts] of Object.entries(visits))
    if (new Set(counts).size !== 1) problems.push(`${path} held ${counts.join(', ')} tensors on its visits`);
  const workers = page.workers().length;
  if (workers) problems.push(`${workers} worker(s) left running after the trainer's page was left`);
  console.log(
    `  next page and back, twice: ${visits[first].join(', ')} tensors on ${first}, ${visits[next].join(', ')} on ${next} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  problems.push(...(await checkNetworkView(page)));
  return problems;
}

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)],
  );
}
