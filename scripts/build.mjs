// `npm run build`: writes dist/ for publishing.
//   dist/cnn-elements.js   CDN build: one self-contained ES module defining all five elements (tfjs, lit, d3 inside)
//   dist/<tag>.js          CDN build, one module per element; shared code split into dist/chunks/
//   dist/config.js         CDN build of the config entry (no tfjs, no element)
//   dist/anywidget.js      the anywidget module (Jupyter Book 2's {anywidget}, Jupyter): one file, no imports
//   dist/train-worker.js   the CDN build's Web Worker (tfjs inside), found beside the modules
//   dist/esm/              the unbundled build for bundlers and Node (package.json's exports): src/ compiled
//                          file by file, lit, d3 and @tensorflow/* left as bare imports, shipped files named
//                          in `new URL('…', import.meta.url)` literals (src/core/runtime/shipped-files.bundler.ts)
//   dist/types/            type declarations
//   dist/wasm/             the tfjs WASM binaries, for pages that force backend="wasm"
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const TAGS = readdirSync('src/elements', { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

const common = {
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  // Maps beside the files but not linked from them: the package leaves them out, and a link would 404.
  sourcemap: 'external',
  legalComments: 'linked',
  tsconfig: 'tsconfig.json',
  conditions: ['browser', 'production'],
  // tfjs-backend-wasm's Emscripten code checks `typeof __filename` to detect Node. Webpack
  // (Docusaurus) rebundling these ES modules folds that check to true and leaves `__filename`
  // undefined: a ReferenceError. In a browser bundle there is no __filename to find.
  define: { 'process.env.NODE_ENV': '"production"', __filename: 'undefined', __dirname: 'undefined' },
  logLevel: 'warning',
};

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const started = Date.now();
rmSync('dist', { recursive: true, force: true });

await Promise.all([
  // Without splitting, esbuild inlines the backends' dynamic imports: one file is the whole library.
  build({ ...common, entryPoints: { 'cnn-elements': 'src/index.ts' }, outdir: 'dist' }),
  build({
    ...common,
    entryPoints: Object.fromEntries(TAGS.map((tag) => [tag, `src/elements/${tag}/define.ts`])),
    outdir: 'dist',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
  }),
  // The worker is one self-contained ES module: a worker cannot share the page's loaded chunks anyway.
  // It finds no files itself (the page sends their URLs): see src/core/runtime/shipped-files.worker.ts.
  build({
    ...common,
    entryPoints: { 'train-worker': 'src/core/training/worker-script.tf.ts' },
    outdir: 'dist',
    plugins: [swapModule('./shipped-files.js', 'src/core/runtime/shipped-files.worker.ts')],
  }),
  build({ ...common, entryPoints: { config: 'src/config.ts' }, outdir: 'dist' }),
  // MyST copies this one file into the built site: it must import nothing, and it names the
  // version of the library it loads from the CDN when no copy sits beside it.
  build({
    ...common,
    entryPoints: { anywidget: 'src/anywidget/index.ts' },
    outdir: 'dist',
    define: {
      ...common.define,
      __CNN_ELEMENTS_VERSION__: JSON.stringify(pkg.version),
    },
  }),
  // The unbundled build: each source file on its own, imports left as they are. A site's bundler
  // then gives the page one copy of lit and tfjs, and copies the shipped files it finds named.
  build({
    entryPoints: [
      ...sources('src')
        .filter((f) => !f.startsWith('src/core/runtime/shipped-files.') && !f.startsWith('src/anywidget/'))
        .map((f) => ({ in: f, out: f.slice(4, -3) })),
      { in: 'src/core/runtime/shipped-files.bundler.ts', out: 'core/runtime/shipped-files' },
    ],
    outdir: 'dist/esm',
    bundle: false,
    // src/vite.ts's list of what a dev server pre-bundles: package.json's, not a copy kept by hand.
    define: { __CNN_ELEMENTS_DEPENDENCIES__: JSON.stringify(Object.keys(pkg.dependencies)) },
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    tsconfig: 'tsconfig.json',
    logLevel: 'warning',
  }),
]);

/** An esbuild plugin that bundles `replacement` wherever a module imports `specifier`. */
function swapModule(specifier, replacement) {
  return {
    name: `swap ${specifier}`,
    setup(b) {
      b.onResolve({ filter: new RegExp(`^${specifier.replace(/[.]/g, '\\.')}$`) }, () => ({
        path: resolve(replacement),
      }));
    },
  };
}

/** Every .ts file under a folder. */
function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sources(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  );
}

execFileSync('npx', ['--no-install', 'tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });

mkdirSync('dist/wasm', { recursive: true });
for (const file of readdirSync('node_modules/@tensorflow/tfjs-backend-wasm/dist').filter((f) =>
  f.endsWith('.wasm'),
)) {
  cpSync(`node_modules/@tensorflow/tfjs-backend-wasm/dist/${file}`, `dist/wasm/${file}`);
}

console.log(
  `Built dist/ (cnn-elements.js and ${TAGS.length} element modules) in ${Date.now() - started} ms.`,
);

// Editor hints and JSX/Vue typings from custom-elements.json (dist/vscode.html-custom-data.json, dist/types/{jsx,vue}.d.ts).
(await import('./editor-types.mjs')).writeEditorFiles();
