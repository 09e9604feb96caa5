// The first-load boundary: what a page loads for an element before it paints (its define
// module and everything that imports statically) never reaches `@tensorflow/*`. TensorFlow.js
// arrives only through dynamic `import()` (the element's `static computeModule`, the base
// class's backend import), behind the frame and controls already on screen.
//
// Walks the static import graph of the source with TypeScript's parser; type-only imports
// are erased by the compilers and do not count.
//
//   node --test tests/node/tfjs-boundary.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SRC = join(ROOT, 'src');

/** Modules a page may load statically: each element's define module, the draw pad, the config entry. */
const FIRST_LOAD = [
  ...readdirSync(join(SRC, 'elements'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(SRC, 'elements', d.name, 'define.ts')))
    .map((d) => join(SRC, 'elements', d.name, 'define.ts')),
  join(SRC, 'vis', 'draw-pad.ts'),
  join(SRC, 'config.ts'),
];

/** The specifiers a module imports or re-exports at run time (not `import type`, not `import()`). */
export function staticImports(file) {
  const source = ts.createSourceFile(
    file,
    readFileSync(file, 'utf8'),
    ts.ScriptTarget.Latest,
    false,
    ts.ScriptKind.TS,
  );
  const specifiers = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      const typeOnly =
        clause &&
        (clause.isTypeOnly ||
          (!clause.name &&
            clause.namedBindings &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      if (!typeOnly) specifiers.push(statement.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier) {
      const named =
        statement.exportClause && ts.isNamedExports(statement.exportClause)
          ? statement.exportClause.elements
          : undefined;
      const typeOnly =
        statement.isTypeOnly || (named && named.length > 0 && named.every((e) => e.isTypeOnly));
      if (!typeOnly) specifiers.push(statement.moduleSpecifier.text);
    }
  }
  return specifiers;
}

/** The first chain of static imports from `entry` to a `@tensorflow/*` package, or undefined. */
export function pathToTfjs(entry) {
  const seen = new Set([entry]);
  const queue = [[entry]];
  while (queue.length > 0) {
    const chain = queue.shift();
    const file = chain[chain.length - 1];
    for (const specifier of staticImports(file)) {
      if (specifier.startsWith('@tensorflow/')) return [...chain, specifier];
      if (!specifier.startsWith('.')) continue;
      const next = resolve(dirname(file), specifier.replace(/\.js$/, '.ts'));
      if (seen.has(next) || !existsSync(next)) continue;
      seen.add(next);
      queue.push([...chain, next]);
    }
  }
  return undefined;
}

const show = (chain) => chain.map((f) => (f.startsWith('/') ? relative(ROOT, f) : f)).join('\n    → ');

test('no element define module, nor the draw pad or config entry, imports @tensorflow/* statically', () => {
  assert.ok(
    FIRST_LOAD.length >= 7,
    `expected five define modules, the draw pad and config, got ${FIRST_LOAD.length}`,
  );
  const crossings = FIRST_LOAD.map(pathToTfjs).filter(Boolean);
  assert.deepEqual(
    crossings.map(show),
    [],
    'tfjs must arrive through a dynamic import (static computeModule)',
  );
});

test('the walk sees tfjs where it is: a compute module and the root entry reach it', () => {
  // Without this, a walker that follows nothing would pass the test above.
  assert.ok(pathToTfjs(join(SRC, 'elements', 'filter-grid', 'compute.ts')));
  assert.ok(
    pathToTfjs(join(SRC, 'index.ts')),
    'the root entry exports ensureBackend and loadModel, which use tfjs',
  );
  assert.deepEqual(
    staticImports(join(SRC, 'elements', 'contracts.ts')),
    [],
    'contracts.ts has type-only imports',
  );
});
