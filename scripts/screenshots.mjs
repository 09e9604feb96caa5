// `npm run screenshots`: photographs each element as the demo article shows it, for the
// README (demo/screenshots/<tag>.jpg). Needs `npm run build` first.
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { chromiumFlags, chromiumPath } from './chromium.mjs';
import { serveStatic } from './static-server.mjs';

const SHOTS = {
  'conv-filter-playground': '#playground',
  'pooling-stepper': '#stepper',
  'cnn-trainer': '#trainer',
  'filter-grid': '#filters',
  'pretrained-classifier': 'pretrained-classifier',
};

mkdirSync('demo/screenshots', { recursive: true });
const { server, url } = await serveStatic('.');
const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumFlags({ webgpu: true }) });
try {
  const page = await browser.newPage({ viewport: { width: 900, height: 1000 }, colorScheme: 'light' });
  await page.goto(`${url}/demo/`);
  await page.waitForFunction(
    (sels) => sels.every((s) => ['ready', 'error'].includes(document.querySelector(s)?.getAttribute('state') ?? '')),
    Object.values(SHOTS),
    { timeout: 180_000, polling: 250 },
  );
  await page.waitForTimeout(1500);
  for (const [tag, selector] of Object.entries(SHOTS)) {
    const el = page.locator(selector).first();
    await el.scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await el.screenshot({ path: `demo/screenshots/${tag}.jpg`, type: 'jpeg', quality: 85 });
    console.log(`demo/screenshots/${tag}.jpg`);
  }
} finally {
  await browser.close();
  server.close();
}
