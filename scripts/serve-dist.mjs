// A tiny static file server for the built site (dist/), used by the end-to-end tests and the
// budget scripts. Serves `dist/` under `/` and, when SEAMS_SUBPATH is set, under that sub-path
// too (e.g. `/seams/`), the way GitHub Pages serves a project site.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.png': 'image/png',
  '.webmanifest': 'application/manifest+json', '.txt': 'text/plain',
  // The gallery's files, as GitHub Pages serves them (shown as text when opened in a tab).
  '.md': 'text/markdown; charset=utf-8', '.sql': 'text/plain; charset=utf-8',
  '.yaml': 'text/yaml; charset=utf-8', '.py': 'text/x-python; charset=utf-8',
};

export function serve(root, { port = 0, subpath = '' } = {}) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    try {
      let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      if (subpath && path.startsWith(subpath)) path = '/' + path.slice(subpath.length);
      else if (subpath) { res.writeHead(404); res.end('not under ' + subpath); return; }
      let file = normalize(join(base, path));
      if (!file.startsWith(base)) { res.writeHead(403); res.end(); return; }
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
      res.end(body);
    } catch {
      res.writeHead(404); res.end('not found');
    }
  });
  return new Promise((ok) => server.listen(port, '127.0.0.1', () => ok(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.PORT ?? 8080);
  const server = await serve(process.argv[2] ?? 'dist', { port, subpath: process.env.SEAMS_SUBPATH ?? '' });
  console.log(`Seams is served at http://127.0.0.1:${server.address().port}${process.env.SEAMS_SUBPATH ?? '/'}`);
}
