import { expect } from '@open-wc/testing';
import { readImage } from '../../../src/core/images/image-input.js';
import { imageSize } from '../../../src/core/images/image-size.js';
import { SAMPLE_NAMES, sampleUrl } from '../../../src/core/images/samples.js';

async function rejection(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected a rejection');
}

describe('core/image-input', () => {
  it('reads a shipped sample and scales its longest side to maxSide', async () => {
    const img = await readImage(sampleUrl('coffee'), { maxSide: 100 });
    // coffee.jpg is 512×341: 100×67 after scaling.
    expect([img.width, img.height, img.sourceWidth, img.sourceHeight]).to.deep.equal([100, 67, 512, 341]);
    expect(img.data.length).to.equal(100 * 67 * 4);
  });

  it('keeps ImageData pixels exactly when no scaling is needed', async () => {
    const data = new Uint8ClampedArray(4 * 4 * 4).map((_, i) => (i % 4 === 3 ? 255 : (i * 37) % 256));
    const img = await readImage(new ImageData(data, 4, 4));
    expect(Array.from(img.data)).to.deep.equal(Array.from(data));
  });

  it("follows the module a webpack site's image loader wrote in place of a shipped photo", async () => {
    // What Docusaurus emits for `new URL('…/coffee.jpg', import.meta.url)`: a module naming the photo's new place…
    const moved = await readImage(new URL('../../fixtures/loader-stub/coffee.jpg', import.meta.url).href);
    expect([moved.sourceWidth, moved.sourceHeight]).to.deep.equal([512, 341]);
    // …or, for a small file, the photo inlined as a data: URL (a 4×3 red PNG here).
    const inlined = await readImage(new URL('../../fixtures/loader-stub/red.png', import.meta.url).href);
    expect([inlined.width, inlined.height, ...inlined.data.slice(0, 4)]).to.deep.equal([
      4, 3, 255, 0, 0, 255,
    ]);
  });

  it('explains each way an image can be wrong', async () => {
    expect(await rejection(readImage('/nowhere.png'))).to.contain('server answered 404');
    expect(await rejection(readImage(new Blob(['{}'], { type: 'application/json' })))).to.contain(
      'is not an image (its type is application/json)',
    );
    expect(
      await rejection(readImage(new File(['not really'], 'fake.png', { type: 'image/png' }))),
    ).to.contain('fake.png could not be decoded');
    expect(await rejection(readImage(new ImageData(1, 1)))).to.contain('1×1 pixels: too small');
    expect(await rejection(readImage(new ImageData(400, 300), { maxPixels: 100_000 }))).to.contain(
      'too large',
    );
    expect(await rejection(readImage({} as unknown as Blob))).to.contain('Give an image URL');
  });
});

/** A PNG or JPEG whose header declares a size, followed by nothing decodable. */
function forgedPng(width: number, height: number): Blob {
  const bytes = new Uint8Array(64);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const view = new DataView(bytes.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  return new Blob([bytes], { type: 'image/png' });
}

function forgedJpeg(width: number, height: number): Blob {
  // SOI, an APP0 segment of 16 bytes to skip, then SOF0: length 17, precision 8, height, width.
  const bytes = new Uint8Array([
    0xff,
    0xd8,
    0xff,
    0xe0,
    0,
    16,
    ...new Array(14).fill(0),
    0xff,
    0xc0,
    0,
    17,
    8,
    0,
    0,
    0,
    0,
    3,
    ...new Array(9).fill(0),
  ]);
  const view = new DataView(bytes.buffer);
  view.setUint16(25, height);
  view.setUint16(27, width);
  return new Blob([bytes], { type: 'image/jpeg' });
}

/** A 24-bit BMP written here by hand: 14-byte file header, 40-byte info header, rows padded to 4 bytes. */
function bmp(width: number, height: number): Blob {
  const row = Math.ceil((width * 3) / 4) * 4;
  const bytes = new Uint8Array(54 + row * height);
  const view = new DataView(bytes.buffer);
  bytes.set([0x42, 0x4d]);
  view.setUint32(2, bytes.length, true);
  view.setUint32(10, 54, true);
  view.setUint32(14, 40, true);
  view.setInt32(18, width, true);
  view.setInt32(22, height, true);
  view.setUint16(26, 1, true);
  view.setUint16(28, 24, true);
  bytes.fill(200, 54);
  return new Blob([bytes], { type: 'image/bmp' });
}

describe('core/image-size', () => {
  const sizeOf = async (blob: Blob) => imageSize(new Uint8Array(await blob.arrayBuffer()));

  it('reads the size from the header of every shipped photo, as the browser decodes it', async () => {
    for (const name of SAMPLE_NAMES) {
      const blob = await (await fetch(sampleUrl(name))).blob();
      const bitmap = await createImageBitmap(blob);
      expect(await sizeOf(blob), name).to.deep.equal({ width: bitmap.width, height: bitmap.height });
      bitmap.close();
    }
  });

  it('reads PNG, WebP, GIF and BMP headers as the browser decodes them', async () => {
    const canvas = new OffscreenCanvas(37, 21);
    canvas.getContext('2d')!.fillRect(0, 0, 5, 5);
    const files = [
      await canvas.convertToBlob({ type: 'image/png' }),
      await canvas.convertToBlob({ type: 'image/webp', quality: 0.8 }),
      await canvas.convertToBlob({ type: 'image/webp', quality: 1 }),
      bmp(5, 3),
      // The smallest GIF there is: 1×1.
      await (
        await fetch('data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7')
      ).blob(),
    ];
    for (const file of files) {
      const bitmap = await createImageBitmap(file);
      expect(await sizeOf(file), file.type).to.deep.equal({ width: bitmap.width, height: bitmap.height });
      bitmap.close();
    }
    expect(await sizeOf(new Blob(['plain text']))).to.equal(undefined);
  });

  it('refuses a 10,000×10,000 file from its header, before decoding it', async () => {
    // The files hold nothing but a header: decoding them would fail with "could not be decoded".
    for (const file of [forgedPng(10_000, 10_000), forgedJpeg(10_000, 10_000)]) {
      expect(await rejection(readImage(file))).to.contain('10000×10000 pixels (100 megapixels): too large');
    }
    expect(await rejection(readImage(forgedPng(300, 200)))).to.contain('could not be decoded');
  });
});
