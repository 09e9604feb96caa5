/** The kernel editor's typing rule, without the element: numbers apply, anything else waits as a draft. */
import { expect } from '@open-wc/testing';
import { editCell } from '../../src/elements/conv-filter-playground/kernel-editor.js';

describe('editCell', () => {
  const kernel = [
    [0, -1, 0],
    [-1, 4, -1],
    [0, -1, 0],
  ];

  it('applies a number to its cell only, and leaves the kernel it was given alone', () => {
    const edit = editCell(kernel, new Map(), 1, 2, ' 2.5 ');
    expect(edit.kernel).to.deep.equal([
      [0, -1, 0],
      [-1, 4, 2.5],
      [0, -1, 0],
    ]);
    expect(edit.notANumber).to.equal(false);
    expect(kernel[1][2]).to.equal(-1);
  });

  it('keeps what is not a number yet as a draft, without a new kernel', () => {
    for (const text of ['-', '1e', '', 'abc', 'Infinity']) {
      const edit = editCell(kernel, new Map(), 0, 0, text);
      expect(edit.kernel, text).to.equal(undefined);
      expect(edit.notANumber, text).to.equal(true);
      expect(edit.drafts.get('0,0'), text).to.equal(text);
    }
  });

  it('clears a cell’s draft once it holds a number, and repeats no change for the value already applied', () => {
    const drafts = new Map([
      ['0,0', '-'],
      ['2,2', '1e'],
    ]);
    const same = editCell(kernel, drafts, 0, 0, '0');
    expect(same.kernel, 'the value already applied').to.equal(undefined);
    expect([...same.drafts.keys()]).to.deep.equal(['2,2']);
    expect(drafts.size, 'the drafts given are not changed').to.equal(2);
  });
});
