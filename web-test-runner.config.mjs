// Runs the tests in the system Chromium (Debian's `chromium`), headless, with
// WebGPU exposed through SwiftShader so the real WebGPU backend runs.
import { playwrightLauncher } from '@web/test-runner-playwright';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import rollupCommonjs from '@rollup/plugin-commonjs';
import { chromiumPath, chromiumFlags } from './scripts/chromium.mjs';

const commonjs = fromRollup(rollupCommonjs);

// seedrandom's index.js attaches its generators to the exported function at run time
// (`sr.alea = alea`), which the CommonJS plugin cannot see, so tfjs' `seedrandom.alea`
// (every random op: initializers, dropout, randomUniform) would be undefined. Serve that
// one file as the ES module it amounts to; its parts stay CommonJS.
const SEEDRANDOM_PARTS = ['alea', 'xor128', 'xorwow', 'xorshift7', 'xor4096', 'tychei'];
const seedrandomAsEsm = {
  name: 'seedrandom-as-esm',
  transform(context) {
    if (!context.path.endsWith('/node_modules/seedrandom/index.js')) return undefined;
    return {
      body: [
        ...SEEDRANDOM_PARTS.map((p) => `import ${p} from './lib/${p}.js';`),
        "import sr from './seedrandom.js';",
        ...SEEDRANDOM_PARTS.map((p) => `sr.${p} = ${p};`),
        'export default sr;',
        `export { ${SEEDRANDOM_PARTS.join(', ')} };`,
      ].join('\n'),
    };
  },
};
const executablePath = chromiumPath();

// A fake camera (a test pattern) that is allowed without a prompt, for the classifier's camera tests.
const FAKE_CAMERA = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];

// Files named *.no-webgpu.test.ts run in a browser launched without WebGPU,
// to prove the fallback path.
// Files named *.no-tfjs.test.ts run in a page that refuses every TensorFlow.js file, to prove
// that the elements' first load (frame and controls) does without it.
const launcher = (webgpu, { blockTfjs = false } = {}) =>
  playwrightLauncher({
    product: 'chromium',
    launchOptions: { executablePath, headless: true, args: [...chromiumFlags({ webgpu }), ...FAKE_CAMERA] },
    createPage: async ({ context }) => {
      const page = await context.newPage();
      if (blockTfjs) await page.route(/\/@tensorflow\//, (route) => route.abort('blockedbyclient'));
      return page;
    },
  });

export default {
  rootDir: '.',
  nodeResolve: { exportConditions: ['browser', 'production'] },
  // Two test files at once: on a 2-core machine a file waits on its page (timers, workers,
  // frames) for much of its time, and the suite ran in three quarters of the time it took one
  // at a time. WTR_CONCURRENCY=1 runs them one at a time.
  concurrency: Number(process.env.WTR_CONCURRENCY ?? 2),
  concurrentBrowsers: 1,
  testFramework: { config: { timeout: 60000 } },
  testsFinishTimeout: 20 * 60 * 1000,
  browserStartTimeout: 60000,
  // A busy machine (a build or training beside the tests) can take longer than the 20 s default to start a test file.
  testsStartTimeout: 60000,
  // The default group (also what `--files` selects) runs with WebGPU.
  // tests/sites/ holds the course-site projects (their node_modules carry other packages' tests).
  files: [
    'tests/**/*.test.ts',
    '!tests/**/*.no-webgpu.test.ts',
    '!tests/**/*.no-tfjs.test.ts',
    '!tests/sites/**',
  ],
  browsers: [launcher(true)],
  groups: [
    { name: 'no-webgpu', files: ['tests/**/*.no-webgpu.test.ts'], browsers: [launcher(false)] },
    {
      name: 'no-tfjs',
      files: ['tests/**/*.no-tfjs.test.ts'],
      browsers: [launcher(true, { blockTfjs: true })],
    },
  ],
  plugins: [
    seedrandomAsEsm,
    // tfjs pulls two CommonJS packages the dev server cannot serve as ES modules.
    commonjs({
      // …and the WASM backend's Emscripten loaders (wasm-out/*.js).
      include: [
        '**/node_modules/long/**',
        '**/node_modules/seedrandom/**',
        '**/node_modules/@tensorflow/tfjs-backend-wasm/wasm-out/**',
      ],
      // Node built-ins the Emscripten loaders require only when they run in Node.
      ignore: ['crypto', 'fs', 'path', 'os', 'worker_threads', 'perf_hooks'],
      strictRequires: false,
      defaultIsModuleExports: true,
    }),
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }),
  ],
};
