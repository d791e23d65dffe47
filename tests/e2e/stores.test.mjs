// End-to-end: a gallery example on several databases and stores of other kinds (Larder: two
// PostgreSQL databases, a MongoDB catalogue, a Redis cache). Each store is drawn as its own
// frame with its kind in its heading, and each table, collection or key pattern inside the frame
// of the database that holds it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, openPage, GRAPH, ARTIFACTS } from './browser.mjs';

const site = useSite();

/// The database frames and the table cards, each with its box in the graph's coordinates.
async function frames(page) {
  return page.evaluate((graph) => {
    const svg = document.querySelector(graph);
    const box = (g) => {
      const r = g.querySelector('rect').getBBox();
      return { x: r.x, y: r.y, w: r.width, h: r.height };
    };
    const of = (kind) => [...svg.querySelectorAll(`[data-kind="${kind}"]`)].map((g) => ({
      id: g.dataset.node,
      text: [...g.querySelectorAll('text')].map((t) => t.textContent).join(' '),
      box: box(g),
    }));
    return { databases: of('database'), tables: of('table') };
  }, GRAPH);
}

const inside = (inner, outer) => inner.x >= outer.x && inner.y >= outer.y
  && inner.x + inner.w <= outer.x + outer.w && inner.y + inner.h <= outer.y + outer.h;

test('Larder draws four stores, each with its kind and its own tables', async () => {
  const { page, errors, context } = await openPage(site.browser, site.url, { width: 1440, height: 900 });
  await page.locator('select').first().selectOption('larder');
  await page.waitForFunction((graph) => document.querySelectorAll(`${graph} [data-kind="database"]`).length === 4, GRAPH, { timeout: 15000 });
  const { databases, tables } = await frames(page);
  const heading = (id) => databases.find((d) => d.id === id)?.text ?? '';
  assert.match(heading('db:pg-orders/orders-db'), /orders-db · PostgreSQL\s+4 tables/);
  assert.match(heading('db:pg-stock/stock-db'), /stock-db · PostgreSQL\s+3 tables/);
  assert.match(heading('db:mongo-1/catalog'), /catalog · MongoDB\s+2 collections/);
  assert.match(heading('db:redis-1/cache'), /cache · Redis\s+3 key patterns/);
  const home = {
    'orders-db': 'db:pg-orders/orders-db',
    'stock-db': 'db:pg-stock/stock-db',
    catalog: 'db:mongo-1/catalog',
    cache: 'db:redis-1/cache',
  };
  assert.equal(tables.length, 12, tables.map((t) => t.id).join(', '));
  for (const table of tables) {
    const database = table.id.slice('table:'.length).split('.')[0];
    const frame = databases.find((d) => d.id === home[database]);
    assert.ok(frame && inside(table.box, frame.box), `${table.id} is drawn inside ${home[database]}`);
  }
  // Collections and key patterns say what they are where a table shows its column count.
  const card = (id) => tables.find((t) => t.id === id)?.text ?? '';
  assert.match(card('table:catalog."".products'), /collection/);
  assert.match(card('table:cache."".session:*'), /keys/);
  await page.screenshot({ path: ARTIFACTS + 'stores-larder.png' });
  assert.deepEqual(errors, []);
  await context.close();
});
