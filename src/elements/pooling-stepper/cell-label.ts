/**
 * What a map cell shows: at most four characters, so a value fits its cell at the default
 * cell size (−0.13 → "-.13", 12.345 → "12", 1234 → "1.2k"). The full value goes beside it
 * for screen readers and in the tooltip.
 */
export function cellLabel(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  const sign = v < 0 ? '-' : '';
  if (Number.isInteger(v) && a < 1000) return String(v);
  let text: string;
  if (a < 0.995)
    text = a
      .toFixed(2)
      .replace(/^0/, '')
      .replace(/\.?0+$/, '');
  else if (a < 9.95) text = a.toFixed(1).replace(/\.0$/, '');
  else if (a < 999.5) text = String(Math.round(a));
  else if (a < 9950) text = `${(a / 1000).toFixed(1).replace(/\.0$/, '')}k`;
  else if (a < 999500) text = `${Math.round(a / 1000)}k`;
  else text = a.toExponential(0).replace('+', '');
  // A value that rounds to nothing shows as 0, without a sign.
  return text === '' ? '0' : `${sign}${text}`;
}
