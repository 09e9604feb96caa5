// Plain Node imports every public entry of the packed package, as a course site's static
// build (VitePress, Astro, Docusaurus) does while it renders pages on the server: nothing may
// throw, and nothing may be fetched or started (no fetch, no Worker) at import time.
// Also checks that the package's runtime dependencies are exactly what the unbundled build imports.
//
//   npm run build && node --test tests/node/      (npm run test:node)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pack, ROOT } from '../../scripts/pack.mjs';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

/** Entries a program can import: every exports key with a JavaScript target. */
const ENTRIES = Object.entries(pkg.exports)
  .filter(([key, target]) => !key.includes('*') && JSON.stringify(target).includes('.js"'))
  .map(([key]) => (key === '.' ? pkg.name : `${pkg.name}/${key.slice(2)}`));

// Run before the entry in each child: calling fetch or starting a Worker at import time fails the import.
const TRAP = `
globalThis.fetch = (url) => { throw new Error('fetch(' + url + ') at import time'); };
globalThis.Worker = class { constructor(url) { throw new Error('new Worker(' + url + ') at import time'); } };`;

test('every public entry imports in plain Node from the packed tarball', { timeout: 300_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'cnn-ssr-'));
  try {
    const tarball = pack();
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name: 'ssr-check', private: true, type: 'module' }),
    );
    execFileSync(
      'npm',
      ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--prefer-offline', tarball],
      { cwd: dir, stdio: 'pipe' },
    );
    const failures = [];
    for (const entry of ENTRIES) {
      const code = `${TRAP}\nconst m = await import(${JSON.stringify(entry)});\nconsole.log(Object.keys(m).length);`;
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', code], {
        cwd: dir,
        encoding: 'utf8',
      });
      if (run.status !== 0)
        failures.push(
          `${entry}: ${(run.stderr || run.stdout).trim().split('\n').slice(-4).join('\n    ').slice(0, 1200)}`,
        );
    }
    assert.deepEqual(failures, [], `entries that failed in Node:\n  ${failures.join('\n  ')}`);
    assert.ok(
      ENTRIES.length >= 8,
      `expected the root, config, cnn-elements.js and five element entries, got ${ENTRIES.join(', ')}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the config entry imports no tfjs and defines no element', () => {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of importsOf(readFileSync(file, 'utf8'))) {
      assert.ok(
        spec.startsWith('.'),
        `${file.slice(ROOT.length)} imports ${spec}: the config entry must import no package`,
      );
      visit(join(file, '..', spec));
    }
  };
  visit(join(ROOT, 'dist/esm/config.js'));
  for (const file of seen) assert.doesNotMatch(readFileSync(file, 'utf8'), /customElements\.define/, file);
});

test('runtime dependencies are exactly the packages the unbundled build imports', () => {
  const imported = new Set();
  for (const file of jsFiles(join(ROOT, 'dist/esm'))) {
    for (const spec of importsOf(readFileSync(file, 'utf8'))) {
      if (!spec.startsWith('.'))
        imported.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
    }
  }
  assert.deepEqual([...imported].sort(), Object.keys(pkg.dependencies).sort());
});

test('the unbundled build never uses import.meta.url outside a new URL(literal) pattern', () => {
  for (const file of jsFiles(join(ROOT, 'dist/esm'))) {
    const text = readFileSync(file, 'utf8').replace(
      /new URL\(\s*(["'])[^"']+\1\s*,\s*import\.meta\.url\s*\)/g,
      '',
    );
    assert.doesNotMatch(
      text,
      /import\.meta\.url/,
      `${file.slice(ROOT.length)}: webpack would bake the build machine's path into a site`,
    );
  }
});

/** Static and dynamic import specifiers of a compiled module. */
function importsOf(source) {
  return [
    ...source.matchAll(
      /(?:^|[\s;])(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/gm,
    ),
  ].map((m) => m[1] ?? m[2]);
}

function jsFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? jsFiles(join(dir, d.name)) : d.name.endsWith('.js') ? [join(dir, d.name)] : [],
  );
}
