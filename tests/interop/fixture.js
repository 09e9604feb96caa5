// What both interop apps hand to the elements, and what the test expects back.
// Plain data only: the test computes its expectations from these itself.

/** The map the apps give <pooling-stepper> as its `values` property (a number[][], not JSON). */
export const MAP = [
  [1, 3, 2, 0],
  [4, 8, 6, 5],
  [7, 1, 9, 2],
  [0, 6, 3, 4],
];

/** The kernel the apps give <conv-filter-playground> as its `kernel` property. */
export const KERNEL = [
  [0, -1, 0],
  [-1, 4, -1],
  [0, -1, 0],
];

/** The text an app writes for a `step` event, so the test can read what the handler received. */
export function describeStep({ index, row, col, result }) {
  return `step ${index}: row ${row}, col ${col} = ${result}`;
}
