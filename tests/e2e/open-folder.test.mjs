// "Open folder" (issue 13, point 1): a repository's files read in the browser and turned into the
// panes by seams_core::repo. The button is pressed with the real mouse, the folder picker gets
// a fixture folder written for Seams (crates/seams-cli/tests/fixtures/import/), and the graph
// must show the services, databases and tables the command line derives from the same folder;
// no password written in the fixture may reach the page or the autosave. Files dropped on the
// page (a DataTransfer built in the page: no folder, as a test cannot drop a real one) go the
// same way. Screenshots land in
// tests/e2e/artifacts/open-folder-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, mouseClick, ARTIFACTS, useSite, GRAPH } from './browser.mjs';

const site = useSite();
const FIXTURES = new URL('../../crates/seams-cli/tests/fixtures/import/', import.meta.url).pathname;

/// The graph's node ids of one kind.
const nodes = (page, kind) => page.evaluate(([graph, kind]) =>
  [...document.querySelectorAll(`${graph} [data-kind="${kind}"]`)].map((g) => g.dataset.node).sort(),
[GRAPH, kind]);

/// Presses "Open folder" with the mouse and picks `folder` in the chooser it opens.
async function openFolder(page, folder) {
  const chooser = page.waitForEvent('filechooser');
  await mouseClick(page, page.getByTestId('open-folder'));
  await (await chooser).setFiles(FIXTURES + folder);
}

test('opening the Bank fixture folder draws its services, databases and tables', async () => {
  const { page, errors, context } = await openPage(site.browser, site.url, { width: 1440, height: 900 });
  await openFolder(page, 'bank');
  await page.getByTestId('folder-summary').waitFor();
  const summary = await page.getByTestId('folder-summary').innerText();
  assert.match(summary, /Read \d+ files .* in this browser, nothing uploaded/);
  assert.match(summary, /2 SQL files found/);
  // README.md is left out: no reader uses it.
  assert.match(summary, /1 file no reader uses/);
  await page.waitForFunction((graph) =>
    document.querySelector(`${graph} [data-node="service:ledgerwriter"]`), GRAPH, { timeout: 15000 });
  assert.deepEqual(await nodes(page, 'service'), [
    'service:balancereader', 'service:contacts', 'service:frontend', 'service:ledgerwriter',
    'service:loadgenerator', 'service:transactionhistory', 'service:userservice',
  ]);
  assert.deepEqual(await nodes(page, 'database'), ['db:accounts-db/accounts-db', 'db:ledger-db/postgresdb']);
  const tables = await nodes(page, 'table');
  for (const name of ['users', 'contacts', 'transactions']) {
    assert.ok(tables.some((id) => id.endsWith(`.${name}`) || id.endsWith(`:${name}`)), `${name} in ${tables}`);
  }
  // The header no longer names the example that was shown before: the panes hold the folder.
  const gallery = page.locator('header select').first();
  assert.equal(await gallery.inputValue(), '');
  assert.equal(await gallery.evaluate((s) => s.selectedOptions[0]?.textContent), 'Your own text');
  // The Services pane holds the derived file, with where each fact was read.
  const services = await page.locator('#pane-services').inputValue();
  assert.match(services, /accounts-db: \{kind: postgres, host: accounts-db\}  # from kubernetes-manifests\/accounts-db\.yaml:4/);
  // No secret of the fixture in the page or the autosave.
  await page.waitForTimeout(1500);
  const everything = await page.evaluate(() => document.documentElement.outerHTML
    + [...document.querySelectorAll('textarea')].map((t) => t.value).join('\n')
    + JSON.stringify({ ...localStorage }) + location.href);
  for (const secret of ['fixture-accounts-pw', 'fixture-ledger-pw', 'fixture-jwt-private-key', 'accounts-admin']) {
    assert.ok(!everything.includes(secret), `${secret} is not in the page`);
  }
  // The inspector says where each of a service's facts was read (issue 13, point 5).
  await mouseClick(page, page.locator(`${GRAPH} [data-node="service:ledgerwriter"]`));
  const derived = page.locator('.derived-from');
  await derived.waitFor();
  const places = await derived.innerText();
  assert.match(places, /the service: kubernetes-manifests\/ledgerwriter\.yaml:4/);
  assert.match(places, /writes [\w.]*transactions: src\/ledger\/ledgerwriter\/src\/main\/java\/bank\/ledgerwriter\/TransferController\.java:22/);
  await page.screenshot({ path: ARTIFACTS + 'open-folder-bank.png' });
  assert.deepEqual(errors, []);
  await context.close();
});

test('PetClinic read from its folder: the default profile runs in-process databases', async () => {
  const { page, errors, context } = await openPage(site.browser, site.url);
  await openFolder(page, 'petclinic');
  await page.getByTestId('folder-summary').waitFor();
  assert.match(await page.getByTestId('folder-summary').innerText(), /Spring profiles seen .*mysql/);
  await page.waitForFunction((graph) =>
    document.querySelector(`${graph} [data-node="service:api-gateway"]`), GRAPH, { timeout: 15000 });
  const services = await nodes(page, 'service');
  for (const name of ['api-gateway', 'customers-service', 'vets-service', 'visits-service']) {
    assert.ok(services.includes(`service:${name}`), `${name} in ${services}`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('files dropped on the page are read the same way', async () => {
  const { page, errors, context } = await openPage(site.browser, site.url);
  // A drop of two files (no folder): a compose file and the SQL its database mounts.
  await page.evaluate(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([`services:
  shop:
    build: ./shop
    environment:
      DATABASE_URL: postgres://shop:fixture-drop-pw@db:5432/shop
  db:
    image: postgres:16
    volumes:
      - ./init.sql:/docker-entrypoint-initdb.d/init.sql
`], 'docker-compose.yml'));
    transfer.items.add(new File(['CREATE TABLE orders (id bigint PRIMARY KEY);\n'], 'init.sql'));
    transfer.items.add(new File(['\u0089PNG\u0000\u0000'], 'logo.png'));
    window.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  });
  await page.getByTestId('folder-summary').waitFor();
  assert.match(await page.getByTestId('folder-summary').innerText(), /Read 2 files .* 1 SQL file found\. Left out: 1 file no reader uses/);
  await page.waitForFunction((graph) =>
    document.querySelector(`${graph} [data-node="service:shop"]`), GRAPH, { timeout: 15000 });
  const tables = await nodes(page, 'table');
  assert.ok(tables.some((id) => id.endsWith('.orders') || id.endsWith(':orders')), `orders in ${tables}`);
  assert.ok(!(await page.content()).includes('fixture-drop-pw'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('the import worker is loaded only when a folder is opened, and stopped when it is read', async () => {
  const { page, errors, context } = await openPage(site.browser, site.url);
  const requested = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  const workers = [];
  page.on('worker', (w) => workers.push(w));
  await page.waitForTimeout(500);
  assert.deepEqual(requested.filter((p) => p.includes('import-worker')), [], 'nothing of the worker at first load');
  await openFolder(page, 'bank');
  await page.getByTestId('folder-summary').waitFor();
  const loaded = requested.filter((p) => p.includes('import-worker')).map((p) => p.split('/').pop()).sort();
  assert.deepEqual(loaded, ['import-worker-start.js', 'import-worker.js', 'import-worker_bg.wasm']);
  assert.equal(workers.length, 1, 'the files were read in a worker');
  // Done: the page stops the worker (its memory goes with it).
  for (let i = 0; i < 20 && page.workers().length; i++) await page.waitForTimeout(100);
  assert.equal(page.workers().length, 0, 'no worker left running');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a reader that cannot start says so in the banner', async () => {
  // No service worker: it would answer from its cache, where the route cannot fail the wasm.
  const context = await site.browser.newContext({ serviceWorkers: 'block' });
  await context.route('**/import-worker_bg.wasm', (route) => route.abort());
  const page = await context.newPage();
  await page.goto(site.url);
  await page.waitForSelector(`${GRAPH} [data-node]`);
  await openFolder(page, 'bank');
  const summary = page.getByTestId('folder-summary');
  await summary.waitFor({ timeout: 10_000 });
  assert.match(await summary.innerText(), /The folder could not be read: the reader stopped \(its code could not be loaded/);
  // The panes still hold the example: nothing was replaced.
  assert.match(await page.locator('#pane-services').inputValue(), /app-a|app_a/i);
  await context.close();
});
