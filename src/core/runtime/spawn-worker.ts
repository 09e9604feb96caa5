import { workerScriptUrl } from './trusted-script-url.js';

/**
 * Starts a module worker from a script URL. A script on another origin (the library on a
 * CDN) cannot be a worker itself, but a same-origin module that imports it can.
 */
export function spawnWorkerFrom(url: string): Worker {
  const target = new URL(url);
  if (target.origin === location.origin) return new Worker(workerScriptUrl(target.href), { type: 'module' });
  const shim = URL.createObjectURL(
    new Blob([`import ${JSON.stringify(target.href)};`], { type: 'text/javascript' }),
  );
  try {
    return new Worker(workerScriptUrl(shim), { type: 'module' });
  } finally {
    // The worker has fetched its script by the time it runs; revoking later would leak the URL.
    setTimeout(() => URL.revokeObjectURL(shim), 60_000);
  }
}
