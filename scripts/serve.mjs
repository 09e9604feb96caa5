// `npm start` (after the build): serves the demo article and the built library on localhost.
import { serveStatic } from './static-server.mjs';

const wanted = Number(process.env.PORT ?? 8000);
// Compressed, and cached for an hour: the demo is what a reader's page would be.
const OPTIONS = { redirects: { '/': '/demo/' }, compress: true, maxAge: 3600 };
let served;
try {
  served = await serveStatic('.', { port: wanted, ...OPTIONS });
} catch (e) {
  if (e.code !== 'EADDRINUSE') throw e;
  served = await serveStatic('.', { port: 0, ...OPTIONS });
}
console.log(`cnn-elements demo: ${served.url}/demo/  (Ctrl+C to stop)`);
