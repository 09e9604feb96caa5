/** Detail of the `cnn-error` event every element fires. */
export interface CnnErrorDetail {
  /** What went wrong and how to fix it, in words a reader understands. */
  message: string;
  /** The underlying error, when there is one. */
  cause?: unknown;
}

declare global {
  interface HTMLElementEventMap {
    'cnn-error': CustomEvent<CnnErrorDetail>;
  }
  interface GlobalEventHandlersEventMap {
    'cnn-error': CustomEvent<CnnErrorDetail>;
  }
}

/** Fires an event that bubbles out of shadow roots, the way every element's events do. */
export function emit<T>(target: EventTarget, type: string, detail: T): boolean {
  return target.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true }));
}
