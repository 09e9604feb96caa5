import type { ReactiveElement } from 'lit';

/**
 * Remembers each attribute-backed property's value as the class set it, before any
 * attribute was applied, so that removing an attribute restores the documented
 * default instead of handing the element `null` (which it would refuse, or show as
 * "null"). One mechanism for every element, in the shared base class.
 */
export class AttributeDefaults {
  private values?: Map<string, { key: PropertyKey; value: unknown }>;

  constructor(private readonly host: ReactiveElement) {}

  /**
   * Records the defaults, once. Called before the first attribute is applied: the class
   * fields are set by then (the constructor has run) and no attribute has changed them.
   */
  capture(): void {
    if (this.values) return;
    this.values = new Map();
    const ctor = this.host.constructor as typeof ReactiveElement;
    for (const [key, options] of ctor.elementProperties) {
      if (options.state || options.attribute === false || typeof key !== 'string') continue;
      // `state` is the element's own report, not a setting: there is no default to go back to.
      if (key === 'state') continue;
      const attribute = typeof options.attribute === 'string' ? options.attribute : key.toLowerCase();
      this.values.set(attribute, { key, value: (this.host as unknown as Record<string, unknown>)[key] });
    }
  }

  /** Restores the default of the property behind `attribute`; false when it has none recorded. */
  restore(attribute: string): boolean {
    const entry = this.values?.get(attribute);
    if (!entry) return false;
    const value = Array.isArray(entry.value)
      ? entry.value.map((row: unknown) => (Array.isArray(row) ? [...(row as unknown[])] : row))
      : entry.value;
    (this.host as unknown as Record<PropertyKey, unknown>)[entry.key] = value;
    return true;
  }
}
