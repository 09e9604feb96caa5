/** Checks a matrix an author typed (JSON text or an array) and says how to fix it when it is wrong. */

/**
 * A 2-D array given as JSON text or as an array: a non-empty rectangle of finite numbers.
 * `name` is the attribute the reader wrote it in, used in the messages.
 */
export function parseMatrix(input: unknown, name: string): number[][] {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch {
      throw new Error(`${name} is not valid JSON: give a 2-D array such as [[1, 2], [3, 4]].`);
    }
  }
  if (!Array.isArray(value) || value.length === 0 || !value.every(Array.isArray)) {
    throw new Error(`${name} must be a 2-D array of numbers, such as [[1, 2], [3, 4]].`);
  }
  const rows = value as unknown[][];
  const width = rows[0].length;
  if (width === 0) throw new Error(`${name} has an empty first row: every row needs at least one number.`);
  rows.forEach((row, r) => {
    if (row.length !== width) {
      throw new Error(
        `${name} is ragged: row ${r + 1} has ${row.length} numbers but row 1 has ${width}. Every row needs the same length.`,
      );
    }
    row.forEach((v, c) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        // NaN and ±Infinity are numbers to JavaScript but JSON.stringify writes them as null: name them.
        const shown = typeof v === 'number' ? String(v) : JSON.stringify(v);
        throw new Error(`${name}[${r}][${c}] is ${shown}, not a number. Use finite numbers only.`);
      }
    });
  });
  return rows as number[][];
}
