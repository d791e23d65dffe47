// End-to-end: a 600-table monolith folds into clusters, a click unfolds one, and the search box
// finds a table inside a folded cluster, selects it and centres the view on it. Many small
// databases past the picture's budget fold too, one card each.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, ARTIFACTS, useSite } from './browser.mjs';

const site = useSite();

/// 12 schemas × 50 tables with foreign keys inside each schema and across neighbours; 10
/// services each write one schema's tables and read 20 tables of two others' schemas.
function monolith() {
  const sql = [];
  for (let s = 0; s < 12; s++) {
    for (let t = 0; t < 50; t++) {
      let line = `CREATE TABLE s${s}.orders_${s}_${t} (id int PRIMARY KEY, up int REFERENCES s${s}.orders_${s}_${(t + 49) % 50}(id)`;
      if (t % 10 === 0) line += `, far int REFERENCES s${(s + 1) % 12}.orders_${(s + 1) % 12}_${t}(id)`;
      sql.push(line + ');');
    }
  }
  const yaml = ['version: 1', 'services:'];
  for (let k = 0; k < 10; k++) {
    const writes = Array.from({ length: 50 }, (_, t) => `s${k}.orders_${k}_${t}`);
    const reads = Array.from({ length: 20 }, (_, t) => {
      const s = (k + 1 + (t % 2)) % 10;
      return `s${s}.orders_${s}_${t}`;
    });
    yaml.push(`  svc-${k}:`, `    summary: Service ${k} of the monolith`,
      `    writes: [${writes.join(', ')}]`, `    reads: [${reads.join(', ')}]`);
  }
  return { sql: sql.join('\n') + '\n', yaml: yaml.join('\n') + '\n' };
}

// Nodes fading out after a change (`.leaving`) are ghosts, not part of the picture.
const count = (page, selector) => page.locator(`.graph-canvas ${selector}:not(.leaving)`).count();

test('a 600-table monolith folds into clusters; click unfolds, search finds and centres', async () => {
  const { page, errors, context } = await openPage(site.browser, site.url);
  const { sql, yaml } = monolith();
  await page.locator('textarea[aria-label="Models"]').fill('');
  await page.locator('textarea[aria-label="Services"]').fill(yaml);
  await page.locator('textarea[aria-label="Schema"]').fill(sql);
  await page.waitForFunction(() => document.querySelectorAll('.graph-canvas [data-kind="cluster"]').length >= 10, null, { timeout: 30000 });

  const clusters = await count(page, '[data-kind="cluster"]');
  assert.equal(clusters, 12, '10 owner clusters and 2 schema clusters');
  assert.ok((await count(page, '[data-kind="table"]')) < 60, 'far fewer table nodes than 600');
  const reads = page.locator('.graph-canvas [data-edge="service:svc-0->cluster:main/svc-1"][data-kind="reads"] title');
  assert.equal(await reads.textContent(), "svc-0 reads 10 tables in svc-1's cluster");
  await page.screenshot({ path: ARTIFACTS + 'fold-monolith.png' });

  // Click a cluster: its tables appear in place of the card; its frame folds it back.
  await page.locator('.graph-canvas [data-node="cluster:main/svc-3"]').click();
  await page.locator('.graph-canvas [data-node="table:s3.orders_3_17"]').waitFor({ timeout: 10000 });
  assert.equal(await count(page, '[data-kind="table"]'), 50);
  assert.equal(await count(page, '[data-node="cluster:main/svc-3"]'), 0);
  await page.screenshot({ path: ARTIFACTS + 'fold-unfolded.png' });
  await page.locator('.graph-canvas [data-fold="cluster:main/svc-3"] text.hint').click();
  await page.locator('.graph-canvas [data-node="cluster:main/svc-3"]').waitFor({ timeout: 10000 });
  assert.equal(await count(page, '[data-kind="table"]'), 0);

  // Search a table inside a folded cluster: it unfolds, is selected and centred.
  const search = page.locator('input[type="search"][aria-label="Find a table or service"]');
  await search.fill('orders_7_42');
  await search.press('Enter');
  const found = page.locator('.graph-canvas [data-node="table:s7.orders_7_42"]');
  await found.waitFor({ timeout: 10000 });
  await page.locator('.inspector h3', { hasText: 's7.orders_7_42' }).waitFor({ timeout: 10000 });
  await page.waitForTimeout(900); // the unfold animates (700 ms)
  const frame = await page.locator('.graph-frame').boundingBox();
  const box = await found.locator('rect').first().boundingBox();
  const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
  const [fx, fy] = [frame.x + frame.width / 2, frame.y + frame.height / 2];
  assert.ok(Math.abs(cx - fx) < 20 && Math.abs(cy - fy) < 20, `centred: ${cx},${cy} vs ${fx},${fy}`);
  await page.screenshot({ path: ARTIFACTS + 'fold-search.png' });

  // A service is found too.
  await search.fill('SVC-9');
  await page.locator('.search-results button[data-id="service:svc-9"]').click();
  await page.locator('.inspector h3', { hasText: 'svc-9' }).waitFor({ timeout: 10000 });
  assert.deepEqual(errors, []);
  await context.close();
});

/// 12 databases of 40 tables (a foreign-key chain in each), each written by its own service:
/// 480 tables, past the picture's budget of 400 cards, though each database is under 100.
function shops() {
  const sql = [];
  const yaml = ['version: 1', 'services:'];
  for (let d = 0; d < 12; d++) {
    sql.push(`-- database: shop${d}`);
    const tables = Array.from({ length: 40 }, (_, t) => `s${d}_t${t}`);
    tables.forEach((table, t) => sql.push(`CREATE TABLE ${table} (id int PRIMARY KEY${t ? `, parent_id int REFERENCES s${d}_t${t - 1}(id)` : ''});`));
    yaml.push(`  svc${d}:`, `    database: shop${d}`, `    writes: [${tables.join(', ')}]`);
  }
  return { sql: sql.join('\n') + '\n', yaml: yaml.join('\n') + '\n' };
}

test('many small databases past the picture budget fold one card each; a click unfolds one', async () => {
  const { page, errors, context } = await openPage(site.browser, site.url);
  const { sql, yaml } = shops();
  await page.locator('textarea[aria-label="Models"]').fill('');
  await page.locator('textarea[aria-label="Services"]').fill(yaml);
  await page.locator('textarea[aria-label="Schema"]').fill(sql);
  await page.waitForFunction(() => document.querySelector('footer[role="status"]').textContent.includes(' 480 tables'), null, { timeout: 30000 });
  assert.equal(await count(page, '[data-kind="cluster"]'), 12, 'one card per database');
  assert.equal(await count(page, '[data-kind="table"]'), 0, 'no table drawn card by card');
  await page.screenshot({ path: ARTIFACTS + 'fold-budget.png' });

  // A click on a card (the pointer at its middle) shows that database's 40 tables.
  const card = await page.locator('.graph-canvas [data-node="cluster:shop3/svc3"] rect').first().boundingBox();
  await page.mouse.click(card.x + card.width / 2, card.y + card.height / 2);
  await page.waitForFunction(() => document.querySelectorAll('.graph-canvas [data-kind="table"]:not(.leaving)').length === 40, null, { timeout: 10000 });
  assert.equal(await count(page, '[data-kind="cluster"]'), 11);
  const tables = await page.locator('.graph-canvas [data-kind="table"]:not(.leaving)').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-node')));
  assert.ok(tables.every((id) => id.startsWith('table:shop3.') && id.includes('s3_t')), `shop3's tables: ${tables.slice(0, 3)}`);
  await page.waitForTimeout(900); // the unfold animates (700 ms)
  await page.screenshot({ path: ARTIFACTS + 'fold-budget-unfolded.png' });

  // Table view lists what the picture shows (the unfolded tables, not their card), by name.
  await page.locator('.zoom').getByRole('button', { name: 'Table view' }).click();
  await page.locator('.table-view tr[data-node]').first().waitFor();
  const rows = await page.$$eval('.table-view tr[data-node]', (els) => els.map((e) => e.dataset.node));
  assert.equal(rows.filter((id) => id.startsWith('table:shop3.')).length, 40, 'the unfolded tables are rows');
  assert.ok(!rows.includes('cluster:shop3/svc3'), 'the unfolded card is not');
  const edges = await page.$$eval('.table-view table:nth-of-type(2) td', (tds) => tds.map((td) => td.textContent));
  assert.ok(edges.length > 0 && edges.every((text) => !/^(service|table|cluster):/.test(text)), `edges by name: ${edges.slice(0, 6)}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a large paste is analysed in steps: a newer edit wins, and long finding lists are capped', async () => {
  const { page, errors, context } = await openPage(site.browser, site.url);
  const status = page.locator('footer[role="status"]');
  const { sql, yaml } = monolith();
  await page.locator('textarea[aria-label="Models"]').fill('');
  await page.locator('textarea[aria-label="Services"]').fill(yaml);
  // Paste the monolith, then, before its stepped analysis can finish, replace it with two
  // tables: the page must end on the two tables, never on the superseded 600.
  await page.evaluate((sql) => {
    const area = document.querySelector('textarea[aria-label="Schema"]');
    area.value = sql;
    area.dispatchEvent(new Event('input', { bubbles: true }));
  }, sql);
  await page.waitForTimeout(300); // past the 250 ms debounce: the large run has started
  await page.evaluate(() => {
    const small = {
      Schema: 'CREATE TABLE s0.a (id int PRIMARY KEY);\nCREATE TABLE s0.b (id int REFERENCES s0.a (id));\n',
      Services: 'version: 1\nservices:\n  svc-0:\n    writes: [s0.a, s0.b]\n',
    };
    for (const [label, text] of Object.entries(small)) {
      const area = document.querySelector(`textarea[aria-label="${label}"]`);
      area.value = text;
      area.dispatchEvent(new Event('input', { bubbles: true }));
    }
  });
  await page.waitForFunction(() => document.querySelector('footer[role="status"]').textContent.includes(' 2 tables'), null, { timeout: 30000 });
  await page.waitForTimeout(1500);
  assert.match(await status.textContent(), / 2 tables /, 'the superseded 600-table run never lands');

  // The monolith again, left to finish: its findings run into the hundreds, listed 50 per
  // severity until "Show all".
  await page.locator('textarea[aria-label="Services"]').fill(yaml);
  await page.locator('textarea[aria-label="Schema"]').fill(sql);
  await page.waitForFunction(() => document.querySelector('footer[role="status"]').textContent.includes(' 600 tables'), null, { timeout: 30000 });
  const warnings = page.locator('.findings li.finding.warning');
  const heading = await page.locator('h3.group.warning').textContent();
  const total = Number(heading.match(/\((\d+)\)/)[1]);
  assert.ok(total > 50, `the monolith has more than 50 warnings: ${heading}`);
  assert.equal(await warnings.count(), 50);
  await page.locator('button.show-all', { hasText: `Show all ${total}` }).click();
  assert.equal(await warnings.count(), total);
  assert.deepEqual(errors, []);
  await context.close();
});
