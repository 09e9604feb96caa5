/**
 * The network view's roving focus as a pure function (`moveFocus`): which key moves
 * between layers and which between a layer's items, side by side and stacked, how far
 * a column's shown items reach (the first 8 maps, or all once expanded), and the clamps at
 * the ends. The element's own keyboard test (filter-grid.network.test.ts) drives a few of
 * these through real key presses; this one walks every rule.
 */
import { expect } from '@open-wc/testing';
import type { LayerOutput } from '../../src/core/models/layer-outputs.tf.js';
import { focusDetails, moveFocus, toggleMaps } from '../../src/elements/filter-grid/network-view.js';

const layer = (name: string, className: string, shape: number[]): LayerOutput => ({
  name,
  className,
  shape,
  values: new Float32Array(shape.reduce((a, b) => a * b, 1)),
});

/** conv (12 maps), pool (12 maps), flatten (a vector), dense (the output). */
const NET = [
  layer('conv', 'Conv2D', [26, 26, 12]),
  layer('pool', 'MaxPooling2D', [13, 13, 12]),
  layer('flat', 'Flatten', [2028]),
  layer('out', 'Dense', [10]),
];
const none = new Set<number>();

describe('moveFocus: the network view’s arrow keys', () => {
  it('moves between layers left and right when the columns stand side by side, between maps up and down', () => {
    expect(moveFocus(NET, [0, 3], 'ArrowRight', true, none)).to.deep.equal([1, 3]);
    expect(moveFocus(NET, [1, 3], 'ArrowLeft', true, none)).to.deep.equal([0, 3]);
    expect(moveFocus(NET, [0, 3], 'ArrowDown', true, none)).to.deep.equal([0, 4]);
    expect(moveFocus(NET, [0, 3], 'ArrowUp', true, none)).to.deep.equal([0, 2]);
  });

  it('swaps the axes when the columns are stacked', () => {
    expect(moveFocus(NET, [0, 3], 'ArrowDown', false, none)).to.deep.equal([1, 3]);
    expect(moveFocus(NET, [1, 3], 'ArrowUp', false, none)).to.deep.equal([0, 3]);
    expect(moveFocus(NET, [0, 3], 'ArrowRight', false, none)).to.deep.equal([0, 4]);
    expect(moveFocus(NET, [0, 3], 'ArrowLeft', false, none)).to.deep.equal([0, 2]);
  });

  it('stops at the first and last layer and item, and lands on a one-item column’s only item', () => {
    expect(moveFocus(NET, [0, 0], 'ArrowLeft', true, none)).to.deep.equal([0, 0]);
    expect(moveFocus(NET, [0, 0], 'ArrowUp', true, none)).to.deep.equal([0, 0]);
    expect(moveFocus(NET, [3, 0], 'ArrowRight', true, none)).to.deep.equal([3, 0]);
    expect(moveFocus(NET, [1, 5], 'ArrowRight', true, none)).to.deep.equal([2, 0]);
    expect(moveFocus(NET, [2, 0], 'ArrowDown', true, none)).to.deep.equal([2, 0]);
  });

  it('reaches the 8 shown maps of a 12-map layer, and all 12 once that layer is expanded', () => {
    expect(moveFocus(NET, [0, 7], 'ArrowDown', true, none)).to.deep.equal([0, 7]);
    expect(moveFocus(NET, [0, 2], 'End', true, none)).to.deep.equal([0, 7]);
    const open = new Set([0]);
    expect(moveFocus(NET, [0, 7], 'ArrowDown', true, open)).to.deep.equal([0, 8]);
    expect(moveFocus(NET, [0, 2], 'End', true, open)).to.deep.equal([0, 11]);
    expect(moveFocus(NET, [0, 11], 'ArrowRight', true, open)).to.deep.equal([1, 7]);
    expect(moveFocus(NET, [0, 9], 'Home', true, open)).to.deep.equal([0, 0]);
  });

  it('leaves every other key alone', () => {
    for (const key of ['Enter', ' ', 'Tab', 'a', 'PageDown'])
      expect(moveFocus(NET, [1, 2], key, true, none), key).to.equal(undefined);
  });
});

describe('focusDetails: the line under the network view', () => {
  it('names the focused map or vector, and says what Enter does with a convolution’s map', () => {
    expect(focusDetails(NET, [0, 4], undefined, true)).to.equal(
      'conv (Conv2D): map 4 of 12 (26×26). Enter or click sends its convolution to a linked playground.',
    );
    expect(focusDetails(NET, [0, 4], [0, 4], true)).to.equal(
      'conv (Conv2D): map 4 of 12 (26×26). Selected: sent to linked playgrounds.',
    );
    expect(focusDetails(NET, [1, 4], [0, 4], true)).to.equal('pool (MaxPooling2D): map 4 of 12 (13×13).');
    expect(focusDetails(NET, [2, 0], undefined, true)).to.equal('flat (Flatten): 2028 values.');
    expect(focusDetails(NET, [9, 0], undefined, true)).to.equal('');
  });

  it('promises no playground where none follows the grid', () => {
    expect(focusDetails(NET, [0, 4], undefined, false)).to.equal(
      'conv (Conv2D): map 4 of 12 (26×26). Enter or click selects it.',
    );
    expect(focusDetails(NET, [0, 4], [0, 4], false)).to.equal(
      'conv (Conv2D): map 4 of 12 (26×26). Selected.',
    );
  });
});

describe('toggleMaps: "show all" and "first 8"', () => {
  it('expands and collapses one layer, leaving the others as they were', () => {
    expect([...toggleMaps(new Set([1]), [0, 0], 0).expanded].sort()).to.deep.equal([0, 1]);
    expect([...toggleMaps(new Set([0, 1]), [0, 0], 0).expanded]).to.deep.equal([1]);
  });

  it('moves a focus that collapsing hides to the last map still shown, and leaves any other focus', () => {
    expect(toggleMaps(new Set([0]), [0, 10], 0).focus).to.deep.equal([0, 7]);
    expect(toggleMaps(new Set([0]), [0, 7], 0).focus).to.deep.equal([0, 7]);
    expect(toggleMaps(new Set([0, 1]), [1, 10], 0).focus).to.deep.equal([1, 10]);
    expect(toggleMaps(none, [0, 5], 0).focus).to.deep.equal([0, 5]);
  });
});
