/**
 * `paintMap`: each pixel of the chosen channel, checked against the colour that d3's own
 * ramp gives for its step of the scale (a reference written here), opaque, in RGBA order.
 */
import { expect } from '@open-wc/testing';
import { interpolateGreys, interpolateRdBu } from 'd3-scale-chromatic';
import { mapScale, paintMap } from '../../src/vis/feature-map.js';

const rgb = (css: string): number[] => css.match(/\d+/g)!.slice(0, 3).map(Number);

describe('paintMap', () => {
  it('paints one channel of a map through the gray and the diverging scale, pixel by pixel', () => {
    const [h, w, c] = [3, 5, 2];
    const values = Float32Array.from({ length: h * w * c }, (_, i) => Math.sin(i * 1.7) * 3 + (i % 2));
    for (const channel of [0, 1]) {
      for (const colormap of ['gray', 'diverging'] as const) {
        let min = Infinity;
        let max = -Infinity;
        for (let i = channel; i < values.length; i += c) {
          min = Math.min(min, values[i]);
          max = Math.max(max, values[i]);
        }
        const scale = mapScale(colormap, min, max);
        const canvas = document.createElement('canvas');
        paintMap(canvas, values, [h, w, c], scale, channel);
        expect([canvas.width, canvas.height]).to.deep.equal([w, h]);
        const data = canvas.getContext('2d')!.getImageData(0, 0, w, h).data;
        const [lo, hi] = scale.domain;
        const ramp = colormap === 'gray' ? interpolateGreys : interpolateRdBu;
        for (let i = 0; i < h * w; i++) {
          const step = Math.round(
            Math.min(255, Math.max(0, (values[i * c + channel] - lo) * (255 / (hi - lo)))),
          );
          const expected = [...rgb(ramp(1 - step / 255)), 255];
          expect(
            [...data.slice(4 * i, 4 * i + 4)],
            `${colormap}, channel ${channel}, pixel ${i}`,
          ).to.deep.equal(expected);
        }
      }
    }
  });
});
