// The service worker cannot be poisoned (issue #18): opening other files of the site in a tab
// never replaces the cached app page nor prunes its build files, so the app still loads
// offline; it caches only the app's own files; a new deploy refreshes the files it keeps whose
// names carry no hash (the icon).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, openPage } from './browser.mjs';
import { serve } from '../../scripts/serve-dist.mjs';

const GRAPH = 'svg[aria-label="Coupling graph"]';
const DIST = process.env.SEAMS_DIST ?? new URL('../../dist/', import.meta.url).pathname;

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/// Serves a copy of the build (a test may change it, as a deploy would).
async function site() {
  const root = await mkdtemp(join(tmpdir(), 'seams-site-'));
  await cp(DIST, root, { recursive: true });
  const server = await serve(root);
  return { root, server, url: `http://127.0.0.1:${server.address().port}/` };
}

/// Polls `check` (async, in node) until it is true, or fails with `what` after `ms`.
async function until(check, what, ms = 10_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) assert.fail(`timed out waiting: ${what}`);
    await new Promise((ok) => setTimeout(ok, 200));
  }
}

/// Waits until the worker is active and has cached the wasm.
async function workerReady(page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await until(async () => (await cachedUrls(page)).some((u) => u.endsWith('.wasm')), 'the wasm in the cache', 15_000);
}

async function cachedUrls(page) {
  return page.evaluate(async () => {
    const urls = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
    }
    return urls.sort();
  });
}

test('opening other files of the site in a tab does not poison the offline app', async () => {
  const { root, server, url } = await site();
  try {
    const { context, page, errors } = await openPage(browser, url);
    await workerReady(page);
    const before = await cachedUrls(page);
    const other = await context.newPage();
    for (const path of ['examples/freight/services.yaml', 'examples/seed/schema.sql', 'public/favicon.svg', 'sw.js', 'public/sw.js']) {
      const response = await other.goto(url + path);
      assert.equal(response.status(), 200, path);
    }
    await other.waitForTimeout(500); // any work the worker queued for those pages
    await other.close();
    await context.setOffline(true);
    await page.reload();
    await page.waitForSelector(`${GRAPH} [data-node]`, { timeout: 10_000 });
    assert.match(await page.title(), /^Seams/);
    await context.setOffline(false);
    const after = await cachedUrls(page);
    assert.deepEqual(after, before, 'the cache holds the same files');
    assert.ok(!after.some((u) => /services\.yaml|schema\.sql|sw\.js/.test(u)), JSON.stringify(after));
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    server.close();
    await rm(root, { recursive: true, force: true });
  }
});

test('a new deploy refreshes the files the worker keeps whose names carry no hash', async () => {
  const { root, server, url } = await site();
  try {
    const { context, page } = await openPage(browser, url);
    await workerReady(page);
    const icon = new URL('public/favicon.svg', url).href;
    const cachedIcon = () => page.evaluate(async (u) => {
      for (const name of await caches.keys()) {
        const hit = await (await caches.open(name)).match(u);
        if (hit) return hit.text();
      }
      return null;
    }, icon);
    assert.equal(await cachedIcon(), await readFile(join(root, 'public/favicon.svg'), 'utf8'));
    // A deploy: a new icon, and a page that differs (as a new build's hashed names make it).
    const newIcon = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><!-- new deploy --></svg>';
    await writeFile(join(root, 'public/favicon.svg'), newIcon);
    const index = await readFile(join(root, 'index.html'), 'utf8');
    await writeFile(join(root, 'index.html'), index.replace('</body>', '<!-- deploy 2 --></body>'));
    await page.reload();
    await page.waitForSelector(`${GRAPH} [data-node]`);
    await until(async () => (await cachedIcon()) === newIcon, 'the new icon in the cache');
    await context.close();
  } finally {
    server.close();
    await rm(root, { recursive: true, force: true });
  }
});

test('"Open folder" works offline: the service worker keeps the import worker\'s files', async () => {
  const { root, server, url } = await site();
  try {
    const { context, page, errors } = await openPage(browser, url);
    await workerReady(page);
    await until(async () => (await cachedUrls(page)).filter((u) => u.includes('import-worker')).length === 3,
      'the import worker\'s three files in the cache');
    await context.setOffline(true);
    await page.reload();
    await page.waitForSelector(`${GRAPH} [data-node]`, { timeout: 10_000 });
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('open-folder').click();
    await (await chooser).setFiles(new URL('../../crates/seams-cli/tests/fixtures/import/bank', import.meta.url).pathname);
    await page.getByTestId('folder-summary').waitFor({ timeout: 10_000 });
    assert.match(await page.getByTestId('folder-summary').innerText(), /Read \d+ files/);
    await page.waitForSelector(`${GRAPH} [data-node="service:ledgerwriter"]`, { timeout: 15_000 });
    await context.setOffline(false);
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    server.close();
    await rm(root, { recursive: true, force: true });
  }
});
