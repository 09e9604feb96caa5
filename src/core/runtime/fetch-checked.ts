import { isOffline } from './connection.js';

/**
 * fetch() for every file the library loads by URL (an image, a model and its weights,
 * labels, the digits): a request that fails, or an HTTP error, becomes a message naming
 * what was asked for and where, with what to check. An aborted request rejects with the
 * abort itself, so a caller can tell a superseded load from a failed one.
 */
export async function fetchChecked(url: string, what: string, signal?: AbortSignal): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { signal });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    if (isOffline())
      throw new Error(`Could not load ${what} from ${url}: this device is offline.`, { cause });
    throw new Error(
      `Could not load ${what} from ${url}: the address is unreachable, or its server does not let this page read it (CORS). ` +
        "Check the URL, or serve the file from the page's own site.",
      { cause },
    );
  }
  if (!response.ok) {
    const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
    const gone = response.status === 404 || response.status === 410;
    throw new Error(
      `Could not load ${what} from ${url}: the server answered ${status}. ` +
        (gone
          ? 'Nothing is served there: check the URL.'
          : 'Check the URL, and that the server lets this page read it.'),
    );
  }
  return response;
}

/** How far a download has got: `fraction` from 0 to 1, and its size in bytes where known. */
export type DownloadProgress = (fraction: number, totalBytes?: number) => void;

/**
 * The body of a checked response as bytes, read as it arrives: `onBytes` hears the size of
 * each piece, so that a large download (a model's weights) can show how far it has got.
 */
export async function readBytes(response: Response, onBytes?: (count: number) => void): Promise<ArrayBuffer> {
  // Getting a reader locks the body: only where the pieces are wanted.
  const reader = onBytes && response.body?.getReader();
  if (!onBytes || !reader) return response.arrayBuffer();
  const pieces: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    pieces.push(value);
    size += value.byteLength;
    onBytes(value.byteLength);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const piece of pieces) {
    bytes.set(piece, at);
    at += piece.byteLength;
  }
  return bytes.buffer;
}
