// The service worker: on the first visit it keeps every file of the site (page, wasm, worker,
// models, reference and sample files, icons) in one cache, and from then on answers the site's
// own requests from that cache, so the app loads and scores with no network at all.

// Filled in by scripts/precache after each build: the site's files and a hash of their contents,
// so every build that changes a file is a new sw.js, which the browser installs as an update.
const VERSION = 'unbuilt';
const FILES = [];

const PREFIX = 'riskscope-';
const CACHE = PREFIX + VERSION;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE)
      // 'no-cache' revalidates with the server: the cache gets this build's bytes, not an older
      // copy from the HTTP cache under the new version's name.
      .then((cache) => cache.addAll(FILES.map((file) => new Request(file, { cache: 'no-cache' }))))
      // The new build takes over at once (register-sw.js reloads a page it takes over), so a
      // rebuild under `trunk serve` shows on the next reload rather than when every tab closes.
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(
        names.filter((name) => name.startsWith(PREFIX) && name !== CACHE).map((name) => caches.delete(name)),
      ))
      // The page that registered the worker is served by it from now on, without a reload.
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  // The site has one page: every navigation in scope gets it.
  const key = request.mode === 'navigate' ? 'index.html' : request;
  event.respondWith(
    caches.open(CACHE)
      .then((cache) => cache.match(key))
      .then((hit) => hit ?? fetch(request)),
  );
});
