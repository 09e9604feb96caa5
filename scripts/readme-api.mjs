// Writes the README's API reference from custom-elements.json, between the markers
//   <!-- api-reference:start --> and <!-- api-reference:end -->
// so the tables of attributes, properties, methods and events are never hand-copied.
//
//   node scripts/readme-api.mjs          rewrite README.md (run by `npm run analyze`)
//   node scripts/readme-api.mjs --check  exit 1 if README.md is out of date (run by `npm test`)
import { readFileSync, writeFileSync } from 'node:fs';
import { TAGS } from './tags.mjs';

const START = '<!-- api-reference:start -->';
const END = '<!-- api-reference:end -->';
/** Shared by every element (from the base class); listed once under "Every element". */
const SHARED_ATTRIBUTES = new Set(['state', 'backend']);
const sharedNames = (list) => new Set((list ?? []).map((x) => x.name));

const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
const all = manifest.modules.flatMap((m) => m.declarations ?? []);
const declarations = new Map(all.filter((d) => d.tagName).map((d) => [d.tagName, d]));
const base = all.find((d) => d.name === 'CnnElement');
const SHARED_PARTS = sharedNames(base?.cssParts);
const SHARED_CSS = sharedNames(base?.cssProperties);

/** One line of a table cell: no pipes or line breaks. */
const cell = (text = '') =>
  String(text)
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|')
    .trim();
const code = (text) => (text ? `\`${cell(text).replace(/`/g, '')}\`` : '');

function table(header, rows) {
  if (rows.length === 0) return '';
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => ' --- ').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    '',
  ].join('\n');
}

function section(tag) {
  const d = declarations.get(tag);
  if (!d) throw new Error(`custom-elements.json has no <${tag}>: run npm run analyze.`);
  const attributes = (d.attributes ?? []).filter((a) => !SHARED_ATTRIBUTES.has(a.name));
  const attributeFields = new Set(attributes.map((a) => a.fieldName));
  const publicMembers = (d.members ?? []).filter((m) => !m.privacy && !m.static && !m.inheritedFrom);
  const properties = publicMembers.filter((m) => m.kind === 'field' && !attributeFields.has(m.name));
  const methods = publicMembers.filter((m) => m.kind === 'method');
  const events = (d.events ?? []).filter((e) => e.name);
  const signature = (m) => `${m.name}(${(m.parameters ?? []).map((p) => p.name).join(', ')})`;
  return [
    `### \`<${tag}>\``,
    '',
    cell(d.summary ?? d.description),
    '',
    table(
      ['attribute', 'property', 'type', 'default', 'description'],
      attributes.map((a) => [
        code(a.name),
        code(a.fieldName),
        code(a.type?.text),
        code(a.default),
        cell(a.description),
      ]),
    ),
    table(
      ['property (no attribute)', 'type', 'description'],
      properties.map((p) => [
        code(p.name),
        code(p.type?.text),
        cell(p.description) + (p.readonly ? ' (read-only)' : ''),
      ]),
    ),
    table(
      ['method', 'returns', 'description'],
      methods.map((m) => [code(signature(m)), code(m.return?.type?.text), cell(m.description)]),
    ),
    table(
      ['event', 'description'],
      events.map((e) => [code(e.name), cell(e.description)]),
    ),
    table(
      ['CSS part', 'description'],
      (d.cssParts ?? [])
        .filter((p) => !SHARED_PARTS.has(p.name))
        .map((p) => [code(p.name), cell(p.description)]),
    ),
    table(
      ['CSS property', 'description'],
      (d.cssProperties ?? [])
        .filter((p) => !SHARED_CSS.has(p.name))
        .map((p) => [code(p.name), cell(p.description)]),
    ),
  ]
    .filter((part, i, all) => part !== '' || all[i - 1] !== '')
    .join('\n');
}

function shared() {
  if (!base) throw new Error('custom-elements.json has no CnnElement (the base class): run npm run analyze.');
  const attributes = (base.attributes ?? []).filter((a) => SHARED_ATTRIBUTES.has(a.name));
  const events = base.events ?? [];
  return [
    '### Every element',
    '',
    table(
      ['attribute', 'type', 'description'],
      attributes.map((a) => [code(a.name), code(a.type?.text), cell(a.description)]),
    ),
    table(
      ['event', 'description'],
      events.map((e) => [code(e.name), cell(e.description)]),
    ),
    table(
      ['CSS part', 'description'],
      (base.cssParts ?? []).map((p) => [code(p.name), cell(p.description)]),
    ),
    table(
      ['CSS property (the shared theme)', 'description'],
      (base.cssProperties ?? []).map((p) => [code(p.name), cell(p.description)]),
    ),
    'Every element also has a `ready` promise that resolves once it can compute.',
  ].join('\n');
}

const generated = [
  START,
  '<!-- Generated from custom-elements.json by scripts/readme-api.mjs (npm run analyze); edit the JSDoc, not this. -->',
  '',
  shared(),
  '',
  ...TAGS.map(section),
  END,
].join('\n');

const readme = readFileSync('README.md', 'utf8');
const from = readme.indexOf(START);
const to = readme.indexOf(END);
if (from < 0 || to < 0) {
  console.error(`README.md has no ${START} … ${END} markers to write the API reference between.`);
  process.exit(1);
}
const next = readme.slice(0, from) + generated + readme.slice(to + END.length);
if (process.argv.includes('--check')) {
  if (next !== readme) {
    console.error(
      "README.md's API reference is out of date with custom-elements.json: run `npm run analyze` and commit README.md.",
    );
    process.exit(1);
  }
  console.log('README.md API reference matches custom-elements.json.');
} else if (next !== readme) {
  writeFileSync('README.md', next);
  console.log('README.md API reference updated from custom-elements.json.');
}
