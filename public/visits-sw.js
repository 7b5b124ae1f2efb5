// The recorder's visits page offline (lib/visits/README.md): registered by components/visits/RecorderPhone
// with the scope of that page only, it answers the page's GET requests from the network when there is one
// (and keeps a copy), else from the copy — so the page reloads in a stairwell. Visits themselves are never
// here: they wait in the page's IndexedDB queue and are POSTed, which this worker does not touch.
const CACHE = 'yishi-visits-v1';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

// The page lists what it loaded before this worker controlled it (its HTML, scripts, styles, fonts).
self.addEventListener('message', (event) => {
  const urls = event.data && event.data.type === 'cache' ? event.data.urls : null;
  if (!Array.isArray(urls)) return;
  event.waitUntil(caches.open(CACHE).then((cache) => Promise.all(urls.map((url) => (
    new URL(url).origin === self.location.origin ? cache.add(url).catch(() => {}) : null
  )))));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  // The API's answers (households, visits) are not kept here: the page keeps the plan it needs itself.
  if (request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  event.respondWith(fetch(request).then((response) => {
    if (response.ok) {
      const copy = response.clone();
      caches.open(CACHE).then((cache) => cache.put(request, copy));
    }
    return response;
  }).catch(() => caches.match(request, { ignoreVary: true }).then((hit) => hit || Response.error())));
});
