// Packs the package as `npm publish` would (after `npm run build`) into
// .cache/pack/cnn-elements.tgz, the tarball the SSR import test and the course-site tests install.
//
//   node scripts/pack.mjs
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const PACK_DIR = fileURLToPath(new URL('../.cache/pack/', import.meta.url));
export const TARBALL = `${PACK_DIR}cnn-elements.tgz`;

/** Runs `npm pack` into .cache/pack/ and resolves with the tarball's path. */
export function pack() {
  if (!existsSync(`${ROOT}dist/esm/index.js`))
    throw new Error('dist/ is missing or old: run `npm run build` first.');
  rmSync(PACK_DIR, { recursive: true, force: true });
  mkdirSync(PACK_DIR, { recursive: true });
  const [report] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', PACK_DIR], {
      cwd: ROOT,
      encoding: 'utf8',
    }),
  );
  renameSync(`${PACK_DIR}${report.filename}`, TARBALL);
  return TARBALL;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(pack());
