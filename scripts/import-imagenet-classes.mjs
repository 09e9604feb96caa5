// Builds assets/imagenet/classes.json: the 1000 ImageNet-1k (ILSVRC 2012) class names in
// model output order, from the npm package @tensorflow-models/mobilenet@2.1.1 (Apache-2.0),
// file dist/imagenet_classes.js. Unpack it first (`npm pack @tensorflow-models/mobilenet@2.1.1`).
//
// WordNet ids are not included: no package reachable here ships them, and recovering them
// from WordNet 3.0 by matching lemmas left about 35 classes ambiguous (two "crane"s etc.).
//
//   node scripts/import-imagenet-classes.mjs <unpacked mobilenet package dir>
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const [mobilenetDir] = process.argv.slice(2);
if (!mobilenetDir) {
  console.error('usage: node scripts/import-imagenet-classes.mjs <unpacked @tensorflow-models/mobilenet dir>');
  process.exit(1);
}
// A CommonJS module exporting IMAGENET_CLASSES, an object from output index to name.
const { IMAGENET_CLASSES } = createRequire(import.meta.url)(resolve(mobilenetDir, 'dist/imagenet_classes.js'));
const names = Array.from({ length: 1000 }, (_, i) => IMAGENET_CLASSES[i]);
if (names.some((n) => typeof n !== 'string' || !n.trim())) throw new Error('expected 1000 class names');
mkdirSync('assets/imagenet', { recursive: true });
writeFileSync('assets/imagenet/classes.json', `[\n${names.map((n) => JSON.stringify(n)).join(',\n')}\n]\n`);
console.log(`wrote assets/imagenet/classes.json: ${names.length} names, "${names[0]}" … "${names[999]}"`);
