/** Checks an enumerated attribute (`view`, `colormap`, …) and names the valid values when it is not one. */

/** The message for a value outside `choices`; undefined when it is one of them. */
export function unknownChoice(name: string, value: unknown, choices: readonly string[]): string | undefined {
  if (typeof value === 'string' && choices.includes(value)) return undefined;
  return `${name} "${String(value)}" is unknown: use ${choices.join(', ')}.`;
}
