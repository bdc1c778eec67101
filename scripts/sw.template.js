// Service worker of the smp-preview app page (generated from scripts/sw.template.js
// by scripts/precache.mjs; do not edit the generated www/sw.js).
//
// On install it caches every file the app needs under a cache named after the
// content hash of those files; on activate it deletes every older smp- cache. Requests
// are answered from the cache first, so after one visit the app loads and works with
// no network. The face module (LAZY) is cached when a fit first loads it, not on
// install: most first visits never fit. The photo is never cached or sent anywhere:
// it is read from disk by the page and never requested.
const VERSION = '__VERSION__';
const FILES = __FILES__;
const LAZY = __LAZY__;
const CACHE = `smp-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll(FILES.map((f) => new Request(f, { cache: 'reload' })));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('smp-') && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const hit = await cache.match(request, { ignoreSearch: true });
    if (hit) return hit;
    try {
      const response = await fetch(request);
      const path = new URL(request.url).pathname;
      if (response.ok && LAZY.some((f) => path.endsWith(`/${f}`))) await cache.put(request, response.clone());
      return response;
    } catch (e) {
      // Offline and not cached: an app page falls back to the cached app.
      if (request.mode === 'navigate') {
        const page = await cache.match('./index.html');
        if (page) return page;
      }
      throw e;
    }
  })());
});
