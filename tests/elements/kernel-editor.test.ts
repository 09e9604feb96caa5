/** The kernel editor's typing rule, without the element: numbers apply, anything else waits as a draft. */
import { expect } from '@open-wc/testing';
import { editCell, parseWeight } from '../../src/elements/conv-filter-playground/kernel-editor.js';

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

  it('reads a decimal comma and a typographic minus as readers type them', () => {
    expect(editCell(kernel, new Map(), 0, 0, '0,5').kernel?.[0][0]).to.equal(0.5);
    expect(editCell(kernel, new Map(), 0, 0, ' \u22120,25 ').kernel?.[0][0]).to.equal(-0.25);
    expect(editCell(kernel, new Map(), 0, 0, '\u22121').kernel?.[0][0]).to.equal(-1);
    expect(editCell(kernel, new Map(), 0, 0, ',5').kernel?.[0][0]).to.equal(0.5);
    expect(parseWeight('-1.5e-1')).to.equal(-0.15);
    // A comma that is not a decimal separator is not guessed at.
    for (const text of ['1,5,2', '1,', '1,000.5', '1.5,2']) expect(parseWeight(text), text).to.be.NaN;
  });

  it('keeps what is not a number yet as a draft, without a new kernel', () => {
    for (const text of ['-', '1e', '', 'abc', 'Infinity', ',', '\u2212']) {
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
