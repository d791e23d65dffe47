// Starts the page without inline script (the Content-Security-Policy in index.html forbids it).
// Trunk's `pattern_script` (Trunk.toml) writes the tag that loads this file, with the hashed
// names of the JS glue and the wasm in its data attributes; they are resolved against the page,
// so the site works under any sub-path. Then the service worker (sw.js) is registered.
const tag = document.querySelector('script[data-wasm]');
const page = document.baseURI;
const { default: init } = await import(new URL(tag.dataset.js, page).href);
await init({ module_or_path: new URL(tag.dataset.wasm, page).href });

// Offline after the first visit (sw.js sits at the site root: its scope is the whole site).
if ('serviceWorker' in navigator && location.protocol !== 'file:') {
  const register = () => navigator.serviceWorker.register(new URL('sw.js', page).href).catch(() => {});
  if (document.readyState === 'complete') register();
  else addEventListener('load', register);
}
