// What every headless page check in this project fails on: console errors, uncaught
// exceptions, failed requests and HTTP errors. Shared by the story smoke test, the
// framework interop test and the demo check.

/**
 * Starts collecting a page's problems into `problems` (an array it pushes to).
 * Returns `stop()`: requests cut short by closing the page afterwards are not problems.
 * `origin` is trimmed from URLs to keep messages short; `benign` lists console errors to ignore
 * (matched against the message, or the URL of the resource it is about) and failed requests
 * (matched against `url (reason)`).
 */
export function watchPage(page, problems, { origin = '', benign = [] } = {}) {
  let listening = true;
  const short = (url) => (origin ? url.replace(origin, '') : url);
  page.on('console', (msg) => {
    if (!listening || msg.type() !== 'error') return;
    const text = msg.text();
    if (benign.some((re) => re.test(text) || re.test(msg.location()?.url ?? ''))) return;
    const where = msg.location()?.url ? ` (${short(msg.location().url)})` : '';
    problems.push(`console error: ${text}${where}`);
  });
  page.on('pageerror', (err) => {
    if (listening) problems.push(`uncaught exception: ${err.stack ?? err.message}`);
  });
  page.on('requestfailed', (req) => {
    const failure = `${req.url()} (${req.failure()?.errorText ?? 'unknown'})`;
    if (listening && !benign.some((re) => re.test(failure)))
      problems.push(`request failed: ${short(failure)}`);
  });
  page.on('response', (res) => {
    if (listening && res.status() >= 400) problems.push(`HTTP ${res.status()}: ${short(res.url())}`);
  });
  return () => {
    listening = false;
  };
}
