// Runs the tests in the system Chromium (Debian's `chromium`), headless, with
// WebGPU exposed through SwiftShader so the real WebGPU backend runs.
import { playwrightLauncher } from '@web/test-runner-playwright';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import rollupCommonjs from '@rollup/plugin-commonjs';
import { chromiumPath, chromiumFlags } from './scripts/chromium.mjs';

const commonjs = fromRollup(rollupCommonjs);
const executablePath = chromiumPath();

// Files named *.no-webgpu.test.ts run in a browser launched without WebGPU,
// to prove the fallback path.
const launcher = (webgpu) =>
  playwrightLauncher({
    product: 'chromium',
    launchOptions: { executablePath, headless: true, args: chromiumFlags({ webgpu }) },
  });

export default {
  rootDir: '.',
  nodeResolve: { exportConditions: ['browser', 'production'] },
  concurrency: 1,
  concurrentBrowsers: 1,
  testFramework: { config: { timeout: 60000 } },
  testsFinishTimeout: 20 * 60 * 1000,
  browserStartTimeout: 60000,
  // The default group (also what `--files` selects) runs with WebGPU.
  files: ['tests/**/*.test.ts', '!tests/**/*.no-webgpu.test.ts'],
  browsers: [launcher(true)],
  groups: [{ name: 'no-webgpu', files: ['tests/**/*.no-webgpu.test.ts'], browsers: [launcher(false)] }],
  plugins: [
    // tfjs pulls two CommonJS packages the dev server cannot serve as ES modules.
    commonjs({
      include: ['**/node_modules/long/**', '**/node_modules/seedrandom/**'],
      ignore: ['crypto'],
      strictRequires: false,
      defaultIsModuleExports: true,
    }),
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }),
  ],
};

