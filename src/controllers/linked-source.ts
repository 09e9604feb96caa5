import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** What a host links to, so that the controller can refuse anything else with a message. */
export interface LinkRules {
  /** True for an element the host can follow. */
  accepts: (element: Element) => boolean;
  /** What for= should name, in words: `a <conv-filter-playground>`. */
  wanted: string;
  /** Shows a problem to the reader (the host's message box and `cnn-error`). */
  report: (message: string) => void;
  /** Hides the problem reported last, once for= is fixed (removed, or naming a good source). */
  clear?: () => void;
}

/**
 * Follows the element named by a host's `for` attribute, the way `<label for>`
 * does: the id is resolved in the host's own root (document or shadow root), and
 * followed when the source appears later, is upgraded later (defined after the
 * host), is replaced by another element with the same id, or goes away.
 */
export class LinkedSourceController<T extends Element = Element> implements ReactiveController {
  /** The linked element, once it exists and is defined; undefined otherwise. */
  source: T | undefined;
  private id = '';
  private observer?: MutationObserver;
  private connected = false;
  private waitingFor?: string;
  /** Missing ids are reported only once the host is ready: a page may still be adding the source. */
  private armed = false;
  /** The last problem reported, so that unrelated DOM changes do not repeat it. */
  private reported = '';

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    /** Called whenever the linked element changes (undefined when it is gone). */
    private readonly onChange: (source: T | undefined) => void,
    /** With rules, the host itself, elements of the wrong kind and (once armed) missing ids are refused with a message. */
    private readonly rules?: LinkRules,
  ) {
    host.addController(this);
  }

  /**
   * From now on, report an id that names nothing (call it when the host is ready, so that
   * sources added later in the page's markup are not reported), and report it now if so.
   */
  arm(): void {
    this.armed = true;
    this.resolve();
  }

  /** The id to follow; empty for none. Call whenever the host's `for` changes. */
  follow(id: string | null | undefined): void {
    const next = (id ?? '').trim();
    if (next === this.id) return;
    this.id = next;
    this.resolve();
  }

  /** True when an id is set but no element with it exists in the host's root yet. */
  get missing(): boolean {
    return this.id !== '' && !this.root()?.getElementById(this.id);
  }

  hostConnected(): void {
    this.connected = true;
    const root = this.host.getRootNode();
    this.observer = new MutationObserver(() => this.resolve());
    // Watch the whole root: the source may be added, removed or renamed anywhere in it.
    this.observer.observe(root, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['id'],
    });
    this.resolve();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.armed = false;
    this.reported = '';
    this.observer?.disconnect();
    this.observer = undefined;
    this.set(undefined);
  }

  private root(): Document | ShadowRoot | undefined {
    const root = this.host.getRootNode();
    return root instanceof Document || root instanceof ShadowRoot ? root : undefined;
  }

  private resolve(): void {
    if (!this.connected) return;
    const found = this.id ? (this.root()?.getElementById(this.id) ?? undefined) : undefined;
    if (found && found.localName.includes('-') && !customElements.get(found.localName)) {
      // Not upgraded yet: link once its definition arrives.
      if (this.waitingFor !== found.localName) {
        this.waitingFor = found.localName;
        void customElements.whenDefined(found.localName).then(() => {
          this.waitingFor = undefined;
          this.resolve();
        });
      }
      this.set(undefined);
      return;
    }
    const problem = this.problemWith(found);
    if (problem) {
      if (problem !== this.reported) this.rules!.report(problem);
      this.reported = problem;
      this.set(undefined);
      return;
    }
    if (this.reported) this.rules?.clear?.();
    this.reported = '';
    this.set(found as T | undefined);
  }

  /** Why `found` cannot be followed, in words that say how to fix for=; '' when it can. */
  private problemWith(found: Element | undefined): string {
    const rules = this.rules;
    if (!rules || !this.id) return '';
    const tag = this.host.localName;
    if (found === this.host) {
      return `for="${this.id}" names this <${tag}> itself: an element cannot follow its own output. Point for= at ${rules.wanted}.`;
    }
    if (found && !rules.accepts(found)) {
      return `#${this.id} is a <${found.localName}>, which this <${tag}> cannot follow. Point for= at ${rules.wanted}.`;
    }
    if (!found && this.armed) {
      return `No element with id "${this.id}" in this page: give ${rules.wanted} that id, or fix the for attribute.`;
    }
    return '';
  }

  private set(source: T | undefined): void {
    if (source === this.source) return;
    this.source = source;
    this.onChange(source);
    this.host.requestUpdate();
  }
}
