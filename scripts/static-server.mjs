// A tiny static file server over the repository, for the demo, the benchmarks
// and the Storybook smoke test. Loopback only; nothing here is meant for production.
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { createGzip } from 'node:zlib';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.bin': 'application/octet-stream',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** Types worth compressing: text, JSON, source maps and WASM (binary images are compressed already). */
const COMPRESSIBLE = new Set([
  '.html',
  '.js',
  '.mjs',
  '.css',
  '.json',
  '.map',
  '.svg',
  '.txt',
  '.wasm',
  '.bin',
]);

/**
 * Serves `root` on 127.0.0.1. `redirects` maps exact paths to others (e.g. '/' → '/demo/').
 * `compress`: gzip text, JSON and WASM for clients that accept it; `maxAge`: seconds the
 * browser may keep a file (0: revalidate each time, what the tests want).
 * `adjust(path)` may return { missing, type, headers } to serve a path as a badly set up
 * host would (404, a wrong MIME type, extra headers such as a Content-Security-Policy).
 * Resolves with { server, url } once listening; port 0 picks a free one.
 */
export function serveStatic(
  root,
  { port = 0, redirects = {}, compress = false, maxAge = 0, adjust = () => ({}) } = {},
) {
  const base = resolve(root);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path === '/favicon.ico') {
      // Chromium asks for it on its own; answering 204 keeps 404 noise out of the logs.
      res.writeHead(204).end();
      return;
    }
    if (redirects[path]) {
      res.writeHead(302, { location: redirects[path] }).end();
      return;
    }
    const host = adjust(path) ?? {};
    let file = normalize(join(base, path));
    if (!file.startsWith(base)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      statSync(file);
      if (host.missing) throw new Error('told to answer 404');
    } catch {
      // A CDN's 404 is open to other origins too, so that a page elsewhere can read it.
      res
        .writeHead(404, { 'content-type': 'text/plain', 'access-control-allow-origin': '*' })
        .end(`Not found: ${path}`);
      return;
    }
    // Open to other origins as a CDN is, so that checks can load the library from "elsewhere".
    const gzip =
      compress && COMPRESSIBLE.has(extname(file)) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
    res.writeHead(200, {
      'content-type': host.type ?? TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': maxAge ? `public, max-age=${maxAge}` : 'no-cache',
      'access-control-allow-origin': '*',
      ...(gzip ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {}),
      ...host.headers,
    });
    const body = createReadStream(file);
    if (gzip) body.pipe(createGzip()).pipe(res);
    else body.pipe(res);
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ok({ server, url: `http://127.0.0.1:${server.address().port}` }));
  });
}
