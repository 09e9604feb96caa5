import { workerScriptUrl } from './trusted-script-url.js';

/**
 * Starts a module worker from a script URL. A script on another origin (the library on a
 * CDN) cannot be a worker itself, but a module of the page's own that imports it can: a
 * blob: module, or a data: module in a frame with an opaque origin (below).
 */
export function spawnWorkerFrom(url: string): Worker {
  const target = new URL(url);
  const shimSource = `import ${JSON.stringify(target.href)};`;
  // A sandboxed frame without allow-same-origin (a learning platform's embed, a notebook's
  // output) has the opaque origin "null": no URL is same-origin to it, and Chromium starts
  // no module worker from a blob: URL it makes. A data: module starts, with an opaque origin
  // of its own, and imports the script, which the frame could load at all only with CORS.
  if (inOpaqueOrigin())
    return new Worker(workerScriptUrl(`data:text/javascript,${encodeURIComponent(shimSource)}`), {
      type: 'module',
    });
  if (target.origin === location.origin) return new Worker(workerScriptUrl(target.href), { type: 'module' });
  const shim = URL.createObjectURL(new Blob([shimSource], { type: 'text/javascript' }));
  try {
    return new Worker(workerScriptUrl(shim), { type: 'module' });
  } finally {
    // The worker has fetched its script by the time it runs; revoking later would leak the URL.
    setTimeout(() => URL.revokeObjectURL(shim), 60_000);
  }
}

/** Whether this page has an opaque origin: a frame sandboxed without allow-same-origin. */
export function inOpaqueOrigin(): boolean {
  return (globalThis as { origin?: string }).origin === 'null';
}
