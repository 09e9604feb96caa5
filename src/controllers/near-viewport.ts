/**
 * Calls back once when an element comes near the viewport (or at once where the browser has
 * no IntersectionObserver). For `loading="lazy"`: an article with five elements starts
 * TensorFlow.js work for the ones a reader scrolls to, not for all of them on load.
 */
/**
 * How far ahead of the viewport a lazy element starts: most of a screen, so that a reader
 * scrolling at reading speed finds it ready and its first result does not move the text
 * they are reading, yet close enough that a page's first load starts only what is near.
 */
const AHEAD = '800px 0px';

export function whenNearViewport(element: Element, callback: () => void, margin = AHEAD): () => void {
  if (typeof IntersectionObserver === 'undefined') {
    callback();
    return () => {};
  }
  const observer = new IntersectionObserver(
    (entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      observer.disconnect();
      callback();
    },
    { rootMargin: margin },
  );
  observer.observe(element);
  return () => observer.disconnect();
}
