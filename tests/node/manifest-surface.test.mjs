// custom-elements.json documents what a user can import (scripts/cem-public-surface.mjs):
// the five elements, the draw pad, the base class and the functions the entries export,
// with no private members and no internal modules.
//
//   node --test tests/node/manifest-surface.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync(new URL('../../custom-elements.json', import.meta.url), 'utf8'));
const declarations = manifest.modules.flatMap((m) => m.declarations ?? []);
const entry = (path) => manifest.modules.find((m) => m.path === path);

test('every tag a page uses is documented, with its attributes and events', () => {
  const tags = declarations
    .filter((d) => d.tagName)
    .map((d) => d.tagName)
    .sort();
  assert.deepEqual(tags, [
    'cnn-draw-pad',
    'cnn-trainer',
    'conv-filter-playground',
    'filter-grid',
    'pooling-stepper',
    'pretrained-classifier',
  ]);
  const stepper = declarations.find((d) => d.tagName === 'pooling-stepper');
  assert.ok(stepper.attributes.some((a) => a.name === 'stride'));
  assert.ok(stepper.events.some((e) => e.name === 'step'));
});

test('only what the package entries export is declared', () => {
  const exported = new Set(
    ['src/index.ts', 'src/config.ts'].flatMap((path) => entry(path).exports.map((e) => e.declaration.name)),
  );
  // A documented class's superclass is documented too (what its members are inherited from).
  const parents = new Set(declarations.map((d) => d.superclass?.name));
  for (const d of declarations)
    assert.ok(exported.has(d.name) || parents.has(d.name), `${d.name} is documented but not exported`);
  for (const fn of [
    'loadModel',
    'ensureBackend',
    'setAssetBase',
    'preprocessDigit',
    'setBackendPreference',
  ]) {
    assert.ok(
      declarations.some((d) => d.kind === 'function' && d.name === fn),
      `${fn} is missing`,
    );
  }
  const internal = manifest.modules.filter(
    (m) => /^src\/(core|controllers)\//.test(m.path) && m.declarations.length === 0,
  );
  assert.deepEqual(
    internal.map((m) => m.path),
    [],
    'internal modules listed with nothing public in them',
  );
});

test('no private members, and inherited protected ones only on the base class', () => {
  for (const d of declarations) {
    for (const m of d.members ?? []) {
      assert.notEqual(m.privacy, 'private', `${d.name}.${m.name} is private`);
      if (m.privacy === 'protected')
        assert.ok(!m.inheritedFrom, `${d.name}.${m.name} is inherited and protected`);
    }
  }
  assert.ok(declarations.find((d) => d.name === 'CnnElement').members.some((m) => m.privacy === 'protected'));
});
