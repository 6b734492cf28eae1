// Registers the service worker (sw.js) that keeps the site working offline after the first visit.
// A file, not an inline script: the page's Content-Security-Policy allows only Trunk's loader inline.
if ('serviceWorker' in navigator) {
  // A new build's worker takes over open pages at once; a page that was already controlled
  // reloads then, so it never runs one build's wasm against another build's files.
  const controlled = navigator.serviceWorker.controller !== null;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (controlled) location.reload();
  });
  // Once the app has settled (its first form on screen, or an error shown; the event is raised
  // by src/hooks.rs): the worker's install downloads the whole site, 27 MB, and started at
  // the load event it ran beside the page's own download of the wasm (the load event comes
  // before it), delaying the first form by about 0.2 s. A page whose app never settles still
  // gets its worker, 10 s after load.
  let registered = false;
  const register = () => {
    if (!registered) {
      registered = true;
      navigator.serviceWorker.register('sw.js');
    }
  };
  addEventListener('riskscope-settled', register, { once: true });
  addEventListener('load', () => setTimeout(register, 10_000));
}
