import type { ReactiveController, ReactiveControllerHost } from 'lit';

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

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    /** Called whenever the linked element changes (undefined when it is gone). */
    private readonly onChange: (source: T | undefined) => void,
  ) {
    host.addController(this);
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
    this.observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['id'] });
    this.resolve();
  }

  hostDisconnected(): void {
    this.connected = false;
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
    this.set(found as T | undefined);
  }

  private set(source: T | undefined): void {
    if (source === this.source) return;
    this.source = source;
    this.onChange(source);
    this.host.requestUpdate();
  }
}
