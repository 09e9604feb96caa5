import { noChange, nothing } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

/** CSS property names (`aspect-ratio`, `--cols`) to values; `undefined` leaves a property out. */
export type StyleProps = Record<string, string | number | undefined>;

/**
 * Inline styles written through the CSSOM (`style.setProperty`), never through the `style`
 * attribute. A course site whose Content-Security-Policy has `style-src` without
 * 'unsafe-inline' blocks every `style="…"`, and lit's own styleMap too, which writes the
 * attribute on its first render; the CSSOM stays allowed. Without it the kernel and the
 * pooled maps lost their columns and the probability bars their lengths on such a site.
 *
 *   html`<div ${styleProps({ '--cols': 3, 'aspect-ratio': ratio })}>`
 *
 * A property left out (or `undefined`) on a later render is removed.
 */
class StylePropsDirective extends Directive {
  private written = new Set<string>();

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT)
      throw new Error('styleProps() goes on the element itself: <div ${styleProps({ … })}>');
  }

  render(_props: StyleProps): unknown {
    return nothing;
  }

  override update(part: ElementPart, [props]: [StyleProps]): unknown {
    const { style } = part.element as HTMLElement;
    for (const name of this.written) {
      if (props[name] === undefined) {
        style.removeProperty(name);
        this.written.delete(name);
      }
    }
    for (const [name, value] of Object.entries(props)) {
      if (value === undefined) continue;
      style.setProperty(name, String(value));
      this.written.add(name);
    }
    return noChange;
  }
}

export const styleProps = directive(StylePropsDirective);
