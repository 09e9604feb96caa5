/** Checks what a page hands the trainer before the trainer touches it. */

/**
 * Why `value` is not a tfjs LayersModel (a plain object, a string, a GraphModel), in words
 * that say what to pass instead; undefined when it is one (or undefined, which clears the model).
 */
export function notALayersModel(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const model = value as { layers?: unknown; inputs?: unknown; predict?: unknown; save?: unknown } | null;
  const looksRight =
    model !== null &&
    typeof model === 'object' &&
    Array.isArray(model.layers) &&
    Array.isArray(model.inputs) &&
    typeof model.predict === 'function' &&
    typeof model.save === 'function';
  if (looksRight) return undefined;
  const shown =
    typeof value === 'string'
      ? `the text "${value.slice(0, 40)}"`
      : value === null
        ? 'null'
        : `a ${typeof value === 'object' ? (value.constructor?.name ?? 'plain object') : typeof value}`;
  return `model must be a TensorFlow.js LayersModel (from tf.sequential, tf.model or tf.loadLayersModel), not ${shown}. The previous model stays.`;
}
