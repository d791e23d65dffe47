// Pointing at and stepping through a picture costs what it changes, not what it draws (issue 18):
// hovering a node lights its edges by drawing copies of them above the edge layer, which dims as
// a whole (it once restyled every edge: 120–800 ms per hover on a 1 MB input's stage 4); and a
// picture of more than 2,000 nodes and edges steps to the next stage without the glide, which
// kept both pictures and a style per moving node in the page (a 1.2 s task at 6,000 tables),
// and it is painted on canvas (parsing, styling and painting its SVG elements was a 600 ms task
// for a step to stage 4 of a 1 MB input), what a hover or a selection lights drawn above it.
// Driven with the mouse and the keyboard on the seed and on a generated 300-service system.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, useSite, GRAPH } from './browser.mjs';

const site = useSite();

/** Where a node is on screen: the centre of its first rectangle. */
async function centreOf(page, id) {
  const box = await page.locator(`${GRAPH} [data-node="${id}"] rect`).first().boundingBox();
  assert.ok(box, `${id} is drawn`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** The edges lit above the dimmed layer (their path data) and the edge layer's opacity. */
async function lit(page) {
  return page.evaluate((g) => ({
    copies: [...document.querySelectorAll(`${g} .layer-lit path`)].map((p) => `${p.dataset.kind} ${p.getAttribute('d')}`).sort(),
    widths: [...document.querySelectorAll(`${g} .layer-lit path`)].map((p) => getComputedStyle(p).strokeWidth),
    dimmed: Number(getComputedStyle(document.querySelector(`${g} .layer-edges`)).opacity),
  }), GRAPH);
}

/** The drawn edges that start or end at one of `ids`: kind and path data (a lit copy keeps
 *  both, not the key). */
async function edgesOf(page, ...ids) {
  return page.evaluate(([g, ids]) => [...document.querySelectorAll(`${g} [data-edge]`)]
    .filter((e) => { const [from, to] = e.dataset.edge.split('->'); return ids.includes(from) || ids.includes(to); })
    .map((e) => `${e.dataset.kind} ${e.getAttribute('d')}`)
    .sort(), [GRAPH, ids]);
}

test('hovering a node with the mouse lights exactly its edges and dims the rest; leaving clears it', async () => {
  const { page, errors, context } = await openPage(site.browser, site.url);
  assert.notEqual(await page.evaluate((g) => getComputedStyle(document.querySelector(`${g} path[data-edge]`)).pointerEvents, GRAPH), 'none', 'a small picture keeps its edge titles');
  const before = await lit(page);
  const edgeCount = () => page.locator(`${GRAPH} [data-edge]`).count();
  const drawn = await edgeCount();
  assert.deepEqual(before.copies, []);
  assert.equal(before.dimmed, 1);

  for (const id of ['service:app-a', 'table:public.users']) {
    const at = await centreOf(page, id);
    await page.mouse.move(at.x, at.y);
    await page.waitForFunction(([g, id]) => document.querySelector(`${g} .layer-lit`)?.dataset.for === id, [GRAPH, id]);
    const now = await lit(page);
    const own = await edgesOf(page, id);
    assert.ok(own.length >= 2, `${id} has edges (${own.length})`);
    assert.deepEqual(now.copies, own, `the edges lit for ${id} are its own`);
    assert.ok(now.widths.every((w) => w === '3.2px'), `lit edges are drawn bold: ${now.widths}`);
    assert.equal(now.dimmed, 0.18, 'the other edges dim');
    assert.ok(await page.locator(`${GRAPH} [data-node="${id}"].hl`).count() === 1, `${id} is marked`);
    // The copies are not part of the graph: the selection and Table view count each edge once.
    assert.equal(await edgeCount(), drawn);
  }
  // A database's frame, crossed between its tables, dims nothing: it has no edges to light.
  const db = await page.locator(`${GRAPH} [data-node="db:main"] rect`).first().boundingBox();
  await page.mouse.move(db.x + db.width - 6, db.y + db.height - 4);
  await page.waitForFunction((g) => !document.querySelector(`${g} .layer-lit`), GRAPH);
  assert.equal((await lit(page)).dimmed, 1, 'hovering the database frame dims no edge');
  // Out of the picture: nothing stays lit.
  const frame = await page.locator('.graph-frame').boundingBox();
  await page.mouse.move(frame.x + frame.width / 2, frame.y - 40);
  await page.waitForFunction((g) => !document.querySelector(`${g} .layer-lit`), GRAPH);
  const after = await lit(page);
  assert.equal(after.dimmed, 1);
  assert.equal(await page.locator(`${GRAPH} [data-node].hl`).count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('keyboard focus on a node lights its edges as hovering does, and focus leaving the graph clears them', async () => {
  const { page, errors, context } = await openPage(site.browser, site.url);
  await page.locator(`${GRAPH} [data-node="service:app-b"]`).focus();
  await page.waitForFunction((g) => document.querySelector(`${g} .layer-lit`)?.dataset.for === 'service:app-b', GRAPH);
  assert.deepEqual((await lit(page)).copies, await edgesOf(page, 'service:app-b'));
  await page.locator('.graph-search input').focus();
  await page.waitForFunction((g) => !document.querySelector(`${g} .layer-lit`), GRAPH);
  assert.equal((await lit(page)).dimmed, 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a click selects a node with its edges and dims the rest; a click on empty space clears it', async () => {
  const { page, errors, context } = await openPage(site.browser, site.url);
  const marked = () => page.evaluate((g) => ({
    nodes: [...document.querySelectorAll(`${g} [data-node].selected`)].map((e) => e.dataset.node).sort(),
    edges: [...document.querySelectorAll(`${g} [data-edge].selected`)].map((e) => `${e.dataset.kind} ${e.getAttribute('d')}`).sort(),
    focusing: document.querySelector('.graph-frame').classList.contains('focusing'),
  }), GRAPH);
  // Two services apart: selecting one side leaves the other's edges to dim.
  for (const [pane, text] of [
    ['Schema', 'CREATE TABLE a (id int PRIMARY KEY);\nCREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a (id));\nCREATE TABLE c (id int PRIMARY KEY);\nCREATE TABLE d (id int PRIMARY KEY);\n'],
    ['Services', 'version: 1\nservices:\n  one:\n    writes: [b]\n  two:\n    reads: [c]\n    writes: [d]\n'],
  ]) {
    await page.locator(`textarea[aria-label="${pane}"]`).evaluate((area, value) => {
      area.value = value;
      area.dispatchEvent(new Event('input', { bubbles: true }));
    }, text);
  }
  await page.waitForSelector(`${GRAPH} [data-node="table:d"]`);
  await page.waitForTimeout(300);
  const at = await centreOf(page, 'table:b');
  await page.mouse.click(at.x, at.y);
  await page.waitForFunction((g) => document.querySelector(`${g} [data-node="table:b"].selected`), GRAPH);
  const chosen = await marked();
  assert.ok(chosen.focusing);
  assert.deepEqual(chosen.nodes, ['service:one', 'table:a', 'table:b'], 'the node with its neighbours');
  // The edges marked are those of the node and of its neighbours, seen with what they touch.
  assert.deepEqual(chosen.edges, await edgesOf(page, ...chosen.nodes));
  const dim = await page.evaluate((g) => [...document.querySelectorAll(`${g} [data-edge]:not(.selected)`)].map((e) => Number(getComputedStyle(e).opacity)), GRAPH);
  assert.ok(dim.length > 0 && dim.every((o) => o === 0.22), `the other edges dim: ${dim}`);
  // Hovering another node while one is selected shows that node's edges in full.
  const two = await centreOf(page, 'service:two');
  await page.mouse.move(two.x, two.y);
  await page.waitForFunction((g) => document.querySelector(`${g} .layer-lit`)?.dataset.for === 'service:two', GRAPH);
  const shown = await page.evaluate((g) => [...document.querySelectorAll(`${g} .layer-lit path`)].map((p) => Number(getComputedStyle(p).opacity)), GRAPH);
  assert.ok(shown.length === 2 && shown.every((o) => o === 1), `the hovered node's edges show in full: ${shown}`);
  assert.equal(await page.evaluate((g) => Number(getComputedStyle(document.querySelector(`${g} [data-node="service:two"]`)).opacity), GRAPH), 1);
  // Empty space: the frame's corner.
  const frame = await page.locator('.graph-frame').boundingBox();
  await page.mouse.click(frame.x + 8, frame.y + frame.height - 8);
  await page.waitForFunction(() => !document.querySelector('.graph-frame').classList.contains('focusing'));
  assert.deepEqual(await marked(), { nodes: [], edges: [], focusing: false });
  assert.deepEqual(errors, []);
  await context.close();
});

/** 300 services, each calling the next eight and writing two tables of its own: 300 services,
 *  300 folded clusters of 600 tables (past `FOLD_THRESHOLD`) and 2,400 calls. */
function manyCalls(services = 300, calls = 8) {
  const name = (i) => `svc-${String(i % services).padStart(3, '0')}`;
  const table = (i) => `t${String(i).padStart(4, '0')}`;
  const schema = Array.from({ length: services * 2 }, (_, i) => `CREATE TABLE ${table(i)} (id bigint PRIMARY KEY);`).join('\n') + '\n';
  const lines = ['version: 1', 'services:'];
  for (let i = 0; i < services; i++) {
    lines.push(`  ${name(i)}:`);
    lines.push(`    writes: [${table(2 * i)}, ${table(2 * i + 1)}]`);
    lines.push(`    calls: [${Array.from({ length: calls }, (_, k) => name(i + k + 1)).join(', ')}]`);
  }
  return { schema, services: lines.join('\n') + '\n' };
}

const CANVASES = '.picture-canvases';

/** The stage the canvas form has painted, or null while it is hidden. */
const paintedStage = (page) => page.evaluate((c) => {
  const host = document.querySelector(c);
  return host && !host.hidden ? host.dataset.painted : null;
}, CANVASES);

/** How many pixels of the edges' canvas hold ink. */
const inked = (page) => page.evaluate((c) => {
  const canvas = document.querySelector(`${c} .edges`);
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let n = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i]) n++;
  return n;
}, CANVASES);

/** What is lit above the canvases: the copied edges' keys and kinds, the nodes and their marks. */
const overlay = (page) => page.evaluate(() => ({
  edges: [...document.querySelectorAll('.picture-overlay [data-lit]')].map((e) => ({ key: e.dataset.lit, kind: e.dataset.kind, hl: e.classList.contains('hl'), selected: e.classList.contains('selected') })),
  nodes: [...document.querySelectorAll('.picture-overlay [data-node]')].map((e) => ({ id: e.dataset.node, hl: e.classList.contains('hl'), selected: e.classList.contains('selected') })),
  hovering: document.querySelector('.graph-frame').classList.contains('hovering'),
  focusing: document.querySelector('.graph-frame').classList.contains('focusing'),
  tip: document.querySelector('.graph-frame').getAttribute('title'),
}));

/** Pastes `manyCalls()`'s system into the panes and waits for its stage 0 painted on canvas. */
async function pasteManyCalls(page) {
  await page.evaluate(({ schema, services }) => {
    for (const [label, text] of [['Schema', schema], ['Services', services], ['Models', '']]) {
      const area = document.querySelector(`textarea[aria-label="${label}"]`);
      area.value = text;
      area.dispatchEvent(new Event('input', { bubbles: true }));
    }
  }, manyCalls());
  await page.waitForFunction((c) => document.querySelector(c)?.dataset.painted === '0' && !document.querySelector(c).hidden, CANVASES, { timeout: 30000 });
}

test('a picture of thousands of edges is painted on canvas: the mouse lights, selects and unfolds there, and stepping swaps it at once', async () => {
  const { page, errors, context } = await openPage(site.browser, site.url);
  await pasteManyCalls(page);
  // No element per node or edge: the picture is paint, with an accessible name.
  assert.equal(await page.locator('.graph-canvas [data-edge], .graph-canvas [data-node]').count(), 0);
  assert.equal(await page.locator('[role="img"][aria-label="Coupling graph"]:not([hidden])').count(), 1);
  assert.ok(await inked(page) > 1000, 'the edges are painted');
  const frame = await page.locator('.graph-frame').boundingBox();
  const middle = { x: frame.x + frame.width / 2, y: frame.y + frame.height / 2 };

  // The search finds a service, selects it and centres it: it is lit above the dimmed picture
  // with its neighbours and every edge touching them.
  const search = page.locator('input[type="search"][aria-label="Find a table or service"]');
  await search.fill('svc-150');
  await page.locator('.search-results button[data-id="service:svc-150"]').click();
  await page.waitForFunction(() => document.querySelector('.picture-overlay [data-node="service:svc-150"].selected'));
  let lit = await overlay(page);
  assert.equal(lit.focusing, true);
  assert.equal(lit.nodes.filter((n) => n.id.startsWith('service:')).length, 17, 'svc-150, the eight it calls and the eight calling it');
  assert.ok(lit.edges.every((e) => e.selected));
  // Closing its details clears the selection.
  await page.locator('.inspector button[aria-label="Close details"]').click();
  await page.waitForFunction(() => !document.querySelector('.graph-frame').classList.contains('focusing'));
  assert.equal((await overlay(page)).nodes.length, 0);

  // The mouse over it (the middle of the frame) lights exactly its edges, names it in a
  // tooltip and points; leaving the frame clears all of it.
  await page.mouse.move(middle.x - 40, middle.y - 200);
  await page.mouse.move(middle.x, middle.y, { steps: 4 });
  await page.waitForFunction(() => document.querySelector('.picture-overlay [data-node="service:svc-150"].hl'));
  lit = await overlay(page);
  assert.equal(lit.hovering, true);
  assert.match(lit.tip, /svc-150/);
  assert.ok(lit.edges.length >= 16 && lit.edges.every((e) => e.hl && e.key.split('->').includes('service:svc-150')), JSON.stringify(lit.edges.slice(0, 3)));
  assert.equal(lit.edges.filter((e) => e.kind === 'calls').length, 16, 'eight calls out, eight in');
  assert.equal(await page.locator('.graph-frame[data-pointing]').count(), 1);
  await page.mouse.move(frame.x + frame.width + 40, middle.y);
  await page.waitForFunction(() => !document.querySelector('.graph-frame').classList.contains('hovering'));
  assert.deepEqual((await overlay(page)).edges, []);
  assert.equal(await page.locator('.graph-frame[title]').count(), 0);

  // A click selects it.
  await page.mouse.click(middle.x, middle.y);
  await page.locator('.inspector h3', { hasText: 'svc-150' }).waitFor({ timeout: 10000 });
  await page.waitForFunction(() => document.querySelector('.graph-frame').classList.contains('focusing'));
  await page.locator('.inspector button[aria-label="Close details"]').click();

  // A cluster card found by pointing (its tooltip says a click unfolds it) unfolds on a click.
  await page.getByRole('button', { name: 'Fit to screen' }).click();
  await page.waitForTimeout(300);
  let card = null;
  for (let y = frame.y + 60; y < frame.y + frame.height - 40 && !card; y += 12) {
    for (let x = frame.x + 20; x < frame.x + frame.width - 20 && !card; x += 24) {
      await page.mouse.move(x, y);
      const tip = await page.locator('.graph-frame').getAttribute('title');
      if (tip?.includes('click to unfold')) card = { x, y, tip };
    }
  }
  assert.ok(card, 'a cluster card is in view');
  // The frame says it is busy while the unfolded picture is drawn and prepared, and no longer
  // once it is shown.
  await page.evaluate(() => {
    const frame = document.querySelector('.graph-frame');
    window.__busy = [];
    new MutationObserver(() => window.__busy.push(frame.getAttribute('aria-busy'))).observe(frame, { attributeFilter: ['aria-busy'] });
  });
  await page.mouse.click(card.x, card.y);
  // The pointer did not move, but what is under it changed: the tooltip says so.
  await page.waitForFunction(() => !document.querySelector('.graph-frame').getAttribute('title')?.includes('click to unfold'));
  await page.waitForFunction(() => !document.querySelector('.graph-frame').hasAttribute('aria-busy'));
  assert.deepEqual(await page.evaluate(() => window.__busy), ['true', null]);
  await page.getByRole('button', { name: 'Table view' }).click();
  await page.waitForFunction(() => document.querySelectorAll('.table-view tr[data-node^="table:"]').length === 2);
  await page.getByRole('button', { name: 'Table view' }).click();

  // The next stage replaces the painting at once: no glide, no ghosts, no SVG picture.
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.querySelector('.picture-canvases')?.dataset.stage === '1');
  assert.equal(await page.locator('.graph-canvas .ghosts, .graph-canvas .gliding, .graph-canvas [data-edge]').count(), 0);
  await page.waitForFunction((c) => document.querySelector(c).dataset.painted === '1', CANVASES);
  assert.equal(await paintedStage(page), '1');
  assert.ok(await inked(page) > 1000, 'stage 1 is painted');
  assert.deepEqual(errors, []);
  await context.close();
});

test('on canvas, a selection stays lit through a step, and a drag moves the painting as an image, painted anew once the pointer rests', async () => {
  const { page, errors, context } = await openPage(site.browser, site.url);
  await pasteManyCalls(page);

  // Selected on stage 0, stepped twice at once: the stage that ends up painted is the last
  // asked for, with the selection lit on it.
  const search = page.locator('input[type="search"][aria-label="Find a table or service"]');
  await search.fill('svc-150');
  await page.locator('.search-results button[data-id="service:svc-150"]').click();
  await page.waitForFunction(() => document.querySelector('.picture-overlay [data-node="service:svc-150"].selected'));
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction((c) => document.querySelector(c).dataset.painted === '2', CANVASES, { timeout: 30000 });
  assert.equal(await page.locator(CANVASES).getAttribute('data-stage'), '2');
  await page.waitForFunction(() => document.querySelector('.picture-overlay [data-node="service:svc-150"].selected'));
  assert.equal((await overlay(page)).focusing, true);
  await page.locator('.inspector button[aria-label="Close details"]').click();

  // While the button is down the canvases follow the pointer as an image; released, the
  // picture is painted anew where the view rests, and the image's offset goes.
  const frame = await page.locator('.graph-frame').boundingBox();
  const start = { x: frame.x + frame.width / 2, y: frame.y + frame.height / 2 };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + 60, start.y + 40, { steps: 3 });
  await page.mouse.move(start.x + 120, start.y + 80, { steps: 3 });
  const moving = await page.locator(CANVASES).getAttribute('style');
  assert.match(moving ?? '', /translate\(120(\.0)?px, 80(\.0)?px\) scale\(1(\.0+)?\)/);
  await page.mouse.up();
  await page.waitForFunction((c) => !document.querySelector(c).hasAttribute('style'), CANVASES, { timeout: 5000 });
  assert.ok(await inked(page) > 1000, 'painted anew');
  assert.deepEqual(errors, []);
  await context.close();
});
