import { nothing } from 'lit';
import { html, unsafeStatic } from 'lit/static-html.js';

/** The values `heading-level` accepts: 1–6 for `<h1>`…`<h6>`, 0 for no heading element (bold text). */
export const HEADING_LEVELS = ['0', '1', '2', '3', '4', '5', '6'] as const;

/** The default: right below a page's `<h1>`, so an element placed after one breaks no heading order. */
export const DEFAULT_HEADING_LEVEL = 2;

const TAGS = [1, 2, 3, 4, 5, 6].map((n) => unsafeStatic(`h${n}`));

/** The level to render: the attribute's value, or the default when it is not one of HEADING_LEVELS. */
export function headingLevelOf(value: unknown): number {
  const text = String(value);
  return (HEADING_LEVELS as readonly string[]).includes(text) ? Number(text) : DEFAULT_HEADING_LEVEL;
}

/**
 * A heading inside an element at the level the author set (`heading-level`), so it fits
 * the page's outline; level 0 renders the same text, styled alike, without a heading.
 */
export function renderHeading(level: unknown, content: unknown, id?: string) {
  const n = headingLevelOf(level);
  if (n === 0) return html`<p class="heading" id=${id ?? nothing}>${content}</p>`;
  const tag = TAGS[n - 1];
  // The tag is one of six static h1–h6 values (lit/static-html), which the lint rules for plain templates do not know.
  // eslint-disable-next-line lit/binding-positions, lit/no-invalid-html
  return html`<${tag} class="heading" id=${id ?? nothing}>${content}</${tag}>`;
}
