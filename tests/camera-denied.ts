/**
 * Runs `check` on an element in a frame whose permissions policy denies the camera: a real
 * refusal from the browser (getUserMedia rejects), for the camera tests of the elements
 * that film. `define` is the element's define module, `markup` the element's tag.
 */
export async function inCameraDeniedFrame<T extends HTMLElement>(
  define: string,
  markup: string,
  check: (el: T, win: Window & typeof globalThis) => Promise<void>,
): Promise<void> {
  const frame = document.createElement('iframe');
  frame.allow = "camera 'none'";
  frame.srcdoc = `<!doctype html><html lang="en"><body>
    <script type="module">import '${define}';</script>
    ${markup}</body></html>`;
  const loaded = new Promise((r) => frame.addEventListener('load', r, { once: true }));
  document.body.append(frame);
  try {
    await loaded;
    const win = frame.contentWindow as Window & typeof globalThis;
    const tag = /^<([a-z-]+)/.exec(markup.trim())![1];
    await win.customElements.whenDefined(tag);
    const el = win.document.querySelector(tag) as T & { updateComplete: Promise<unknown> };
    await el.updateComplete;
    await check(el, win);
  } finally {
    frame.remove();
  }
}
