// Checks what `npm pack` would publish (after `npm run build`): the tarball holds
// dist/ (without source maps: they are 18 MB of bundled tfjs sources), assets/,
// custom-elements.json, README.md, LICENSE and package.json, and nothing else; and
// nothing is missing: every file package.json points to (main, module, types,
// exports), every non-map file of dist/ and assets/, and every licence file.
//
//   npm run build && node scripts/check-pack.mjs      (npm run test:pack)
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TOP_FILES = ['package.json', 'README.md', 'LICENSE', 'custom-elements.json'];
const FOLDERS = ['dist/', 'assets/'];

if (!existsSync(join(ROOT, 'dist', 'cnn-elements.js'))) {
  console.error('dist/ is missing: run `npm run build` first, then `npm run test:pack`.');
  process.exit(1);
}

const report = JSON.parse(
  execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }),
)[0];
const packed = new Set(report.files.map((f) => f.path));
const problems = [];

for (const path of packed) {
  const allowed = TOP_FILES.includes(path) || FOLDERS.some((f) => path.startsWith(f));
  if (!allowed)
    problems.push(`${path} is in the pack but is none of ${[...TOP_FILES, ...FOLDERS].join(', ')}`);
  if (path.endsWith('.map')) problems.push(`${path}: source maps are left out of the pack`);
}

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const required = new Set(TOP_FILES);
for (const target of [pkg.main, pkg.module, pkg.types, ...targets(pkg.exports)]) {
  // Wildcard targets (`./dist/*`) stand for folders the walk below covers.
  if (typeof target === 'string' && !target.includes('*')) required.add(target.replace(/^\.\//, ''));
}
for (const folder of FOLDERS) {
  for (const path of walk(join(ROOT, folder))) {
    const name = relative(ROOT, path).split('\\').join('/');
    if (!name.endsWith('.map')) required.add(name);
  }
}
for (const path of required) {
  if (!packed.has(path))
    problems.push(
      `${path} is missing from the pack${existsSync(join(ROOT, path)) ? '' : ' (and from the disk)'}`,
    );
}
const licences = [...packed].filter((p) => /(^|\/)LICEN[CS]ES?(\.\w+)?$/i.test(p));
if (!licences.some((p) => p.startsWith('assets/')))
  problems.push('no licence file of the shipped assets is in the pack');

const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
console.log(
  `npm pack: ${report.entryCount} files, ${mb(report.size)} packed, ${mb(report.unpackedSize)} unpacked; licences: ${licences.join(', ')}`,
);
if (problems.length) {
  for (const p of problems) console.log(`  - ${p}`);
  console.log(`pack: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log('pack: ok');

/** Every string target of an `exports` map, at any depth. */
function targets(exports) {
  if (typeof exports === 'string') return [exports];
  if (!exports || typeof exports !== 'object') return [];
  return Object.values(exports).flatMap(targets);
}

/** Files under a folder, recursively (none if it does not exist). */
function walk(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)],
  );
}
