// After `myst build --site`: puts the site together in .out/ as MyST's theme serves it. The
// pages' content under /content/, the files MyST copied (each {anywidget} module, renamed) at
// the root, the stand-in theme (main.jsx) as /shell.js, and the library where the pages'
// "library" says: /vendor/cnn-elements/ (a course that serves its own copy, offline).
import { build } from 'esbuild';
import { cpSync, mkdirSync, rmSync } from 'node:fs';

const out = '.out';
rmSync(out, { recursive: true, force: true });
mkdirSync(out);
cpSync('_build/site/public', out, { recursive: true });
cpSync('_build/site/content', `${out}/content`, { recursive: true });
cpSync('shell/index.html', `${out}/index.html`);
for (const part of ['package.json', 'dist', 'assets'])
  cpSync(`node_modules/cnn-elements/${part}`, `${out}/vendor/cnn-elements/${part}`, {
    recursive: true,
    dereference: true,
  });
await build({
  entryPoints: ['shell/main.jsx'],
  outfile: `${out}/shell.js`,
  bundle: true,
  format: 'esm',
  jsx: 'automatic',
  minify: true,
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
});
console.log(`MyST site put together in ${out}/`);
