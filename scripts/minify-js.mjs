// Trunk's post-build hook (Trunk.toml): minifies the page's JavaScript in release builds, where
// Trunk's own minifier cannot parse wasm-bindgen's glue and keeps it as written.
//
// - The glue (`seams-app-<hash>.js`, an ES module) is minified with names mangled, top level
//   included (`module: true`): its exports keep their names, and the import object's keys (the
//   names the wasm imports by) are property names, which Terser leaves alone. Trunk has already
//   written the glue's sha384 into index.html (the modulepreload's `integrity`), so that digest
//   is replaced by the minified file's.
// - The service worker (`sw.js` at the site root, a classic script) and the import worker's
//   glue (`import-worker.js`, wasm-bindgen's `no-modules` output: a classic script defining the
//   global `wasm_bindgen` its loader calls) are minified the same way without top-level
//   mangling (their globals stay as written).
//
// Together about 3 KB gzip of the bundle (docs/budgets.md, 2026-12-04 "Minified JS"). Runs in
// Trunk's staging directory (TRUNK_STAGING_DIR) before it becomes dist/; does nothing in debug
// builds, so `trunk serve` keeps readable files.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { minify } from 'terser';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error('minify-js.mjs runs as a Trunk hook (TRUNK_STAGING_DIR is not set)');
if (process.env.TRUNK_PROFILE !== 'release') process.exit(0);

const sha384 = (text) => 'sha384-' + createHash('sha384').update(text).digest('base64');

/** Minifies `file` in place with `options`; returns the old and new text. */
async function minifyFile(file, options) {
  const before = readFileSync(file, 'utf8');
  const result = await minify(before, { ecma: 2020, compress: { passes: 2 }, mangle: true, ...options });
  if (typeof result.code !== 'string' || result.code.length === 0) throw new Error(`${file}: Terser gave no output`);
  writeFileSync(file, result.code);
  return { before, after: result.code };
}

const index = join(staging, 'index.html');
let html = readFileSync(index, 'utf8');
const glues = readdirSync(staging).filter((name) => /^seams-app-[0-9a-f]+\.js$/.test(name));
if (glues.length !== 1) throw new Error(`expected one wasm-bindgen glue in ${staging}, found ${glues.join(', ') || 'none'}`);
const glue = join(staging, glues[0]);
const { before, after } = await minifyFile(glue, { module: true });
const oldDigest = sha384(before);
if (html.includes(oldDigest)) html = html.split(oldDigest).join(sha384(after));
else if (/integrity/.test(html) && html.includes(glues[0])) {
  throw new Error(`index.html names ${glues[0]} but not its digest ${oldDigest}: the minified file would fail its integrity check`);
}
writeFileSync(index, html);

await minifyFile(join(staging, 'sw.js'), { module: false });
await minifyFile(join(staging, 'import-worker.js'), { module: false });
