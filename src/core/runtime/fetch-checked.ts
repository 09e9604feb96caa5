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
