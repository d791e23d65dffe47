// The import worker's first script ("Open folder", src/bin/import-worker.rs; started by
// start.js's seamsFolder.read): loads wasm-bindgen's glue and the worker's wasm, which trunk
// writes beside index.html (one folder up from here), and says so when they cannot be loaded;
// otherwise the page would wait for a "ready" that never comes. Messages: src/folder_messages.rs.
'use strict';
importScripts('../import-worker.js');
wasm_bindgen({ module_or_path: '../import-worker_bg.wasm' }).catch((error) => {
  postMessage({ kind: 'error', message: `its code could not be loaded: ${error}` });
});
