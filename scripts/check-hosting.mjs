// `npm run test:hosting`: the built library (dist/, as a CDN or a site serves it) on hosts
// set up badly, the way course sites are: a Content-Security-Policy that forbids WebAssembly
// or workers or inline styles, Trusted Types, files served with the wrong MIME type, shipped files missing,
// a sandboxed frame (a learning platform's or a notebook's embed), a reader whose connection
// drops before the elements load. For each, the
// elements must say what is wrong, naming the URL and the fix (`cnn-error` and the message
// shown), be in `error` where they cannot work or keep working on a fallback they name, and
// leave the rest of the page working (its own script and button, no uncaught exception).
// The browser runs without WebGL or WebGPU, as on a school machine, so wasm is the fast backend.
//
//   npm run build && npm run test:hosting
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { chromiumFlags, chromiumPath } from './chromium.mjs';
import { serveStatic } from './static-server.mjs';

if (!existsSync('dist/cnn-elements.js')) {
  console.error('dist/cnn-elements.js is missing: run `npm run build` first, then `npm run test:hosting`.');
  process.exit(1);
}

/** A strict but workable policy for a course page; each scenario takes one permission away. */
const policy = ({ wasm = true, workers = true, inlineStyles = true } = {}) =>
  [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${wasm ? " 'wasm-unsafe-eval'" : ''}`,
    `style-src 'self'${inlineStyles ? " 'unsafe-inline'" : ''}`,
    "img-src 'self' data: blob:",
    "connect-src 'self' data: blob:",
    `worker-src ${workers ? "'self' blob:" : "'none'"}`,
  ].join('; ');

const TRAINER = '<cnn-trainer epochs="1" train-size="256" batch-size="64"></cnn-trainer>';
const CSP = (options) => ({ headers: { 'content-security-policy': policy(options) } });
/** The policy with Trusted Types enforced, the policy names allowed listed (lit's own and ours). */
const TRUSTED = (names) => ({
  headers: {
    'content-security-policy': `${policy()}; require-trusted-types-for 'script'; trusted-types ${names}`,
  },
});
const ALL_FIVE = [
  '<conv-filter-playground></conv-filter-playground>',
  '<pooling-stepper></pooling-stepper>',
  TRAINER,
  '<pretrained-classifier></pretrained-classifier>',
  '<filter-grid view="network"></filter-grid>',
];
const ALL_READY = {
  'conv-filter-playground': ['ready'],
  'pooling-stepper': ['ready'],
  'cnn-trainer': ['ready'],
  'pretrained-classifier': ['ready'],
  'filter-grid': ['ready'],
};

/**
 * Each scenario: the host's setup, the page's elements, and what each element must end as:
 * `ready` (with `says`, a message it must show as well) or `error` (with the message).
 * `train`: the trainer trains one short run and must finish it (`inWorker`: in its worker).
 * `mayRefuse`: the policy directives the scenario takes away; a refusal under any other (a
 * securitypolicyviolation event) fails it. `sandbox`: the page is an iframe's, sandboxed so.
 * `offline`: the elements (lazy, below a screen of text) come into view while the browser is
 * offline and must end as `offline` says; then the connection comes back, and as `expect`.
 */
const ALL_SCENARIOS = [
  {
    name: 'policy without wasm-unsafe-eval, backend="wasm" asked',
    host: () => CSP({ wasm: false }),
    mayRefuse: ['script-src'],
    tags: [
      '<conv-filter-playground backend="wasm"></conv-filter-playground>',
      '<pretrained-classifier backend="wasm"></pretrained-classifier>',
    ],
    expect: {
      'conv-filter-playground': ['error', /Content-Security-Policy.*'wasm-unsafe-eval'/],
      'pretrained-classifier': ['error', /'wasm-unsafe-eval'/],
    },
  },
  {
    name: 'policy without wasm-unsafe-eval, automatic backend',
    host: () => CSP({ wasm: false }),
    mayRefuse: ['script-src'],
    tags: ['<conv-filter-playground></conv-filter-playground>'],
    expect: { 'conv-filter-playground': ['ready', /slow cpu backend.*'wasm-unsafe-eval'/] },
  },
  {
    // A hardened site: no inline styles. The elements style through their stylesheets and the
    // CSSOM only, so nothing of theirs is refused (a refused style="…" is a violation event).
    name: "policy without 'unsafe-inline' styles",
    host: () => CSP({ inlineStyles: false }),
    tags: ALL_FIVE,
    train: true,
    expect: ALL_READY,
  },
  {
    // Trusted Types: lit's policy and ours allowed, every element works, the trainer in its worker.
    name: 'policy that enforces Trusted Types',
    host: () => TRUSTED('lit-html cnn-elements'),
    tags: ALL_FIVE,
    train: true,
    expect: ALL_READY,
  },
  {
    name: 'policy that enforces Trusted Types without our policy name',
    host: () => TRUSTED('lit-html'),
    mayRefuse: ['trusted-types', 'require-trusted-types-for'],
    tags: [TRAINER],
    train: true,
    expect: {
      'cnn-trainer': ['ready', /runs on the page.*Trusted Types.*add cnn-elements to the trusted-types list/],
    },
  },
  {
    // A learning platform or a notebook shows the author's HTML in an iframe sandboxed without
    // allow-same-origin: the frame's origin is "null", nothing is same-origin to it, and the
    // library (served open to other origins, as CDNs and this server serve it) must still
    // run, the trainer in its worker.
    name: 'sandboxed frame (sandbox="allow-scripts")',
    host: () => ({}),
    sandbox: 'allow-scripts',
    tags: ALL_FIVE,
    train: true,
    inWorker: true,
    expect: ALL_READY,
  },
  {
    name: 'sandboxed frame, worker script missing',
    host: (path) => ({ missing: path.endsWith('/train-worker.js') }),
    sandbox: 'allow-scripts',
    tags: [TRAINER],
    train: true,
    expect: { 'cnn-trainer': ['ready', /runs on the page.*\/dist\/train-worker\.js answered 404/] },
  },
  {
    // The frame's own policy allows blob: workers, as for a page of its own, but not data: ones.
    name: 'sandboxed frame with a policy that allows no data: worker',
    host: () => CSP(),
    sandbox: 'allow-scripts',
    mayRefuse: ['worker-src'],
    tags: [TRAINER],
    train: true,
    expect: {
      'cnn-trainer': [
        'ready',
        /runs on the page.*Content-Security-Policy \(worker-src\).*\(and data:\) in worker-src/,
      ],
    },
  },
  {
    // A reader on a train: the page came, then the connection went before the reader
    // scrolled to the elements. They say so, and load by themselves once it is back.
    name: 'connection lost before the elements load, then back',
    host: () => ({}),
    offline: Object.fromEntries(
      Object.keys(ALL_READY).map((tag) => [
        tag,
        ['error', /this device is offline.*loads by itself once the connection is back/],
      ]),
    ),
    tags: ALL_FIVE.map((tag) => tag.replace(/^<([a-z-]+)/, '<$1 loading="lazy"')),
    train: true,
    expect: ALL_READY,
  },
  {
    name: 'policy that blocks workers',
    host: () => CSP({ workers: false }),
    mayRefuse: ['worker-src'],
    tags: [TRAINER],
    train: true,
    expect: {
      'cnn-trainer': ['ready', /runs on the page.*Content-Security-Policy \(worker-src\).*worker-src/],
    },
  },
  {
    name: 'worker script served as text/plain',
    host: (path) => (path.endsWith('/train-worker.js') ? { type: 'text/plain' } : {}),
    tags: [TRAINER],
    train: true,
    expect: {
      'cnn-trainer': [
        'ready',
        /runs on the page.*\/dist\/train-worker\.js is served as "text\/plain".*text\/javascript/,
      ],
    },
  },
  {
    name: 'worker script missing',
    host: (path) => ({ missing: path.endsWith('/train-worker.js') }),
    tags: [TRAINER],
    train: true,
    expect: { 'cnn-trainer': ['ready', /runs on the page.*\/dist\/train-worker\.js answered 404/] },
  },
  {
    name: 'wasm binaries missing, backend="wasm" asked',
    host: (path) => ({ missing: path.endsWith('.wasm') }),
    tags: ['<conv-filter-playground backend="wasm"></conv-filter-playground>'],
    expect: {
      'conv-filter-playground': [
        'error',
        /\/dist\/wasm\/tfjs-backend-wasm-simd\.wasm answered 404.*setWasmPaths/,
      ],
    },
  },
  {
    name: 'wasm binaries served as application/octet-stream',
    host: (path) => (path.endsWith('.wasm') ? { type: 'application/octet-stream' } : {}),
    tags: ['<conv-filter-playground backend="wasm"></conv-filter-playground>'],
    expect: { 'conv-filter-playground': ['ready'] },
  },
  {
    name: 'digit model missing',
    host: (path) => ({ missing: path.includes('/assets/models/digits/') }),
    tags: ['<pretrained-classifier></pretrained-classifier>'],
    expect: { 'pretrained-classifier': ['error', /\/assets\/models\/digits\/model\.json.*404/] },
  },
  {
    name: 'model.json served as text/html',
    host: (path) => (path.endsWith('model.json') ? { type: 'text/html' } : {}),
    tags: ['<pretrained-classifier></pretrained-classifier>'],
    expect: { 'pretrained-classifier': ['ready'] },
  },
  {
    name: 'MNIST digits missing',
    host: (path) => ({ missing: path.includes('/assets/mnist/') }),
    tags: [TRAINER],
    expect: { 'cnn-trainer': ['error', /\/assets\/mnist\/.*404/] },
  },
];

// HOSTING_ONLY=text picks the scenarios whose name contains it (a debugging aid).
const SCENARIOS = ALL_SCENARIOS.filter((s) => s.name.includes(process.env.HOSTING_ONLY ?? ''));

/** The page: the elements from the CDN build, and the page's own script and button, which must keep working. */
function pageFor(scenario, i) {
  if (scenario.sandbox)
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${scenario.name}</title></head><body>
<iframe title="The author's page" sandbox="${scenario.sandbox}" src="${i}-framed.html" width="1000" height="3000"></iframe>
</body></html>`;
  return framedPage(scenario);
}

/** The elements, the page's own script and button, as a page or as a frame's page. */
function framedPage(scenario) {
  const modules = [...new Set(scenario.tags.map((t) => t.match(/^<([a-z-]+)/)[1]))];
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${scenario.name}</title></head><body>
<button id="own" type="button">The page's own button</button>
${scenario.offline ? '<div style="height: 3000px">A screen of text to read first.</div>' : ''}
${scenario.tags.join('\n')}
<script type="module">
${modules.map((m) => `import '/dist/${m}.js';`).join('\n')}
</script>
<script>
  window.heard = [];
  window.violations = [];
  document.addEventListener('securitypolicyviolation', (e) =>
    violations.push(\`\${e.effectiveDirective} refused \${e.blockedURI || 'inline'}: \${e.sample || e.sourceFile + ':' + e.lineNumber}\`),
  );
  document.addEventListener('cnn-error', (e) => heard.push([e.target.localName, e.detail.message]));
  document.getElementById('own').addEventListener('click', (e) => (e.target.dataset.clicks = Number(e.target.dataset.clicks ?? 0) + 1));
</script>
</body></html>`;
}

const PAGES = '.cache/hosting';
mkdirSync(PAGES, { recursive: true });
SCENARIOS.forEach((s, i) => {
  writeFileSync(`${PAGES}/${i}.html`, pageFor(s, i));
  if (s.sandbox) writeFileSync(`${PAGES}/${i}-framed.html`, framedPage(s));
});

let current = SCENARIOS[0];
const { server, url: origin } = await serveStatic('.', { adjust: (path) => current.host(path) });
// No GPU and no WebGL, as on a school machine: the automatic choice is between wasm and cpu.
const browser = await chromium.launch({
  executablePath: chromiumPath(),
  args: [...chromiumFlags({ webgpu: false }), '--disable-3d-apis'],
});
let failures = 0;
try {
  for (const [i, scenario] of SCENARIOS.entries()) {
    current = scenario;
    const started = Date.now();
    const problems = await check(scenario, `${origin}/${PAGES}/${i}.html`);
    failures += problems.length ? 1 : 0;
    console.log(
      `${problems.length ? 'FAIL' : 'ok  '}  ${scenario.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
    for (const p of problems) console.log(`        - ${p}`);
  }
} finally {
  await browser.close();
  server.close();
}
if (failures) {
  console.error(`${failures} of ${SCENARIOS.length} hosting scenarios failed.`);
  process.exit(1);
}
console.log(
  `All ${SCENARIOS.length} hosting scenarios: every problem named with its URL and fix, the rest of the page unharmed.`,
);

async function check(scenario, url) {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (err) => problems.push(`uncaught exception: ${err.message}`));
  try {
    await page.goto(url);
    // The elements' page: the page itself, or the sandboxed frame's.
    const doc = scenario.sandbox ? await (await page.waitForSelector('iframe')).contentFrame() : page;
    if (scenario.sandbox && (await doc.evaluate(() => self.origin)) !== 'null')
      problems.push(
        `the frame's origin is not opaque (sandbox="${scenario.sandbox}"): the scenario proves nothing`,
      );
    const tags = Object.keys(scenario.expect);
    // Settled: every element out of its loading states, and a message shown where one is expected
    // (a trainer learns that its worker cannot start when it trains: first the state, then the run).
    const settle = (expect, withMessages) =>
      doc
        .waitForFunction(
          (expect) =>
            Object.entries(expect).every(([tag, [state, says]]) => {
              const el = document.querySelector(tag);
              const shown = el?.shadowRoot?.querySelector('[part="error"]')?.textContent ?? '';
              return el?.state === state && (!says || new RegExp(says).test(shown));
            }),
          Object.fromEntries(
            Object.entries(expect).map(([tag, [state, says]]) => [
              tag,
              [state, withMessages ? says?.source : undefined],
            ]),
          ),
          { timeout: 60_000, polling: 250 },
        )
        .then(() => true)
        .catch(() => false);
    if (scenario.offline) {
      await doc.waitForFunction((tags) => tags.every((t) => customElements.get(t)), tags);
      await page.context().setOffline(true);
      await doc.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      const settledOffline = await settle(scenario.offline, true);
      const offline = await judge(doc, scenario.offline);
      problems.push(...offline.map((p) => `offline: ${p}`));
      if (!settledOffline && !offline.length)
        problems.push('offline, the elements took longer than 60 s to settle');
      await page.context().setOffline(false);
    }
    let settled = await settle(scenario.expect, !scenario.train);
    if (scenario.train) {
      const trained = await doc.evaluate(async () => {
        const trainer = document.querySelector('cnn-trainer');
        await trainer.train().catch(() => {});
        return trainer.shadowRoot.querySelector('[part="progress"]').textContent.replace(/\s+/g, ' ');
      });
      if (!/batch 4\/4/.test(trained))
        problems.push(`the trainer did not finish its run on the page: "${trained}"`);
      else if (scenario.inWorker && !/in a Web Worker/.test(trained))
        problems.push(`the trainer did not train in its worker: "${trained}"`);
      settled = settled && (await settle(scenario.expect, true));
    }
    problems.push(...(await judge(doc, scenario.expect)));
    const seen = await doc.evaluate(() => {
      const own = document.getElementById('own');
      own.click();
      return { violations: window.violations, clicks: own.dataset.clicks };
    });
    // The policy may refuse only what the scenario takes away (`mayRefuse`: its directives).
    const refused = seen.violations.filter((v) => !(scenario.mayRefuse ?? []).includes(v.split(' ')[0]));
    problems.push(...new Set(refused.map((v) => `the policy refused: ${v}`)));
    if (!settled && !problems.length) problems.push('the elements took longer than 60 s to settle');
    if (seen.clicks !== '1') problems.push("the page's own button stopped working");
  } finally {
    await page.close();
  }
  return problems;
}

/** How the elements of `doc` stand against `expect`: their states, the messages shown and heard. */
async function judge(doc, expect) {
  const problems = [];
  const seen = await doc.evaluate(
    (tags) => ({
      elements: tags.map((tag) => {
        const el = document.querySelector(tag);
        return {
          tag,
          state: el.state,
          shown: el.shadowRoot?.querySelector('[part="error"]')?.textContent?.trim() ?? '',
        };
      }),
      heard: window.heard,
    }),
    Object.keys(expect),
  );
  for (const { tag, state, shown } of seen.elements) {
    const [wanted, says] = expect[tag];
    if (state !== wanted) problems.push(`<${tag}> is "${state}", expected "${wanted}" (shown: "${shown}")`);
    if (says && !says.test(shown)) problems.push(`<${tag}> shows "${shown}", expected ${says}`);
    if (says && !seen.heard.some(([t, m]) => t === tag && says.test(m)))
      problems.push(`<${tag}> fired no cnn-error matching ${says}`);
    if (!says && shown) problems.push(`<${tag}> shows an unexpected message: "${shown}"`);
  }
  return problems;
}
