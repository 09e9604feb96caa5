// Runs the tests in the system Chromium (Debian's `chromium`), headless, with
// WebGPU exposed through SwiftShader so the real WebGPU backend runs.
import { playwrightLauncher } from '@web/test-runner-playwright';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromiumPath, chromiumFlags } from './scripts/chromium.mjs';
import { tfjsBundles } from './scripts/wtr-tfjs-bundles.mjs';

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
    // tfjs as a few bundles (its CommonJS dependencies converted by esbuild): see the module.
    await tfjsBundles(),
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }),
  ],
};
