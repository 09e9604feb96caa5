/**
 * Calls back once when an element comes near the viewport (or at once where the browser has
 * no IntersectionObserver). For `loading="lazy"`: an article with five elements starts
 * TensorFlow.js work for the ones a reader scrolls to, not for all of them on load.
 */
export function whenNearViewport(element: Element, callback: () => void, margin = '300px'): () => void {
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
