// Pointing at and stepping through a picture costs what it changes, not what it draws (issue 18):
// hovering a node lights its edges by drawing copies of them above the edge layer, which dims as
// a whole (it once restyled every edge: 120–800 ms per hover on a 1 MB input's stage 4); and a
// picture of more than 2,000 nodes and edges steps to the next stage without the glide, which
// kept both pictures and a style per moving node in the page (a 1.2 s task at 6,000 tables),
// and its edges are no pointer targets (the browser's first hit test of such a picture took
// 360 ms).
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

/** 300 services, each calling the next eight: 300 nodes and 2,400 edges, no tables needed. */
function manyCalls(services = 300, calls = 8) {
  const name = (i) => `svc-${String(i % services).padStart(3, '0')}`;
  const lines = ['version: 1', 'services:'];
  for (let i = 0; i < services; i++) {
    lines.push(`  ${name(i)}:`);
    lines.push(`    calls: [${Array.from({ length: calls }, (_, k) => name(i + k + 1)).join(', ')}]`);
  }
  return lines.join('\n') + '\n';
}

test('a picture of thousands of edges steps to the next stage at once, and a hover there lights one node’s edges', async () => {
  const { page, errors, context } = await openPage(site.browser, site.url);
  await page.locator('textarea[aria-label="Services"]').evaluate((area, value) => {
    area.value = value;
    area.dispatchEvent(new Event('input', { bubbles: true }));
  }, manyCalls());
  await page.waitForFunction((g) => document.querySelectorAll(`${g} [data-edge]`).length >= 2400, GRAPH, { timeout: 30000 });
  // What the page holds at the moment the next stage is in place: no glide, no ghosts, no old
  // edges fading under the new ones.
  const shown = page.evaluate((g) => new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      const svg = document.querySelector(g);
      if (svg?.getAttribute('data-stage') !== '1') return;
      observer.disconnect();
      resolve({
        ghosts: document.querySelectorAll('.graph-canvas .ghosts').length,
        leaving: document.querySelectorAll('.graph-canvas .layer-edges-leaving').length,
        moving: document.querySelectorAll('.graph-canvas .gliding, .graph-canvas .entering').length,
        edges: svg.querySelectorAll('[data-edge]').length,
      });
    });
    observer.observe(document.querySelector('.graph-canvas'), { childList: true, subtree: true });
  }), GRAPH);
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press('ArrowRight');
  const step = await shown;
  assert.ok(step.edges >= 2400, `stage 1 draws ${step.edges} edges`);
  assert.deepEqual({ ghosts: step.ghosts, leaving: step.leaving, moving: step.moving }, { ghosts: 0, leaving: 0, moving: 0 });
  // Its edges are no pointer targets (the seed's are: their titles show on hover).
  const targets = () => page.evaluate((g) => getComputedStyle(document.querySelector(`${g} path[data-edge]`)).pointerEvents, GRAPH);
  assert.equal(await targets(), 'none');

  const id = 'service:svc-150';
  await page.getByRole('button', { name: 'Fit to screen' }).click();
  const at = await centreOf(page, id);
  await page.mouse.move(at.x, at.y);
  await page.waitForFunction(([g, id]) => document.querySelector(`${g} .layer-lit`)?.dataset.for === id, [GRAPH, id]);
  // Eight calls out, eight in.
  assert.equal((await lit(page)).copies.length, 16);
  assert.deepEqual((await lit(page)).copies, await edgesOf(page, id));
  assert.deepEqual(errors, []);
  await context.close();
});
