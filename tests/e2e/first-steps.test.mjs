// First steps with one's own schema (issue 16), by mouse and keyboard as a person takes them:
// pasting a schema over the whole example drafts the Services pane from its tables and drops the
// example's Models pane (which gave a real schema false model-drift findings); "New" empties the
// three panes, and a schema pasted into the empty pane is drafted too (but services pasted before
// its analysis arrives are kept); "Draft from schema" drafts again; an unquoted `{id}` that cuts the services file says to quote it; Help explains the steps.
// Screenshots land in tests/e2e/artifacts/first-steps-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, mouseClick, ARTIFACTS, useSite, GRAPH, paneBox } from './browser.mjs';

const site = useSite();

/// A shop's schema in the shape of a real one: tables named by area prefix, one `users`
/// table that the seed's models also model (so a kept Models pane would show drift).
const SHOP = `CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, created_at timestamptz);
CREATE TABLE catalog_product (id bigint PRIMARY KEY, sku text NOT NULL, title text);
CREATE TABLE catalog_price (product_id bigint REFERENCES catalog_product(id), currency char(3), amount numeric(12,2));
CREATE TABLE catalog_category (id bigint PRIMARY KEY, parent_id bigint REFERENCES catalog_category(id), name text);
CREATE TABLE billing_invoice (id bigint PRIMARY KEY, user_id bigint REFERENCES users(id), total numeric(12,2));
CREATE TABLE billing_invoice_line (invoice_id bigint REFERENCES billing_invoice(id), product_id bigint REFERENCES catalog_product(id), quantity int);
CREATE TABLE shipping_parcel (id bigint PRIMARY KEY, invoice_id bigint REFERENCES billing_invoice(id), carrier text);
CREATE TABLE shipping_event (parcel_id bigint REFERENCES shipping_parcel(id), at timestamptz, status text);
CREATE TABLE settings (key text PRIMARY KEY, value text);
`;

const pane = (page, name) => page.locator(`#pane-${name}`);

/// Scrolls `name`'s pane into view (on a phone the panes sit below the graph) and clicks it.
async function clickPane(page, name) {
  await paneBox(page, name).scrollIntoViewIfNeeded();
  await mouseClick(page, paneBox(page, name));
}

/// Puts `text` on the clipboard and pastes it with the keyboard into the focused pane.
async function paste(page, text) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.keyboard.press('ControlOrMeta+V');
}

/// Waits until the analysis shows the drafted services in the graph.
async function waitForDraft(page) {
  await page.waitForSelector(`${GRAPH} [data-node="service:billing"]`);
  await page.waitForSelector(`${GRAPH} [data-node="service:shipping"]`);
}

for (const [width, height] of [[1280, 720], [390, 844]]) {
  test(`at ${width}×${height} a schema pasted over the example gets drafted services and no example models`, async () => {
    const { context, page, errors } = await openPage(site.browser, site.url, { width, height, reducedMotion: 'reduce' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const questions = [];
    page.on('dialog', (d) => { questions.push(d.message()); d.accept(); });
    assert.notEqual(await pane(page, 'models').inputValue(), '', 'the seed has models');

    // Select the whole example schema with the keyboard and paste over it.
    await clickPane(page, 'schema');
    await page.keyboard.press('ControlOrMeta+A');
    await paste(page, SHOP);
    await waitForDraft(page);
    assert.equal(await pane(page, 'schema').inputValue(), SHOP);
    assert.equal(await pane(page, 'models').inputValue(), '', "the example's models are gone");
    const services = await pane(page, 'services').inputValue();
    assert.match(services, /^# Drafted from the schema's 9 tables/);
    for (const line of ['  billing:', '      - billing_invoice_line', '  catalog:', '  shipping:', '  app:', '      - settings']) {
      assert.ok(services.split('\n').includes(line), `the draft has ${JSON.stringify(line)}:\n${services}`);
    }
    assert.equal(await page.locator('[aria-label="Services diagnostics"] li').count(), 0, 'the draft reads back cleanly');
    assert.equal(await page.locator('[data-rule="model-drift"], [data-rule="duplicated-model"]').count(), 0, 'no false model findings');
    assert.deepEqual(questions, [], 'pasting over an unchanged example asks nothing');
    await page.screenshot({ path: `${ARTIFACTS}first-steps-pasted-${width}x${height}.png` });
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('services pasted while a pasted schema is still being read are kept, not drafted over', async () => {
  const { context, page, errors } = await openPage(site.browser, site.url, { reducedMotion: 'reduce' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const own = 'services:\n  storefront:\n    writes: [catalog_product, catalog_price]\n    reads: [users]\n';
  // The schema over the example, then at once the person's own services over the example's,
  // before the schema's analysis (which would draft the Services pane) arrives.
  await clickPane(page, 'schema');
  await page.keyboard.press('ControlOrMeta+A');
  await paste(page, SHOP);
  await clickPane(page, 'services');
  await page.keyboard.press('ControlOrMeta+A');
  await paste(page, own);
  await page.waitForSelector(`${GRAPH} [data-node="service:storefront"]`);
  // Past the analyses of both pastes: the pane still holds what was pasted.
  await page.waitForTimeout(1500);
  assert.equal(await pane(page, 'services').inputValue(), own);
  assert.equal(await page.locator(`${GRAPH} [data-node="service:billing"]`).count(), 0, 'no drafted service');
  assert.deepEqual(errors, []);
  await context.close();
});

test('New empties the panes; a schema pasted there is drafted; Draft drafts again after asking', async () => {
  const { context, page, errors } = await openPage(site.browser, site.url, { reducedMotion: 'reduce' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const questions = [];
  page.on('dialog', (d) => { questions.push(d.message()); d.accept(); });

  const gallery = page.locator('header select').first();
  assert.equal(await gallery.inputValue(), 'seed', 'the header names the seed while the panes hold it');
  await mouseClick(page, page.getByTestId('new'));
  for (const name of ['schema', 'services', 'models']) {
    assert.equal(await pane(page, name).inputValue(), '', `${name} is empty`);
  }
  await page.waitForFunction(() => document.querySelector('header select')?.value === '');
  assert.equal(await gallery.evaluate((s) => s.selectedOptions[0]?.textContent), 'Your own text', 'New: no example named');
  assert.deepEqual(questions, [], 'the unchanged seed is discarded without a question');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'pane-schema', 'the caret waits in Schema');
  // An empty picture says what to do, not just a score of 100 over a blank frame.
  const empty = page.locator('.graph-empty');
  await page.waitForFunction(() => document.querySelector('.graph-empty')?.textContent.startsWith('Nothing to draw yet'));
  assert.ok(await empty.isVisible(), 'the empty state is shown');

  // A data-only dump (COPY blocks, no CREATE TABLE) says why nothing is drawn.
  await paste(page, 'COPY public.actor (actor_id, first_name) FROM stdin;\n1\tPENELOPE\n\\.\n');
  await page.waitForFunction(() => document.querySelector('.graph-empty')?.textContent.includes('no CREATE TABLE'));
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');

  await paste(page, SHOP);
  await page.waitForFunction(() => document.querySelector('.graph-empty')?.textContent === '');
  assert.ok(!(await empty.isVisible()), 'no empty state once there is a picture');
  await waitForDraft(page);
  assert.equal(await pane(page, 'models').inputValue(), '');

  // Edit the draft by hand, then draft again: the person's text is only replaced after asking.
  await clickPane(page, 'services');
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type('  reporting:\n    reads: [billing_invoice]\n');
  await page.waitForSelector(`${GRAPH} [data-node="service:reporting"]`);
  await mouseClick(page, page.getByTestId('draft-services'));
  assert.equal(questions.length, 1, 'drafting over typed text asks first');
  assert.match(questions[0], /Replace your Services pane/);
  await page.waitForFunction((sel) => !document.querySelector(`${sel} [data-node="service:reporting"]`), GRAPH);
  assert.doesNotMatch(await pane(page, 'services').inputValue(), /reporting/);

  // New again: now the panes hold the person's text, so it asks.
  await mouseClick(page, page.getByTestId('new'));
  assert.equal(questions.length, 2);
  assert.match(questions[1], /start with empty panes/);
  assert.equal(await pane(page, 'schema').inputValue(), '');
  assert.deepEqual(errors, []);
  await context.close();
});

test('an unquoted {id} that cuts the services file says to quote it', async () => {
  const { context, page, errors } = await openPage(site.browser, site.url, { reducedMotion: 'reduce' });
  await clickPane(page, 'services');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('version: 1\nservices:\n  app-a:\n    reads: [users]\n    calls:\n      - app-b: {id}/flags\n  app-b:\n    writes: [users]\n');
  const message = page.locator('[aria-label="Services diagnostics"] .msg').filter({ hasText: 'quote' }).first();
  await message.waitFor();
  assert.match(await message.textContent(), /unquoted `\{` starts a YAML mapping.*quote the value, e\.g\. "\{id\}\/flags"/);
  await page.screenshot({ path: `${ARTIFACTS}first-steps-yaml-hint.png` });
  assert.deepEqual(errors, []);
  await context.close();
});

for (const [width, height] of [[1280, 720], [390, 844]]) {
  test(`at ${width}×${height} Help opens by mouse, explains the first steps and closes with Escape`, async () => {
    const { context, page, errors } = await openPage(site.browser, site.url, { width, height, reducedMotion: 'reduce' });
    await mouseClick(page, page.getByTestId('help'));
    const dialog = page.getByRole('dialog', { name: 'Help' });
    await dialog.waitFor({ state: 'visible' });
    const text = await dialog.textContent();
    for (const words of ['Start with your own schema', 'New', 'Draft', 'docs/services-file.md', 'reads', 'Quote']) {
      assert.ok(text.includes(words), `Help mentions ${words}`);
    }
    await page.screenshot({ path: `${ARTIFACTS}first-steps-help-${width}x${height}.png` });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await mouseClick(page, page.getByTestId('help'));
    await mouseClick(page, dialog.getByRole('button', { name: 'Close' }));
    await dialog.waitFor({ state: 'hidden' });
    assert.deepEqual(errors, []);
    await context.close();
  });
}
