/**
 * Keeping things in the browser (IndexedDB) where a page may not: a sandboxed frame (some
 * course platforms embed pages so) or site storage turned off. The browser's own error
 * ("access is denied for this document") becomes one that says what to do instead.
 */

/**
 * True when `e` is the browser refusing IndexedDB (reading it throws a SecurityError) or
 * tfjs finding none, not another failure: a model that is not saved under a name says so
 * in its own words ("Cannot find model … in IndexedDB").
 */
function isRefusal(e: unknown): boolean {
  const name =
    typeof e === 'object' && e !== null && 'name' in e ? String((e as { name: unknown }).name) : '';
  const message = e instanceof Error ? e.message : String(e);
  return (
    name === 'SecurityError' || /does not appear to support IndexedDB|obtain IndexedDB factory/.test(message)
  );
}

/** A refused save or load as an Error that names the way that still works (`instead`); any other error as it is. */
export function explainStorageRefusal(e: unknown, instead: string): unknown {
  return isRefusal(e)
    ? new Error(
        `This page does not let the trainer keep anything in the browser (a sandboxed frame, or site storage turned off). ${instead}`,
        { cause: e },
      )
    : e;
}
