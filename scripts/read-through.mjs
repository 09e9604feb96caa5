// Settles a page as a reader does: scrolls down it half a screen at a time and, at each
// stop, waits until every element of ours that has started (loading="lazy" ones start
// ahead of the viewport) is ready or in error; then goes back to the top. A check that only
// waited would wait for ever on lazy elements further down. Shared by the demo check and the
// widths check (which counts the layout shifts a reader would see on the way).

/** Resolves true once every element matching `tags` settled, false if `timeoutMs` ran out first. */
export async function readThrough(page, tags, timeoutMs) {
  const selector = tags.join(',');
  const deadline = Date.now() + timeoutMs;
  // Storybook renders a story after its page loads: look for lazy elements once ours exist.
  await page
    .waitForFunction((s) => document.querySelector(s), selector, { timeout: timeoutMs, polling: 100 })
    .catch(() => {});
  // A page with no lazy element is only waited for, where it is.
  const lazy = await page.evaluate(
    (s) => [...document.querySelectorAll(s)].some((el) => el.getAttribute('loading') === 'lazy'),
    selector,
  );
  const settledHere = () =>
    page
      .waitForFunction(
        (s) =>
          [...document.querySelectorAll(s)].every((el) => {
            const state = el.getAttribute('state');
            if (['ready', 'error'].includes(state ?? '')) return true;
            // A lazy element still far below has not started (it starts 800 px ahead, near-viewport.ts; 750 leaves room for rounding): nothing to wait for yet.
            return (
              el.getAttribute('loading') === 'lazy' && el.getBoundingClientRect().top > innerHeight + 750
            );
          }),
        selector,
        { timeout: Math.max(1, deadline - Date.now()), polling: 200 },
      )
      .then(
        () => true,
        () => false,
      );
  if (!lazy) return settledHere();
  for (;;) {
    if (!(await settledHere())) return false;
    // A reader reads for a moment before scrolling on (an element that just became ready
    // draws its first result meanwhile); far shorter than anyone reads a screen.
    await page.waitForTimeout(400);
    const more = await page.evaluate(() => {
      const before = scrollY;
      scrollBy(0, innerHeight / 2);
      return scrollY !== before;
    });
    if (!more) break;
  }
  const all = await page.evaluate(
    (s) =>
      [...document.querySelectorAll(s)].every((el) =>
        ['ready', 'error'].includes(el.getAttribute('state') ?? ''),
      ),
    selector,
  );
  await page.evaluate(() => scrollTo(0, 0));
  return all;
}
