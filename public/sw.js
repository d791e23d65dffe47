// Seams service worker: the site keeps working offline after the first visit.
// It keeps only the app's own files, in one cache per site scope (sites may share an origin):
// - the app's page (the scope URL or index.html), network-first: a deploy shows at once, the
//   cached copy answers only offline. Any other page opened in a tab (an example's
//   ATTRIBUTION.md, schema.sql, favicon.svg, sw.js) goes to the network: never cached, never
//   taken for the page, never a reason to prune;
// - the build files the cached page references (trunk's hashed .js/.wasm/.css, public/start.js,
//   the icon), cache-first. A new page (a deploy) prunes the files it no longer references and
//   fetches again the ones whose names carry no hash, so every file kept is the deployed one;
// - the example files the page fetches (examples/<key>/…), network-first, kept for offline.
// Install caches the page and its files, so one visit is enough. Trunk copies this file to the
// site root: its scope is the whole site, under any sub-path (GitHub Pages project sites).
'use strict';

const VERSION = 'v2';
const CACHE = `seams-${VERSION}:${self.registration.scope}`;
const INDEX = new URL('./', self.registration.scope).href;
const INDEX_HTML = new URL('./index.html', self.registration.scope).href;
const EXAMPLES = new URL('./examples/', self.registration.scope).href;

// The files index.html references (href/src attributes with relative URLs, and the import
// worker's files named by the start tag's data-folder-* attributes), index included.
// The release build minifies the HTML, so an attribute's value may be quoted or not.
function referenced(html) {
  const urls = new Set([INDEX]);
  for (const match of html.matchAll(/\b(?:href|src|data-folder-[a-z]+)=(?:"([^"#?]+)"|([^\s"'=<>`#?]+))/g)) {
    const url = new URL(match[1] ?? match[2], INDEX);
    if (url.origin === self.location.origin && url.href.startsWith(self.registration.scope)) urls.add(url.href);
  }
  return [...urls];
}

// Trunk's content-hashed names (`main-d8282332f35f1bd7.css`): never change under their name.
function hashed(url) {
  return /-[0-9a-f]{16}(?:_bg)?\.[a-z]+$/.test(new URL(url).pathname);
}

// Whether the request is for the app's page itself (query and fragment aside).
function isIndex(url) {
  const bare = url.origin + url.pathname;
  return bare === INDEX || bare === INDEX_HTML;
}

// A fresh copy from the network (not the browser's HTTP cache), or undefined.
async function fresh(url) {
  try {
    const response = await fetch(url, { cache: 'no-cache' });
    return response.ok ? response : undefined;
  } catch {
    return undefined;
  }
}

// Stores `html` as the page and brings the build files in line with it: files it no longer
// references go (except example files), files it references are added when missing, and
// unhashed ones are fetched again when the page changed (a deploy).
async function adopt(cache, response, html) {
  const previous = await cache.match(INDEX);
  const changed = !previous || (await previous.text()) !== html;
  await cache.put(INDEX, response);
  const keep = new Set(referenced(html));
  for (const request of await cache.keys()) {
    if (!keep.has(request.url) && !request.url.startsWith(EXAMPLES)) await cache.delete(request);
  }
  await Promise.all([...keep].filter((url) => url !== INDEX).map(async (url) => {
    if ((hashed(url) || !changed) && (await cache.match(url))) return;
    const file = await fresh(url);
    if (file) await cache.put(url, file);
  }));
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const response = await fresh(INDEX);
    if (response) await adopt(cache, response.clone(), await response.text());
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

// The app's page: the network's copy (adopted as the cached page), else the cached one.
async function appPage(event) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(event.request);
    const type = response.headers.get('content-type') ?? '';
    if (response.ok && type.startsWith('text/html')) {
      const [copy, kept] = [response.clone(), response.clone()];
      event.waitUntil(copy.text().then((html) => adopt(cache, kept, html)));
    }
    return response;
  } catch (error) {
    const cached = await cache.match(INDEX);
    if (cached) return cached;
    throw error;
  }
}

// An example file the page fetched: the network's copy (cached for next time), else the cached one.
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

// A build file the cached page references: the cached copy, else the network's (kept).
async function buildFile(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request, { ignoreSearch: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    const page = await cache.match(INDEX);
    const url = new URL(request.url);
    if (page && referenced(await page.text()).includes(url.origin + url.pathname)) {
      await cache.put(url.origin + url.pathname, response.clone());
    }
  }
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !request.url.startsWith(self.registration.scope)) return;
  const url = new URL(request.url);
  if (isIndex(url)) event.respondWith(appPage(event));
  else if (request.mode === 'navigate') return; // another file opened in a tab: network only
  else if (url.href.startsWith(EXAMPLES)) event.respondWith(exampleFile(request));
  else event.respondWith(buildFile(request));
});
