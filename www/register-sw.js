// Registers the service worker (sw.js) that keeps the site working offline after the first visit.
// A file, not an inline script: the page's Content-Security-Policy allows only Trunk's loader inline.
if ('serviceWorker' in navigator) {
  // A new build's worker takes over open pages at once; a page that was already controlled
  // reloads then, so it never runs one build's wasm against another build's files.
  const controlled = navigator.serviceWorker.controller !== null;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (controlled) location.reload();
  });
  // After load, so the worker's download of the whole site does not compete with the page's own.
  addEventListener('load', () => navigator.serviceWorker.register('sw.js'));
}
