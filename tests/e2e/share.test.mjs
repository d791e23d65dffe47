// End-to-end tests of sharing and keeping the work: share links (round trip, corrupt, bomb,
// injection), embed mode and the Embed dialog, exports, autosave and reset, the crash overlay,
// a sub-path deployment and offline use. Run after `trunk build --release`:
//   node --test tests/e2e/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { deflateSync } from 'node:zlib';
import { openPage, ARTIFACTS, startServer, useSite, GRAPH } from './browser.mjs';

const EXTRA_SERVICE = '  app-c:\n    summary: Reports\n    reads: [messages]\n';

const site = useSite();

/// A link fragment made the way seams_core::share::encode makes one (zlib, base64url).
function fragmentOf(state) {
  return 'v1.' + deflateSync(Buffer.from(JSON.stringify(state)), { level: 9 }).toString('base64url');
}

async function nodeIds(page) {
  return page.$$eval(`${GRAPH} [data-node]`, (els) => [...new Set(els.map((e) => e.getAttribute('data-node')))].sort());
}

async function picture(page) {
  return {
    nodes: await nodeIds(page),
    stage: await page.getAttribute(GRAPH, 'data-stage'),
    score: (await page.textContent('[data-testid="score"]'))?.trim(),
  };
}

/// The seed example's picture, as a first visit shows it.
async function seedPicture() {
  const { context, page } = await openPage(site.browser, site.url);
  const seen = await picture(page);
  await context.close();
  return seen;
}

/// Waits until the address bar holds a link different from `previous`.
async function nextLink(page, previous) {
  await page.waitForFunction((p) => location.hash.startsWith('#v1.') && location.hash !== p, previous);
  return page.evaluate(() => location.href);
}

test('a share link reproduces panes, stage and picture in a fresh browser', async () => {
  const { context, page, errors } = await openPage(site.browser, site.url);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(site.url).origin });
  const first = await nextLink(page, '');
  const services = (await page.inputValue('#pane-services')) + EXTRA_SERVICE;
  await page.fill('#pane-services', services);
  await page.waitForSelector(`${GRAPH} [data-node*="app-c"]`);
  await page.click('.scrubber li:nth-child(3) button');
  await page.waitForSelector(`${GRAPH}[data-stage="2"]`);
  const link = await nextLink(page, new URL(first).hash);
  await page.waitForTimeout(600); // the link settles (stage change re-encodes)
  const settled = await page.evaluate(() => location.href);
  await page.click('button:has-text("Copy link")');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, settled, 'Copy link copies the address bar');
  assert.notEqual(link, first);
  const shown = await picture(page);
  assert.equal(shown.stage, '2');
  assert.deepEqual(errors, []);

  const other = await openPage(site.browser, copied);
  assert.deepEqual(await picture(other.page), shown);
  assert.equal(await other.page.inputValue('#pane-services'), services);
  assert.equal(await other.page.locator('[role="alert"]').count(), 0);
  assert.deepEqual(other.errors, []);
  await other.context.close();
  await context.close();
});

test('a link pasted into the address bar of an open page opens in place', async () => {
  const { context, page, errors } = await openPage(site.browser, site.url);
  await nextLink(page, '');
  const before = await page.inputValue('#pane-services');
  await page.evaluate(() => { location.hash = '#v1.not*a*link'; });
  await page.locator('[role="alert"]').waitFor();
  assert.equal(await page.inputValue('#pane-services'), before, 'a bad link changes nothing');
  const services = 'version: 1\nservices:\n  solo:\n    writes: [users]\n';
  await page.evaluate((f) => { location.hash = f; }, '#' + fragmentOf({ schema: 'create table users (id int primary key);', services, stage: 1, theme: 'dark' }));
  await page.waitForSelector(`${GRAPH}[data-stage="1"] [data-node*="solo"]`);
  assert.equal(await page.inputValue('#pane-services'), services);
  assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
  assert.equal(await page.locator('[role="alert"]').count(), 0, 'a good link clears the message');
  assert.deepEqual(errors, []);
  await context.close();
});

for (const [name, fragment, expected] of [
  ['corrupt', 'v1.eJzLSM3JyVcozy!!broken', /damaged/],
  ['truncated', fragmentOf({ schema: 'create table t (id int);', services: '' }).slice(0, 12), /incomplete|damaged/],
  ['bomb', 'v1.' + deflateSync(Buffer.alloc(50 * 1024 * 1024)).toString('base64url'), /expands to more than/],
]) {
  test(`a ${name} link shows a message and the page still opens with the example`, async () => {
    const seed = await seedPicture();
    const { context, page, errors } = await openPage(site.browser, `${site.url}#${fragment}`);
    const banner = page.locator('[role="alert"]');
    await banner.waitFor();
    assert.match(await banner.textContent(), expected);
    assert.deepEqual(await picture(page), seed);
    await banner.getByRole('button', { name: 'Dismiss' }).click();
    assert.equal(await banner.count(), 0);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('nothing in a link becomes markup or script', async () => {
  const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
  const state = {
    schema: `create table "${evil}" (id int primary key);`,
    services: `version: 1\nservices:\n  "${evil}":\n    writes: ["${evil}"]\n`,
    models: evil,
    theme: '"><img src=x onerror="window.__pwned=3">',
  };
  const { context, page, errors } = await openPage(site.browser, `${site.url}#${fragmentOf(state)}`);
  assert.equal(await page.inputValue('#pane-models'), evil);
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.locator('img[src="x"]').count(), 0);
  assert.equal(await page.locator('body script:not([src])').filter({ hasText: '__pwned' }).count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('embed mode shows the graph and stepper only, at the stage asked for', async () => {
  const { context, page, errors } = await openPage(site.browser, `${site.url}?embed=1&stage=3&theme=dark`, { width: 720, height: 420 });
  await page.waitForSelector(`${GRAPH}[data-stage="3"]`);
  assert.equal(await page.locator('textarea').count(), 0, 'no editors in embed mode');
  assert.equal(await page.locator('.stepper').count(), 1);
  assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
  const open = page.locator('a.open-in-seams');
  assert.equal(await open.getAttribute('target'), '_blank');
  assert.equal(await open.getAttribute('rel'), 'noopener');
  const href = new URL(await open.getAttribute('href'));
  assert.equal(href.searchParams.get('embed'), null);
  assert.match(href.hash, /^#v1\./);
  // The graph fills the frame's width and most of its height under the stepper, the caption
  // and the strip of search and zoom controls (which no longer cover its top row).
  const box = await page.locator('.graph-frame').boundingBox();
  assert.ok(box.width >= 700 && box.height >= 0.6 * 420, JSON.stringify(box));
  await page.screenshot({ path: `${ARTIFACTS}embed-stage3.png` });
  assert.deepEqual(errors, []);

  await page.goto(`${site.url}?embed=1&controls=0&stage=1`);
  await page.waitForSelector(`${GRAPH}[data-stage="1"]`);
  assert.equal(await page.locator('.stepper').count(), 0, 'controls=0 hides the stepper');
  await context.close();
});

test('the Embed dialog gives iframe and Markdown snippets that work', async () => {
  const { context, page, errors } = await openPage(site.browser, site.url);
  await page.click('.scrubber li:nth-child(4) button');
  await page.waitForSelector(`${GRAPH}[data-stage="3"]`);
  await page.click('button:has-text("Embed")');
  const dialog = page.locator('dialog.embed-dialog[open]');
  await dialog.waitFor();
  const iframe = await dialog.locator('[data-testid="iframe-snippet"]').textContent();
  const markdown = await dialog.locator('[data-testid="markdown-snippet"]').textContent();
  assert.match(iframe, /^<iframe src="[^"]+\?embed=1&amp;stage=3#v1\.[A-Za-z0-9_-]+" title="Seams: stage 3[^"]*"/);
  assert.match(iframe, /loading="lazy"/);
  assert.match(iframe, /allow="fullscreen"/);
  assert.match(markdown, /^\[!\[Seams: stage 3[^\]]*\]\(seams-stage-3\.svg\)\]\(http[^)\s]+#v1\.[A-Za-z0-9_-]+\)$/);
  await page.screenshot({ path: `${ARTIFACTS}embed-dialog.png` });
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' }).catch(() => {});
  assert.equal(await page.locator('dialog.embed-dialog[open]').count(), 0);

  // The snippet, pasted into another page, shows stage 3 read-only.
  const host = await context.newPage();
  await host.setContent(`<!doctype html><body>${iframe}</body>`);
  const frame = host.frameLocator('iframe');
  await frame.locator(`${GRAPH}[data-stage="3"]`).waitFor();
  assert.equal(await frame.locator('textarea').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('exports: SVG has the page nodes, PNG is twice the size, Mermaid, Markdown and JSON', async () => {
  const { context, page, errors } = await openPage(site.browser, site.url);
  const shown = await nodeIds(page);
  const size = await page.$eval(GRAPH, (svg) => [Number(svg.getAttribute('width')), Number(svg.getAttribute('height'))]);
  const take = async (key) => {
    await page.click('.export-menu summary');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`[data-export="${key}"]`)]);
    return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) };
  };
  const svg = await take('svg');
  assert.equal(svg.name, 'seams-stage-0.svg');
  const text = svg.bytes.toString('utf8');
  const exported = [...new Set([...text.matchAll(/data-node="([^"]+)"/g)].map((m) => m[1]))].sort();
  assert.deepEqual(exported, shown);
  assert.match(text, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(text, /<style>/);

  const png = await take('png');
  assert.equal(png.name, 'seams-stage-0.png');
  assert.equal(png.bytes.subarray(1, 4).toString('latin1'), 'PNG');
  // Twice the exported picture, which frames the drawing with its title block and legend.
  const root = text.match(/^<svg [^>]*?width="([\d.]+)" height="([\d.]+)"/);
  const framed = [Number(root[1]), Number(root[2])];
  assert.ok(framed[1] > size[1] / 2, `framed ${framed} around the drawing shown at ${size}`);
  assert.match(text, /class="frame-title"[^>]*>Stage 0 · /);
  assert.deepEqual([png.bytes.readUInt32BE(16), png.bytes.readUInt32BE(20)], framed.map((v) => Math.round(v * 2)));

  const mmd = await take('mmd');
  assert.equal(mmd.name, 'seams-stage-0.mmd');
  assert.match(mmd.bytes.toString('utf8'), /^flowchart /m);

  const md = await take('md');
  assert.match(md.bytes.toString('utf8'), /^# Seams report: stage 0/);

  const json = JSON.parse((await take('json')).bytes.toString('utf8'));
  assert.equal(json.index, 0);
  assert.equal(String(json.score.overall), (await page.textContent('[data-testid="score"]')).trim());
  assert.ok(Array.isArray(json.findings) && json.findings.length > 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a reload restores edited text from the autosave; Reset asks first', async () => {
  const { context, page, errors } = await openPage(site.browser, site.url);
  const schema = (await page.inputValue('#pane-schema')) + '\ncreate table audit_log (id int primary key);\n';
  await page.fill('#pane-schema', schema);
  await page.waitForFunction(() => localStorage.getItem('seams:v1:state')?.startsWith('v1.'));
  await page.waitForSelector(`${GRAPH} [data-node*="audit_log"]`);
  // The bare address (no fragment): only the autosave can bring the text back.
  await page.goto(site.url);
  await page.waitForSelector(`${GRAPH} [data-node*="audit_log"]`);
  assert.equal(await page.inputValue('#pane-schema'), schema);
  // The header names no example: the panes hold the person's text.
  const gallery = page.locator('header select').first();
  assert.equal(await gallery.inputValue(), '');

  const asked = [];
  page.once('dialog', (d) => { asked.push(d.type()); d.dismiss(); });
  await page.click('button:has-text("Reset")');
  assert.deepEqual(asked, ['confirm']);
  assert.equal(await page.inputValue('#pane-schema'), schema, 'dismissed: nothing discarded');
  page.once('dialog', (d) => { asked.push(d.type()); d.accept(); });
  await page.click('button:has-text("Reset")');
  assert.deepEqual(asked, ['confirm', 'confirm']);
  assert.notEqual(await page.inputValue('#pane-schema'), schema);
  await page.waitForFunction(() => !document.querySelector('[data-node*="audit_log"]'));
  assert.equal(await gallery.inputValue(), 'seed', 'Reset brings the seed back, and the header names it');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a panic shows the reload overlay and keeps the saved text', async () => {
  const { context, page } = await openPage(site.browser, site.url);
  const schema = (await page.inputValue('#pane-schema')) + '\ncreate table kept (id int);\n';
  await page.fill('#pane-schema', schema);
  await page.waitForFunction(() => localStorage.getItem('seams:v1:state')?.startsWith('v1.'));
  await page.goto(`${site.url}?panic-test=1`);
  const overlay = page.getByRole('alertdialog');
  await overlay.waitFor();
  assert.match(await overlay.textContent(), /Something broke — reload/);
  await page.screenshot({ path: `${ARTIFACTS}crash-overlay.png` });
  await Promise.all([page.waitForEvent('load'), overlay.getByRole('button', { name: 'Reload' }).click()]);
  await page.waitForSelector(`${GRAPH} [data-node]`);
  assert.equal(new URL(page.url()).searchParams.get('panic-test'), null);
  assert.equal(await page.inputValue('#pane-schema'), schema);
  await page.waitForTimeout(600);
  assert.equal(await page.getByRole('alertdialog').count(), 0);
  await context.close();
});

test('the site works under a sub-path and offline after the first visit', async () => {
  const sub = await startServer('/seams/');
  try {
    const { context, page, errors } = await openPage(site.browser, sub.url);
    assert.match(page.url(), /\/seams\/$/);
    const scope = await page.evaluate(() => Promise.race([
      navigator.serviceWorker.ready.then((r) => r.scope),
      new Promise((ok) => setTimeout(() => ok('no service worker after 10 s'), 10_000)),
    ]));
    assert.equal(scope, sub.url);
    const online = await nodeIds(page);
    await context.setOffline(true);
    await page.reload();
    await page.waitForSelector(`${GRAPH} [data-node]`);
    assert.deepEqual(await nodeIds(page), online);
    await context.setOffline(false);
    // A gallery example fetched once opens offline too (the worker keeps its files).
    const select = page.locator('select').first();
    const freightShown = () => page.waitForFunction(
      () => document.querySelectorAll('.graph-canvas [data-kind="table"]').length > 70, null, { timeout: 15000 });
    await select.selectOption('freight');
    await freightShown();
    await select.selectOption('seed');
    await page.waitForFunction((n) => document.querySelectorAll(`svg[aria-label="Coupling graph"] [data-node]`).length > 0
      && document.querySelectorAll('.graph-canvas [data-kind="table"]').length < n, 5, { timeout: 5000 });
    await page.waitForTimeout(600); // the autosave (the seed again)
    await context.setOffline(true);
    await page.reload();
    await page.waitForSelector(`${GRAPH} [data-node]`);
    await select.selectOption('freight');
    await freightShown();
    await context.setOffline(false);
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    sub.server.close();
  }
});
