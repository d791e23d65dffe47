// Seams service worker: the site keeps working offline after the first visit.
//
// - The page (index.html, any navigation) is network-first: a new release shows as soon as it
//   is deployed, and the cached copy is used only when the network fails.
// - The gallery's example files (examples/<key>/…, fetched by the page when an example is
//   picked) are network-first too, since their names carry no hash: a new release's text shows
//   at once, and an example fetched once also opens offline. They survive pruning.
// - Everything else of this site (trunk's content-hashed .js/.wasm/.css, the icon) is
//   cache-first: a hashed file never changes under its name.
// On install it fetches index.html and caches the files it references, so the first visit is
// enough. Paths are relative to this file, which trunk copies to the site root: the worker's
// scope is the whole site, under any sub-path (GitHub Pages project sites). Several sites can
// share an origin, so the cache name carries the scope and each worker touches only its own.
'use strict';

const VERSION = 'v1';
const CACHE = `seams-${VERSION}:${self.registration.scope}`;
const INDEX = new URL('./', self.registration.scope).href;
const EXAMPLES = new URL('./examples/', self.registration.scope).href;

// The files index.html references (href/src attributes with relative URLs).
function referenced(html) {
  const urls = new Set([INDEX]);
  for (const match of html.matchAll(/\b(?:href|src)="([^"#?]+)"/g)) {
    const url = new URL(match[1], INDEX);
    if (url.origin === self.location.origin && url.href.startsWith(self.registration.scope)) urls.add(url.href);
  }
  return [...urls];
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const response = await fetch(INDEX, { cache: 'no-cache' });
    if (!response.ok) return;
    await cache.put(INDEX, response.clone());
    const files = referenced(await response.text()).filter((url) => url !== INDEX);
    await Promise.all(files.map((url) => cache.add(url).catch(() => undefined)));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const prefix = 'seams-';
    const suffix = `:${self.registration.scope}`;
    for (const name of await caches.keys()) {
      if (name.startsWith(prefix) && name.endsWith(suffix) && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

// After a new index.html: drop cached files it no longer references (an old release's). Example
// files are kept: index.html never names them, and they are refreshed whenever fetched online.
async function prune(cache, html) {
  const keep = new Set(referenced(html));
  for (const request of await cache.keys()) {
    if (!keep.has(request.url) && !request.url.startsWith(EXAMPLES)) await cache.delete(request);
  }
}

async function networkFirst(event) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(event.request);
    if (response.ok) {
      await cache.put(INDEX, response.clone());
      event.waitUntil(response.clone().text().then((html) => prune(cache, html)));
    }
    return response;
  } catch (error) {
    const cached = await cache.match(INDEX);
    if (cached) return cached;
    throw error;
  }
}

// An example file: the network's copy (cached for next time), else the cached one offline.
async function exampleFile(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request.url, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(request.url, { ignoreSearch: true });
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request, { ignoreSearch: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !request.url.startsWith(self.registration.scope)) return;
  const url = new URL(request.url);
  const isPage = request.mode === 'navigate' || url.href === INDEX || url.pathname.endsWith('/index.html');
  if (isPage) event.respondWith(networkFirst(event));
  else if (url.href.startsWith(EXAMPLES)) event.respondWith(exampleFile(request));
  else event.respondWith(cacheFirst(request));
});
