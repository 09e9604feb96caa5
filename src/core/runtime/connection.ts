/**
 * The reader's connection. A reader on a train or on school Wi-Fi loses it while reading:
 * elements further down the page, loading as they come near, then fail to fetch their code,
 * photos or model. The browser knows it is offline (`navigator.onLine`), so the message can
 * say so instead of blaming the site, and the element can load again once it is back.
 */

/** Whether the browser knows this device has no connection. */
export function isOffline(): boolean {
  return typeof navigator !== 'undefined' && navigator.onLine === false;
}

/** Calls `then` once, when the connection comes back; returns what cancels the wait. */
export function whenOnline(then: () => void): () => void {
  if (typeof window === 'undefined') return () => {};
  window.addEventListener('online', then, { once: true });
  return () => window.removeEventListener('online', then);
}
