/**
 * `paintBars`, the network view's compact bars for a vector: which pixels it colours,
 * checked against bar heights worked out by hand, and `packedColor`, the CSS colour it
 * paints them in.
 */
import { expect } from '@open-wc/testing';
import { packedColor } from '../../src/vis/bitmap.js';
import { BARS_HEIGHT, barsSize, paintBars } from '../../src/vis/network-view.js';

/** Each pixel column's coloured rows, as [first, last + 1], or null where none is coloured. */
function columns(canvas: HTMLCanvasElement, rgba: number[]): Array<[number, number] | null> {
  const { width, height } = canvas;
  const data = canvas.getContext('2d')!.getImageData(0, 0, width, height).data;
  return Array.from({ length: width }, (_, x) => {
    const rows: number[] = [];
    for (let y = 0; y < height; y++) {
      const px = [...data.slice(4 * (y * width + x), 4 * (y * width + x) + 4)];
      if (px[3] === 0) continue;
      expect(px, `pixel ${x}, ${y}`).to.deep.equal(rgba);
      rows.push(y);
    }
    if (!rows.length) return null;
    expect(rows.length, `column ${x} is one run`).to.equal(rows[rows.length - 1] - rows[0] + 1);
    return [rows[0], rows[rows.length - 1] + 1];
  });
}

describe('paintBars', () => {
  const red = [200, 30, 40, 255];
  const color = packedColor('rgb(200, 30, 40)');

  it('draws few values as bars of three pixels and a gap, up from the middle for positive and down for negative', () => {
    const canvas = document.createElement('canvas');
    paintBars(canvas, [2, -1, 0, 1], color);
    expect(barsSize(4)).to.deep.equal({ width: 16, height: BARS_HEIGHT });
    expect([canvas.width, canvas.height]).to.deep.equal([16, 36]);
    // A negative value puts zero at row 18; the peak 2 fills the 18 rows above it, so 1 is 9 rows.
    // Each bar: three coloured columns (the rows it covers), then a gap.
    const bar = (rows: [number, number] | null) => [rows, rows, rows, null];
    expect(columns(canvas, red)).to.deep.equal([
      ...bar([0, 18]),
      ...bar([18, 27]),
      ...bar(null),
      ...bar([9, 18]),
    ]);
  });

  it('draws many values as 160 touching one-pixel bars, each the largest of its share, up from the bottom', () => {
    // 1,600 values, 10 a bar: bar b holds small values and one of b + 1 (bar 159: 160, the peak).
    const values = Float32Array.from({ length: 1600 }, (_, i) =>
      i % 10 === 7 ? Math.floor(i / 10) + 1 : 0.5,
    );
    const canvas = document.createElement('canvas');
    paintBars(canvas, values, color);
    expect([canvas.width, canvas.height]).to.deep.equal([160, 36]);
    const expected = Array.from({ length: 160 }, (_, b) => {
      const rows = Math.round(((b + 1) / 160) * 36);
      return rows ? [36 - rows, 36] : null;
    });
    expect(columns(canvas, red)).to.deep.equal(expected);
  });

  it('clears the previous bars when it paints again, and paints nothing for all zeros', () => {
    const canvas = document.createElement('canvas');
    paintBars(canvas, [1, 2, 3], color);
    paintBars(canvas, [0, 0, 0], color);
    expect(columns(canvas, red).every((c) => c === null)).to.equal(true);
  });
});

describe('packedColor', () => {
  it('packs any CSS colour the page may compute as one opaque pixel', () => {
    const canvas = document.createElement('canvas');
    for (const [css, rgba] of [
      ['rgb(37, 99, 235)', [37, 99, 235, 255]],
      ['#0a141e', [10, 20, 30, 255]],
      ['color-mix(in srgb, rgb(0, 0, 200) 50%, rgb(200, 0, 0))', [100, 0, 100, 255]],
    ] as const) {
      paintBars(canvas, [1], packedColor(css));
      const px = [...canvas.getContext('2d')!.getImageData(0, 0, 1, 1).data];
      expect(px, css).to.deep.equal([...rgba]);
    }
  });
});
