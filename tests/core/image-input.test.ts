import { expect } from '@open-wc/testing';
import { readImage } from '../../src/core/image-input.js';
import { sampleUrl } from '../../src/core/samples.js';

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

  it('explains each way an image can be wrong', async () => {
    expect(await rejection(readImage('/nowhere.png'))).to.contain('server answered 404');
    expect(await rejection(readImage(new Blob(['{}'], { type: 'application/json' })))).to.contain('is not an image (its type is application/json)');
    expect(await rejection(readImage(new File(['not really'], 'fake.png', { type: 'image/png' })))).to.contain('fake.png could not be decoded');
    expect(await rejection(readImage(new ImageData(1, 1)))).to.contain('1×1 pixels: too small');
    expect(await rejection(readImage(new ImageData(400, 300), { maxPixels: 100_000 }))).to.contain('too large');
    expect(await rejection(readImage({} as unknown as Blob))).to.contain('Give an image URL');
  });
});
