// `npm start` (after the build): serves the demo article and the built library on localhost.
import { serveStatic } from './static-server.mjs';

const wanted = Number(process.env.PORT ?? 8000);
let served;
try {
  served = await serveStatic('.', { port: wanted, redirects: { '/': '/demo/' } });
} catch (e) {
  if (e.code !== 'EADDRINUSE') throw e;
  served = await serveStatic('.', { port: 0, redirects: { '/': '/demo/' } });
}
console.log(`cnn-elements demo: ${served.url}/demo/  (Ctrl+C to stop)`);
