// Fails when the committed custom-elements.json is not what the analyzer writes
// from src/ now, so the manifest (and Storybook's docs built from it) never goes stale.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';

// The analyzer resolves --outdir against the working directory, so stay inside the repo.
const dir = join('.cache', 'cem-check');
try {
  if (!existsSync('custom-elements.json')) fail('custom-elements.json is missing');
  const committed = normalise(readFileSync('custom-elements.json', 'utf8'));
  const fresh = analyze();
  if (fresh !== committed) fail(`custom-elements.json is stale ${firstDifference(fresh, committed)}`);
  console.log('custom-elements.json is fresh.');
} finally {
  rmSync(dir, { recursive: true, force: true });
}

function analyze() {
  rmSync(dir, { recursive: true, force: true });
  execFileSync('npx', ['--no-install', 'cem', 'analyze', '--outdir', dir], { stdio: 'pipe' });
  return normalise(readFileSync(join(dir, 'custom-elements.json'), 'utf8'));
}

/** Where two normalised manifests first differ, as a short excerpt of each. */
function firstDifference(a, b) {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `(at character ${i}: analyzer "…${a.slice(Math.max(0, i - 60), i + 60)}…", committed "…${b.slice(Math.max(0, i - 60), i + 60)}…")`;
}

function normalise(text) {
  const manifest = JSON.parse(text);
  delete manifest.schemaVersion;
  return JSON.stringify(manifest);
}

function fail(why) {
  console.error(`${why}: run \`npm run analyze\` and commit the result.`);
  process.exit(1);
}
