// One-off generator of assets/images/ from the project's shared sample photos
// (scikit-image's CC0 / public-domain set; see assets/images/LICENSES.md).
// Usage: node scripts/import-sample-images.mjs [folder with the originals]
// Resizes (longest side ≤ 512) and re-encodes in headless Chromium's canvas, the only image
// codec this project can count on. The output is committed: nothing reads the originals at
// build, test or run time.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumFlags, chromiumPath } from './chromium.mjs';

const source = process.argv[2] ?? '../shared/data/images';
const out = 'assets/images';
const MAX_SIDE = 512;
mkdirSync(out, { recursive: true });

// shipped name → original; photos as JPEG, the cut-out (alpha) as PNG.
const IMAGES = {
  cat: 'chelsea.png',
  coffee: 'coffee.png',
  astronaut: 'astronaut.png',
  rocket: 'rocket.jpg',
  camera: 'camera.png',
  brick: 'brick.png',
  coins: 'coins.png',
  horse: 'horse.png',
};
const PNG = new Set(['horse']);

const browser = await chromium.launch({
  executablePath: chromiumPath(),
  args: chromiumFlags({ webgpu: false }),
});
const page = await browser.newPage();
for (const [name, file] of Object.entries(IMAGES)) {
  const mime = extname(file) === '.jpg' ? 'image/jpeg' : 'image/png';
  const dataUrl = `data:${mime};base64,${readFileSync(join(source, file)).toString('base64')}`;
  const type = PNG.has(name) ? 'image/png' : 'image/jpeg';
  const encoded = await page.evaluate(
    async ({ dataUrl, type, maxSide }) => {
      const image = new Image();
      image.src = dataUrl;
      await image.decode();
      const scale = Math.min(1, maxSide / Math.max(image.naturalWidth, image.naturalHeight));
      const canvas = document.createElement('canvas');
      canvas.width = Math.round(image.naturalWidth * scale);
      canvas.height = Math.round(image.naturalHeight * scale);
      canvas.getContext('2d').drawImage(image, 0, 0, canvas.width, canvas.height);
      return canvas.toDataURL(type, 0.85);
    },
    { dataUrl, type, maxSide: MAX_SIDE },
  );
  const target = join(out, `${name}.${type === 'image/png' ? 'png' : 'jpg'}`);
  writeFileSync(target, Buffer.from(encoded.split(',')[1], 'base64'));
  console.log(`${target}: ${(statSync(target).size / 1024).toFixed(0)} KB`);
}
await browser.close();
