// One place that finds the system Chromium and the flags it runs with, shared by
// the test runner, the Storybook smoke test and the benchmark runner.
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Path of the Chromium to launch: $CHROME_PATH, else the first system one found; exits with a hint if none. */
export function chromiumPath() {
  const found = [process.env.CHROME_PATH, ...CANDIDATES].find((p) => p && existsSync(p));
  if (!found) {
    console.error(
      'No Chromium found: install it (Debian/Ubuntu: sudo apt-get install -y chromium) or set CHROME_PATH to a Chromium/Chrome binary.',
    );
    process.exit(1);
  }
  return found;
}

/** Flags that work headless on a machine without a GPU and without network. */
export function chromiumFlags({ webgpu = true } = {}) {
  return [
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    // WebGL through SwiftShader, so the webgl fallback exists without a GPU.
    '--enable-unsafe-swiftshader',
    '--use-angle=swiftshader',
    ...(webgpu ? ['--enable-unsafe-webgpu'] : []),
  ];
}
