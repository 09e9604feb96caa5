// `npm run bench` still starts, builds its page and prints a row: nothing else runs it in
// CI, and a harness that no longer loads is found only when someone needs a figure (the
// runner once could not load the GPU survey's pattern after that module gained an import).
// One short row on wasm; no figure is checked, only that the table came out.
//
//   npm run build && node --test tests/node/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ROOT } from '../../scripts/pack.mjs';

test('npm run bench runs a row and prints its ratio', { timeout: 300_000 }, async () => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['bench/run.mjs', '--filter', 'network view', '--backend', 'wasm', '--runs', '1', '--warmup', '0'],
    { cwd: ROOT, timeout: 280_000, maxBuffer: 16 * 1024 * 1024 },
  );
  const rows = stdout.split('\n').filter((line) => line.startsWith('| network view'));
  assert.ok(rows.length > 0, `no network view row in:\n${stdout}`);
  for (const row of rows) {
    const cells = row.split('|').map((c) => c.trim());
    assert.match(cells[2], /^wasm/, row);
    assert.ok(Number(cells[5]) > 0, `no ratio in: ${row}`);
  }
});
