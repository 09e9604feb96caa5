/**
 * Keeping things in the browser (IndexedDB) where a page may not: a sandboxed frame (some
 * course platforms embed pages so), a private window, storage turned off. The browser's own
 * error ("access is denied for this document") becomes one that says what to do instead.
 */

/** True when `e` is the browser (or tfjs on its behalf) refusing IndexedDB, not another failure. */
export function isStorageRefusal(e: unknown): boolean {
  const name =
    typeof e === 'object' && e !== null && 'name' in e ? String((e as { name: unknown }).name) : '';
  const message = e instanceof Error ? e.message : String(e);
  return name === 'SecurityError' || /indexeddb/i.test(message);
}

/** The message for a refused save or load: what happened, and the file-based way that still works. */
export function storageRefusedMessage(instead: string): string {
  return `This page does not let the trainer keep anything in the browser (a sandboxed frame, a private window or storage turned off). ${instead}`;
}
