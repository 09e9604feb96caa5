// Without tfjs, so that tests that run with TensorFlow.js blocked can use it too.

/**
 * Resolves once `check` holds, polling each frame; rejects with `what` after `ms`. The limit
 * only catches what never comes: the suite runs two test files at once on two cores, where
 * a neighbour compiling shaders can hold up a page for seconds.
 */
export async function until(check: () => boolean, what: string, ms = 15000): Promise<void> {
  const end = performance.now() + ms;
  while (!check()) {
    if (performance.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => requestAnimationFrame(r));
  }
}
