// Builds assets/imagenet/classes.json: the 1000 ImageNet-1k (ILSVRC 2012) classes in model
// output order, each as [WordNet id, names], one pair a line.
//
// Two inputs:
// - the names, from the npm package @tensorflow-models/mobilenet@2.1.1 (Apache-2.0), file
//   dist/imagenet_classes.js (unpack it first: `npm pack @tensorflow-models/mobilenet@2.1.1`);
// - the WordNet ids, from any Keras-style `imagenet_class_index.json` ({"k": [wnid, name]},
//   in any order: only the set of ids is used).
//
// ILSVRC-2012 numbers its classes by their WordNet ids sorted as strings (n01440764 "tench" is
// 0, n15075141 "toilet tissue" is 999), so the sorted ids pair with the names index by index.
// The second file's own names cross-check that pairing: its name for an id must be one of the
// comma-separated synonyms of the mobilenet name at the same index. A few spellings differ
// between the two sources; anything more means the order is wrong, and the script stops.
//
//   node scripts/import-imagenet-classes.mjs <unpacked mobilenet dir> <imagenet_class_index.json>
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

/** More mismatches than this and the pairing is not trusted. */
const MAX_MISMATCHES = 10;

const [mobilenetDir, indexFile] = process.argv.slice(2);
if (!mobilenetDir || !indexFile) {
  console.error(
    'usage: node scripts/import-imagenet-classes.mjs <unpacked @tensorflow-models/mobilenet dir> <imagenet_class_index.json>',
  );
  process.exit(1);
}

// A CommonJS module exporting IMAGENET_CLASSES, an object from output index to name.
const { IMAGENET_CLASSES } = createRequire(import.meta.url)(
  resolve(mobilenetDir, 'dist/imagenet_classes.js'),
);
const names = Array.from({ length: 1000 }, (_, i) => IMAGENET_CLASSES[i]);
if (names.some((n) => typeof n !== 'string' || !n.trim())) throw new Error('expected 1000 class names');

const pairs = Object.values(JSON.parse(readFileSync(indexFile, 'utf8')));
const wnids = pairs.map(([id]) => id);
if (wnids.length !== 1000 || new Set(wnids).size !== 1000 || !wnids.every((id) => /^n\d{8}$/.test(id))) {
  throw new Error(`${indexFile}: expected 1000 distinct WordNet ids like n01440764`);
}
const kerasName = new Map(pairs.map(([id, name]) => [id, name]));
// Same-length ids of the form n + 8 digits: string order is numeric order.
wnids.sort();

const simplify = (s) => s.trim().replace(/_/g, ' ').toLowerCase();
const mismatches = [];
wnids.forEach((id, i) => {
  const synonyms = names[i].split(',').map(simplify);
  if (!synonyms.includes(simplify(kerasName.get(id))))
    mismatches.push(`${i}: ${id} "${kerasName.get(id)}" vs "${names[i]}"`);
});
for (const line of mismatches) console.log(`name differs at ${line}`);
if (mismatches.length > MAX_MISMATCHES) {
  console.error(
    `${mismatches.length} of 1000 names differ: the sorted ids do not line up with the names. Nothing written.`,
  );
  process.exit(1);
}

mkdirSync('assets/imagenet', { recursive: true });
const lines = wnids.map((id, i) => JSON.stringify([id, names[i]]));
writeFileSync('assets/imagenet/classes.json', `[\n${lines.join(',\n')}\n]\n`);
console.log(
  `wrote assets/imagenet/classes.json: 1000 [id, name] pairs, ${mismatches.length} name spellings differ between the sources`,
);
console.log(`  0 ${lines[0]}\n  999 ${lines[999]}`);
