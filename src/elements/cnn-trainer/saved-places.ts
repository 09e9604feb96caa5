/**
 * Where the trainer keeps what a reader saves, and where it finds it again: a model's
 * address in tfjs's words (a download, a name in this browser's IndexedDB, any tfjs URL),
 * a project file handed to the browser's downloads, and the words for a page that may
 * not keep anything in the browser.
 */
import { explainStorageRefusal } from '../../core/runtime/browser-storage.js';

/** `'downloads'` (model.json and weights as files), any tfjs URL as it is, else a name kept in IndexedDB. */
export function modelSaveUrl(destination: string): string {
  if (destination === 'downloads') return 'downloads://cnn-trainer';
  return destination.includes('://') ? destination : `indexeddb://${destination}`;
}

/**
 * A saved model's address: a bare name (no scheme, no path, not a .json file) is one kept
 * in IndexedDB; a URL, a path to a model.json, or a download's files are as they are.
 */
export function modelLoadSource(source: string | File[]): string | File[] {
  const bareName =
    typeof source === 'string' &&
    !/^[a-z-]+:\/\//i.test(source) &&
    !source.endsWith('.json') &&
    !source.includes('/');
  return bareName ? `indexeddb://${source}` : source;
}

/** A refused `indexeddb://` save or load, in words that say how to use files instead; any other error as it is. */
export function storageError(url: string | File[], e: unknown): unknown {
  return typeof url === 'string' && url.startsWith('indexeddb://')
    ? explainStorageRefusal(e, 'Use Download, and Load files to bring the model back.')
    : e;
}

/** Hands `file` to the browser's downloads as `name`. */
export function downloadFile(file: Blob, name: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(file);
  a.download = name;
  a.click();
  // The click starts the download; the address is only needed until then.
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
