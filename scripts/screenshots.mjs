// `npm run screenshots`: photographs each element as the demo article shows it, for the
// README: demo/screenshots/<tag>.jpg at desktop width and <tag>-phone.jpg at a phone's
// (390 px, touch), plus the top of the demo page at both (overview-desktop.jpg,
// overview-phone.jpg). Needs `npm run build` first.
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { chromiumFlags, chromiumPath } from './chromium.mjs';
import { readThrough } from './read-through.mjs';
import { serveStatic } from './static-server.mjs';
import { TAGS } from './tags.mjs';

const SHOTS = {
  'conv-filter-playground': '#playground',
  'pooling-stepper': '#stepper',
  'cnn-trainer': '#trainer',
  'filter-grid': '#filters',
  'pretrained-classifier': 'pretrained-classifier',
  // Not a tag: <filter-grid view="network"> following the second classifier.
  'network-view': '#network-view',
};
const SCREENS = [
  {
    name: 'desktop',
    suffix: '',
    element: { width: 900, height: 1000 },
    overview: { width: 1280, height: 800 },
    mobile: false,
  },
  {
    name: 'phone',
    suffix: '-phone',
    element: { width: 390, height: 844 },
    overview: { width: 390, height: 844 },
    mobile: true,
  },
];

mkdirSync('demo/screenshots', { recursive: true });
const { server, url } = await serveStatic('.');
const browser = await chromium.launch({
  executablePath: chromiumPath(),
  args: chromiumFlags({ webgpu: true }),
});
try {
  for (const screen of SCREENS) {
    const context = await browser.newContext({
      viewport: screen.overview,
      colorScheme: 'light',
      isMobile: screen.mobile,
      hasTouch: screen.mobile,
      deviceScaleFactor: screen.mobile ? 2 : 1,
    });
    const page = await context.newPage();
    await page.goto(`${url}/demo/`);
    // The article's elements below the first screen are lazy: scroll through it as a reader does.
    if (!(await readThrough(page, TAGS, 180_000))) throw new Error('the demo did not get ready in 180 s');
    await page.waitForTimeout(1500);
    await page.screenshot({
      path: `demo/screenshots/overview-${screen.name}.jpg`,
      type: 'jpeg',
      quality: 80,
    });
    console.log(`demo/screenshots/overview-${screen.name}.jpg`);
    await page.setViewportSize(screen.element);
    await page.waitForTimeout(500);
    for (const [tag, selector] of Object.entries(SHOTS)) {
      const el = page.locator(selector).first();
      await el.scrollIntoViewIfNeeded();
      await page.waitForTimeout(300);
      const path = `demo/screenshots/${tag}${screen.suffix}.jpg`;
      await el.screenshot({ path, type: 'jpeg', quality: 80 });
      console.log(path);
    }
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
