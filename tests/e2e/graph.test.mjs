// End-to-end: the page with the built-in example, pasting a large pg_dump, diagnostics, and user
// names that must stay text. Drives the release build (dist/) in Debian's headless Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { openPage, ARTIFACTS, useSite } from './browser.mjs';

const EXAMPLES = new URL('../../examples/', import.meta.url).pathname;
const site = useSite();

const ids = (page, selector) =>
  page.$$eval(`.graph-canvas ${selector}`, (els) => els.map((e) => e.dataset.node ?? `${e.dataset.kind}:${e.dataset.edge}`));

/// Replaces a pane's text the way a paste does: the new value and one input event. (Playwright's
/// `fill` types through the browser's editing commands, which take tens of seconds for a
/// 135 KB dump in headless Chromium.)
async function paste(page, pane, text) {
  await page.locator(`textarea[aria-label="${pane}"]`).evaluate((area, value) => {
    area.value = value;
    area.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
}

async function tableCount(page) {
  return page.locator('.graph-canvas [data-kind="table"]').count();
}

test('the built-in example shows the seed story: services, tables, reads, writes, foreign key', async () => {
  const { page, errors, context } = await openPage(site.browser, site.url);
  const svg = page.locator('svg[role="img"][aria-label="Coupling graph"]');
  assert.equal(await svg.getAttribute('data-stage'), '0');
  assert.equal(await svg.locator('title').first().textContent(), 'Coupling graph');
  assert.match(await svg.locator('desc').textContent(), /2 services, 2 tables/);

  const nodes = await ids(page, '[data-node]');
  for (const id of ['service:app-a', 'service:app-b', 'table:public.users', 'table:public.messages', 'db:main']) {
    assert.ok(nodes.includes(id), `node ${id} in ${nodes}`);
  }
  const edges = await ids(page, '[data-edge]');
  for (const edge of [
    'reads:service:app-a->table:public.users',
    'writes:service:app-b->table:public.users',
    'reads:service:app-b->table:public.users',
    'writes:service:app-b->table:public.messages',
    'references:table:public.messages->table:public.users',
    'models:service:app-a->table:public.users',
  ]) {
    assert.ok(edges.includes(edge), `edge ${edge} in ${edges}`);
  }
  assert.ok(!edges.includes('writes:service:app-a->table:public.users'), 'app-a only reads users');

  // The panes have their accessible names and hold the example.
  for (const pane of ['Schema', 'Services', 'Models']) {
    assert.ok((await page.locator(`textarea[aria-label="${pane}"]`).inputValue()).length > 0, pane);
  }
  // Findings name the seed's smells.
  const rules = await page.$$eval('.finding', (els) => els.map((e) => e.dataset.rule));
  for (const rule of ['foreign-read', 'duplicated-model', 'shared-database']) assert.ok(rules.includes(rule), rule);

  // Click a node: the side panel shows its details.
  await page.locator('.graph-canvas [data-node="table:public.users"]').click();
  await page.locator('.inspector h3', { hasText: 'users' }).waitFor();
  assert.match(await page.locator('.inspector').textContent(), /Written by\s*app-b/);

  // The table view lists the same nodes as the SVG.
  await page.getByRole('button', { name: 'Table view' }).click();
  const rows = await page.$$eval('.table-view tr[data-node]', (els) => els.map((e) => e.dataset.node));
  assert.deepEqual(new Set(rows), new Set(nodes));
  await page.getByRole('button', { name: 'Table view' }).click();

  await page.screenshot({ path: ARTIFACTS + 'example.png' });
  assert.deepEqual(errors, []);
  await context.close();
});

test('pasting the freight dump shows one table node per CREATE TABLE, and a broken line gets a diagnostic while the graph stays', async () => {
  const { page, errors, context } = await openPage(site.browser, site.url);
  const sql = readFileSync(EXAMPLES + 'freight/schema.sql', 'utf8');
  // Counted independently of the parser: statement-level CREATE TABLEs at line starts (every
  // table of the dump is schema-qualified, monthly partitions included).
  const expected = [...sql.matchAll(/^CREATE TABLE (\w+)\.(\w+)/gm)].map((m) => `table:${m[1]}.${m[2]}`);
  assert.ok(expected.length > 70);

  await paste(page, 'Services', '');
  await paste(page, 'Models', '');
  await paste(page, 'Schema', sql);
  await page.waitForFunction((n) => document.querySelectorAll('.graph-canvas [data-kind="table"]').length === n, expected.length, { timeout: 15000 });
  const nodes = await ids(page, '[data-kind="table"]');
  assert.deepEqual([...nodes].sort(), [...new Set(expected)].sort());
  assert.equal(await tableCount(page), expected.length);
  await page.screenshot({ path: ARTIFACTS + 'freight-pasted.png' });

  // Type a broken statement at the end: one diagnostic on its line, the picture stays.
  const schema = page.locator('textarea[aria-label="Schema"]');
  await schema.focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\nCREATE VIEW broken AS SELECT FROM WHERE ((;\n');
  const lastLine = sql.split('\n').length + 1;
  const diagnostic = page.locator('ul[aria-label="Schema diagnostics"] li', { hasText: `${lastLine}:` });
  await diagnostic.first().waitFor({ timeout: 10000 });
  assert.ok((await tableCount(page)) >= expected.length, 'the graph keeps its tables');
  assert.ok(await page.locator('.gutter .mark').count() >= 1, 'the gutter marks the line');
  // The gutter numbers only the lines around the visible ones (a 40,000-line paste's numbers
  // took 175 ms of layout), and the last line's number sits beside the mark of its diagnostic.
  const gutter = await page.locator('.editor:has(textarea[aria-label="Schema"]) .gutter').evaluate((gutter, last) => {
    const pre = gutter.querySelector('.numbers');
    const text = pre.textContent;
    const lines = text.split('\n').filter(Boolean);
    const node = pre.firstChild;
    const at = text.indexOf(`\n${last}\n`) + 1;
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + String(last).length);
    const number = range.getBoundingClientRect();
    const marks = [...gutter.querySelectorAll('.mark')].map((m) => m.getBoundingClientRect().top);
    return { first: Number(lines[0]), count: lines.length, numberTop: number.top, marks };
  }, lastLine);
  assert.ok(gutter.first > 1 && gutter.count < 400, `numbers ${gutter.first}… (${gutter.count} of ${lastLine})`);
  assert.ok(
    gutter.marks.some((top) => Math.abs(top - gutter.numberTop) < 10),
    `line ${lastLine}'s number at ${gutter.numberTop}, marks at ${gutter.marks}`,
  );
  assert.deepEqual(errors, []);
  await context.close();
});

test('user-supplied names render as text: no element is created from them', async () => {
  const { page, errors, context } = await openPage(site.browser, site.url);
  let dialogs = 0;
  page.on('dialog', async (d) => { dialogs += 1; await d.dismiss(); });
  const scriptsBefore = await page.locator('script').count();
  await paste(page, 'Schema', 'CREATE TABLE "<img src=x onerror=alert(1)>" (id int PRIMARY KEY);\n');
  await paste(page, 'Services', [
    'version: 1',
    'services:',
    '  evil:',
    '    summary: "<script>window.__pwned = 1</script><b>bold</b>"',
    '    writes: [\'"<img src=x onerror=alert(1)>"\']',
    '',
  ].join('\n'));
  const node = page.locator('.graph-canvas [data-node="table:<img src=x onerror=alert(1)>"]');
  await node.waitFor({ timeout: 10000 });
  await page.locator('.graph-canvas [data-node="service:evil"]').waitFor();
  assert.match(await page.locator('.graph-canvas [data-node="service:evil"] text.detail').textContent(), /<script>/);
  assert.equal(await page.locator('img').count(), 0);
  assert.equal(await page.locator('b').count(), 0);
  assert.equal(await page.locator('script').count(), scriptsBefore);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(dialogs, 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('Table view lists numbered services and tables as people count: svc-2 before svc-10', async () => {
  const { page, errors, context } = await openPage(site.browser, site.url);
  const services = ['version: 1', 'services:'];
  for (let i = 1; i <= 12; i++) services.push(`  svc-${i}:`, `    writes: [t${i}]`, `    reads: [t${i === 12 ? 1 : i + 1}]`);
  const schema = Array.from({ length: 12 }, (_, k) => `CREATE TABLE t${k + 1} (id int PRIMARY KEY);`).join('\n');
  await paste(page, 'Schema', schema);
  await paste(page, 'Services', services.join('\n') + '\n');
  await page.waitForSelector('.graph-canvas [data-node="service:svc-12"]');
  await page.getByRole('button', { name: 'Table view' }).click();
  const names = await page.$$eval('.table-view tr[data-node]', (els) => els.map((e) => e.dataset.node));
  const numbers = (prefix) => names.filter((n) => n.startsWith(prefix)).map((n) => Number(n.replace(/\D+/g, '')));
  const counted = Array.from({ length: 12 }, (_, k) => k + 1);
  assert.deepEqual(numbers('service:svc-'), counted);
  assert.deepEqual(numbers('table:t'), counted);
  const from = await page.$$eval('.table-view table:nth-of-type(2) tbody tr td:first-child', (tds) => tds.map((td) => td.textContent));
  const firstServices = [...new Set(from.filter((f) => f.startsWith('svc-')))];
  assert.deepEqual(firstServices.slice(0, 3), ['svc-1', 'svc-2', 'svc-3'], `edges start ${from.slice(0, 6)}`);
  assert.deepEqual(errors, []);
  await context.close();
});
