// No `style` attribute in the elements' templates: a course site whose Content-Security-Policy
// has `style-src` without 'unsafe-inline' refuses every one, lit's styleMap included (it writes
// the attribute on its first render). Inline styles go through `styleProps` (the CSSOM), which
// such a policy allows; scripts/check-hosting.mjs runs the five elements under that policy.
//
//   node --test tests/node/no-inline-styles.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const sources = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sources(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  );

test("the source writes no style attribute (a policy without 'unsafe-inline' would refuse it)", () => {
  const found = [];
  for (const file of sources(join(ROOT, 'src'))) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        // Comments may name what is not done.
        if (/^\s*(\*|\/\/)/.test(line)) return;
        if (
          /\sstyle=["'$]|lit\/directives\/style-map|setAttribute\(\s*['"]style['"]|\.cssText\s*=/.test(line)
        )
          found.push(`${relative(ROOT, file)}:${i + 1}: ${line.trim()}`);
      });
  }
  assert.deepEqual(found, [], 'use styleProps() from src/elements/style-props.ts instead');
});
