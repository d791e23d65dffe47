// Starts the page without inline script (the Content-Security-Policy in index.html forbids it).
// Trunk's `pattern_script` (Trunk.toml) writes the tag that loads this file, with the hashed
// names of the JS glue and the wasm in its data attributes; they are resolved against the page,
// so the site works under any sub-path. Then the service worker (sw.js) is registered.
// "Open folder" (src/open_folder.rs): the browser's file and drag-and-drop APIs, in a few
// lines of script rather than in the page's wasm, whose first load has a size budget. The wasm
// sets `seamsFolder.picked([paths, files])` (called with the files of the folder input, marked
// `data-folder-input`, or of a drop; with null while a dropped folder is being listed)
// and `seamsFolder.skip(name)` (the core's rule for folders not to enter), and starts the
// import worker with `seamsFolder.read`.
const folder = (globalThis.seamsFolder = {
  picked: () => {},
  skip: () => false,
  // Entries listed at most from one drop (repo::MAX_FILES five times over).
  limit: 50_000,
  // Starts the import worker at `url`, hands it the files once it listens (a message sent
  // before would be lost) and passes each of its messages to `report`, an error as
  // {kind: 'error', message}. Returns the worker. Messages: src/folder_messages.rs.
  read(url, paths, files, report) {
    const worker = new Worker(url);
    worker.onmessage = ({ data }) => {
      if (data.kind === 'ready') worker.postMessage({ paths, files });
      else report(data);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      report({ kind: 'error', message: event.message });
    };
    return worker;
  },
});

const fromList = (list) => {
  const files = [...list];
  return [files.map((f) => f.webkitRelativePath || f.name), files];
};

// The files under dropped entries, folders walked (those `skip` names not entered, except a
// dropped folder itself); paths are the entries' full paths (`/bank/k8s/a.yaml`).
async function walk(entries) {
  const paths = [];
  const files = [];
  const settle = (call) => new Promise(call).catch(() => null);
  for (let seen = 0; entries.length && seen < folder.limit; seen++) {
    const entry = entries.pop();
    if (entry.isDirectory) {
      if (entry.fullPath.slice(1).includes('/') && folder.skip(entry.name)) continue;
      const reader = entry.createReader();
      // readEntries gives a batch per call, an empty one at the end.
      for (let batch; (batch = await settle((ok, fail) => reader.readEntries(ok, fail)))?.length;) entries.push(...batch);
    } else if (entry.isFile) {
      const file = await settle((ok, fail) => entry.file(ok, fail));
      if (file) {
        paths.push(entry.fullPath);
        files.push(file);
      }
    }
  }
  return [paths, files];
}

const hasFiles = (event) => event.dataTransfer?.types.includes('Files');
addEventListener('change', (event) => {
  const input = event.target;
  if (!input.matches?.('[data-folder-input]')) return;
  folder.picked(fromList(input.files));
  // The same folder picked again must fire `change` again.
  input.value = '';
});
addEventListener('dragover', (event) => {
  if (!hasFiles(event)) return;
  event.preventDefault();
  document.documentElement.classList.add('dragging-files');
});
addEventListener('dragleave', (event) => {
  // Leaving the window, not moving between elements.
  if (!event.relatedTarget) document.documentElement.classList.remove('dragging-files');
});
addEventListener('drop', async (event) => {
  document.documentElement.classList.remove('dragging-files');
  if (!hasFiles(event)) return;
  event.preventDefault();
  // The entries are taken now: the browser empties the transfer when the event ends.
  const entries = [...event.dataTransfer.items].map((item) => item.webkitGetAsEntry?.()).filter(Boolean);
  if (!entries.length) return folder.picked(fromList(event.dataTransfer.files));
  folder.picked(null);
  folder.picked(await walk(entries));
});

// A turn of the event loop for the page's long work done in pieces (src/store.rs, `yield_now`):
// a message to itself, which, unlike a zero timeout, is not held to 4 ms once timeouts nest (a
// large paste is hundreds of pieces). The browser paints and takes input between pieces.
globalThis.seamsYield = () =>
  new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });

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
