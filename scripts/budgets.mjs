#!/usr/bin/env node
// Measures Seams' performance budgets on the built page (dist/, from `trunk build --release`):
//   (a) bundle size: what the first load fetches (wasm + JS + CSS), raw and gzip -9 (node's
//       zlib), and the import worker loaded when a folder is opened (`import-worker*`);
//   (b) time from navigation to the example graph on screen;
//   (c) time from pasting the freight example's pg_dump (78 tables) into the Schema pane to its
//       graph, with and without the pipeline's 250 ms debounce;
//   (d) frame times while panning a generated 300-node graph (about 2 s of dragging);
//   (e) frame times during a stage transition (ArrowRight) on the same graph (1.5 s);
//   (f) pasting a large input (600 tables, 30 services; `--large 8000,400` for another size)
//       into the panes as a person does (paste events over the selected text, a pane per
//       task): the longest
//       main-thread task and the total time blocked (long tasks), and the time
//       until the status line counts the tables; then, once the stages are drawn ahead,
//       stepping to stage 4 and to stage 2: the time until each picture is in the page and
//       the longest task; on stage 4, 40 mouse moves across the picture (each hover lights
//       a node's edges), then a drag across it: their time and the longest task; and, on
//       stage 2, a table found by the search (its cluster unfolds, the picture is drawn anew
//       and the table lit): the time until it is lit and the longest task;
//   (g) "Open folder" on a generated repository of 2,000 files (40 services of 50 files: a
//       Kubernetes manifest, application.yml, .env, pom.xml, a Flyway migration, JPA entities,
//       repositories, controllers, tests and docs; `--folder 400,5` for 400 services of the first
//       five files only): the time from the page getting the files (the input's change event)
//       to their graph, and the longest main-thread task meanwhile.
//   (h) picking each gallery example in a fresh tab (not by default: `--only gallery`): the time
//       the status line gives for its analysis ("analysed in N ms") and the longest main-thread
//       task from the pick until the picture settles.
// Times are read inside the page with performance.now(); frame times are the deltas between
// requestAnimationFrame callbacks. Prints a table and writes tests/e2e/artifacts/budgets.json.
//
// Usage: node scripts/budgets.mjs [--runs 5] [--only sizes,first,paste,pan,morph,large,folder,gallery]
//                                 [--large TABLES,SERVICES] [--folder SERVICES,FILES_EACH]
// Needs dist/ built and Debian's Chromium (scripts/setup). See docs/budgets.md.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { launch, startServer, ARTIFACTS } from '../tests/e2e/browser.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const DIST = join(ROOT, 'dist');
const FREIGHT = join(ROOT, 'examples/freight/schema.sql');
const GRAPH = 'svg[aria-label="Coupling graph"]';
// A picture over 2,000 nodes and edges is painted on canvas (src/picture_canvas.rs): its
// holder says which stage it shows (`data-stage`) and which it has painted (`data-painted`).
const CANVASES = '.picture-canvases';

/** The stage on screen: the SVG's, or the canvases' once painted (in the page). */
function shownStage() {
  const canvases = document.querySelector('.picture-canvases');
  if (canvases && !canvases.hidden) return canvases.dataset.painted ?? null;
  return document.querySelector('svg[aria-label="Coupling graph"]')?.getAttribute('data-stage') ?? null;
}
const DEBOUNCE_MS = 250; // src/store.rs DEBOUNCE
const FRAME_BUDGET_MS = 1000 / 60;

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const RUNS = Math.max(1, Number(option('--runs', 5)));
const ONLY = new Set(option('--only', 'sizes,first,paste,pan,morph,large,folder').split(','));
const [LARGE_TABLES, LARGE_SERVICES] = option('--large', '600,30').split(',').map(Number);
const [FOLDER_SERVICES, FOLDER_FILES_EACH] = option('--folder', '40,50').split(',').map(Number);

const median = (xs) => quantile(xs, 0.5);
/** Nearest-rank quantile of a list of numbers (`null` for an empty list). */
function quantile(xs, q) {
  if (!xs.length) return null;
  const sorted = [...xs].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}
const round = (x, digits = 1) => (x === null ? null : Number(x.toFixed(digits)));

// ---------------------------------------------------------------- (a) bundle sizes

function bundleSizes() {
  const built = readdirSync(DIST).filter((f) => /\.(wasm|js|css)$/.test(f));
  const files = built.filter((f) => !f.startsWith('import-worker'));
  const rows = {};
  const worker = built.filter((f) => f.startsWith('import-worker')).map((f) => readFileSync(join(DIST, f)));
  rows.worker = {
    raw: worker.reduce((n, b) => n + b.length, 0),
    gzip: worker.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0),
  };
  for (const kind of ['wasm', 'js', 'css']) {
    const own = files.filter((f) => f.endsWith(`.${kind}`));
    const bytes = own.map((f) => readFileSync(join(DIST, f)));
    rows[kind] = {
      files: own,
      raw: bytes.reduce((n, b) => n + b.length, 0),
      gzip: bytes.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0),
    };
  }
  rows.total = {
    raw: rows.wasm.raw + rows.js.raw + rows.css.raw,
    gzip: rows.wasm.gzip + rows.js.gzip + rows.css.gzip,
  };
  return rows;
}

// ---------------------------------------------------------------- page helpers

/** Counts the graph's nodes of one `data-kind` (table, view, service…). */
async function countKind(page, kind) {
  return page.evaluate(
    ([graph, kind]) => document.querySelectorAll(`${graph} [data-kind="${kind}"]`).length,
    [GRAPH, kind],
  );
}

/** A fresh context (empty cache and storage) with the page loaded and its first graph shown. */
async function freshPage(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  // Marks, in page time, when the first graph node enters the DOM and the frame after it.
  await page.addInitScript((graph) => {
    window.__budget = {};
    const seen = () => {
      if (window.__budget.dom || !document.querySelector(`${graph} [data-node]`)) return;
      window.__budget.dom = performance.now();
      observer.disconnect();
      requestAnimationFrame(() => { window.__budget.frame = performance.now(); });
    };
    const observer = new MutationObserver(seen);
    observer.observe(document, { childList: true, subtree: true });
  }, GRAPH);
  await page.goto(url);
  await page.waitForSelector(`${GRAPH} [data-node]`, { state: 'visible' });
  await page.waitForFunction(() => window.__budget.frame !== undefined);
  return { context, page, errors };
}

/**
 * Sets the text of the named panes the way typing does (value + input event), starting the
 * clock just before, and resolves when `done()` holds for the graph, one frame later.
 */
async function pasteAndWait(page, panes, expected) {
  return page.evaluate(
    ([panes, expected, graph]) =>
      new Promise((resolve) => {
        const met = () =>
          Object.entries(expected).every(
            ([kind, n]) => document.querySelectorAll(`${graph} [data-kind="${kind}"]`).length === n,
          );
        let finished = false;
        const check = () => {
          if (finished || !met()) return;
          finished = true;
          observer.disconnect();
          const dom = performance.now();
          requestAnimationFrame(() => resolve({ start, dom, frame: performance.now() }));
        };
        const observer = new MutationObserver(check);
        observer.observe(document.body, { childList: true, subtree: true });
        const start = performance.now();
        for (const [label, text] of Object.entries(panes)) {
          const area = document.querySelector(`textarea[aria-label="${label}"]`);
          area.value = text;
          area.dispatchEvent(new Event('input', { bubbles: true }));
        }
        setTimeout(() => { if (!finished) { observer.disconnect(); resolve(null); } }, 60_000);
      }),
    [panes, expected, GRAPH],
  );
}

/** Starts recording requestAnimationFrame timestamps in the page. */
async function startFrames(page) {
  await page.evaluate(() => {
    // The first stamp is now, not the first frame: a frame that is late to come counts too.
    const rec = { stamps: [performance.now()], running: true, longTasks: [] };
    window.__frames = rec;
    const tick = (t) => { rec.stamps.push(t); if (rec.running) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
    try {
      rec.observer = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) rec.longTasks.push(Math.round(e.duration));
      });
      rec.observer.observe({ type: 'longtask' });
    } catch { /* no long-task timing in this browser */ }
  });
}

/** Stops the recording; returns frame deltas (ms) and long tasks (ms). */
async function stopFrames(page) {
  const { stamps, longTasks } = await page.evaluate(() => {
    const rec = window.__frames;
    rec.running = false;
    rec.observer?.disconnect();
    return { stamps: rec.stamps, longTasks: rec.longTasks };
  });
  const deltas = stamps.slice(1).map((t, i) => t - stamps[i]);
  return { deltas, longTasks };
}

function frameStats({ deltas, longTasks }) {
  return {
    frames: deltas.length,
    p50: round(quantile(deltas, 0.5)),
    p95: round(quantile(deltas, 0.95)),
    max: round(deltas.length ? Math.max(...deltas) : null),
    over_budget: deltas.filter((d) => d > FRAME_BUDGET_MS * 1.5).length,
    long_tasks_ms: longTasks,
  };
}

/** Chromium's own counters (script, style, layout time) to attribute a slow phase. */
async function metrics(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const pick = ['ScriptDuration', 'RecalcStyleDuration', 'LayoutDuration', 'TaskDuration', 'Nodes'];
  return Object.fromEntries(metrics.filter((m) => pick.includes(m.name)).map((m) => [m.name, m.value]));
}
function metricsDelta(a, b) {
  const out = {};
  for (const k of Object.keys(b)) out[k] = k === 'Nodes' ? b[k] : round((b[k] - a[k]) * 1000);
  return out;
}

// ---------------------------------------------------------------- the 300-node input

/** A deterministic pseudo-random generator (mulberry32), so every run draws the same graph. */
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 270 tables (with foreign keys) and 30 services reading and writing them: 300 nodes. */
export function largeInput(tables = 270, services = 30) {
  const next = random(42);
  const pick = (n) => Math.floor(next() * n);
  const name = (i) => `t${String(i).padStart(3, '0')}`;
  const sql = [];
  for (let i = 0; i < tables; i++) {
    const lines = [`  id bigint PRIMARY KEY`, `  label text NOT NULL`, `  created_at timestamptz DEFAULT now()`];
    const refs = i === 0 ? [] : [pick(i)];
    if (i > 0 && next() < 0.3) refs.push(pick(i));
    refs.forEach((r, k) => lines.push(`  ${name(r)}_${k === 0 ? 'id' : 'ref'} bigint REFERENCES ${name(r)} (id)`));
    sql.push(`CREATE TABLE ${name(i)} (\n${lines.join(',\n')}\n);`);
  }
  const yaml = ['version: 1', 'services:'];
  const block = Math.ceil(tables / services);
  for (let s = 0; s < services; s++) {
    const own = Array.from({ length: block }, (_, k) => s * block + k).filter((i) => i < tables);
    const reads = new Set(own.slice(0, 5));
    while (reads.size < 10) reads.add(pick(tables));
    const writes = new Set(own.slice(0, 3));
    if (next() < 0.3) writes.add(pick(tables));
    yaml.push(`  svc-${String(s).padStart(2, '0')}:`);
    yaml.push(`    reads: [${[...reads].sort((a, b) => a - b).map(name).join(', ')}]`);
    yaml.push(`    writes: [${[...writes].sort((a, b) => a - b).map(name).join(', ')}]`);
    yaml.push(`    calls: [svc-${String((s + 1 + pick(services - 1)) % services).padStart(2, '0')}]`);
  }
  return { schema: sql.join('\n\n') + '\n', services: yaml.join('\n') + '\n', tables, servicesCount: services };
}

// ---------------------------------------------------------------- the measurements

async function measureFirstGraph(browser, url) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const { context, page, errors } = await freshPage(browser, url);
    const marks = await page.evaluate(() => {
      const wasm = performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'));
      return { ...window.__budget, wasm_loaded: wasm ? wasm.responseEnd : null };
    });
    runs.push({ ...marks, errors });
    await context.close();
  }
  return {
    runs,
    dom_ms: round(median(runs.map((r) => r.dom))),
    on_screen_ms: round(median(runs.map((r) => r.frame))),
    wasm_loaded_ms: round(median(runs.map((r) => r.wasm_loaded))),
  };
}

async function measurePaste(browser, url) {
  const sql = readFileSync(FREIGHT, 'utf8');
  // Calibration: how many tables the freight graph shows (it is not run against a fixed number
  // so that a change in what the page draws shows up as a different count, not a time-out).
  const { context, page } = await freshPage(browser, url);
  await pasteAndWait(page, { Schema: sql }, {});
  let expected = -1;
  for (let stable = 0; stable < 4;) {
    await page.waitForTimeout(500);
    const n = await countKind(page, 'table');
    stable = n === expected ? stable + 1 : 0;
    expected = n;
  }
  await context.close();
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const { context, page, errors } = await freshPage(browser, url);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const before = await metrics(cdp);
    const t = await pasteAndWait(page, { Schema: sql }, { table: expected });
    const after = await metrics(cdp);
    if (!t) throw new Error(`paste run ${i}: the graph never showed ${expected} tables`);
    runs.push({ total: t.frame - t.start, dom: t.dom - t.start, chromium: metricsDelta(before, after), errors });
    await context.close();
  }
  const totals = runs.map((r) => r.total);
  return {
    expected_tables: expected,
    bytes: Buffer.byteLength(sql),
    runs,
    with_debounce_ms: round(median(totals)),
    without_debounce_ms: round(median(totals) - DEBOUNCE_MS),
  };
}

/** Loads the 300-node input (and an empty Models pane) into a fresh page, fitted to the frame. */
async function largePage(browser, url) {
  const input = largeInput();
  const { context, page, errors } = await freshPage(browser, url);
  // Over FOLD_THRESHOLD tables the database folds into clusters: wait for the services, then
  // unfold every cluster so all 300 nodes are drawn.
  const t = await pasteAndWait(
    page,
    { Schema: input.schema, Services: input.services, Models: '' },
    { service: input.servicesCount },
  );
  if (!t) throw new Error('the 300-node graph never appeared');
  await page.waitForTimeout(500);
  // Each service owns a block of tables, one cluster: finding its first table unfolds it (the
  // search works on either form of the picture; a canvas has no card to click).
  const search = page.locator('input[type="search"][aria-label="Find a table or service"]');
  const block = Math.ceil(input.tables / input.servicesCount);
  for (let s = 0; s < input.servicesCount; s++) {
    const table = `t${String(s * block).padStart(3, '0')}`;
    await search.fill(table);
    await search.press('Enter');
    await page.waitForFunction((g) => !document.querySelector(`${g} .ghosts`), GRAPH);
  }
  await page.waitForFunction(([g, c, n]) => document.querySelectorAll(`${g} [data-kind="table"]`).length === n
    || (!document.querySelector(c).hidden && document.querySelectorAll('.picture-overlay').length === 1),
  [GRAPH, CANVASES, input.tables], { timeout: 30000 });
  await page.locator('.inspector button[aria-label="Close details"]').click().catch(() => {});
  await page.getByRole('button', { name: 'Fit to screen' }).click();
  await page.waitForTimeout(500);
  const canvas = await page.evaluate((c) => !document.querySelector(c).hidden, CANVASES);
  const nodes = canvas ? 'canvas' : await page.evaluate((g) => document.querySelectorAll(`${g} [data-node]`).length, GRAPH);
  const elements = await page.evaluate((g) => document.querySelectorAll(`${g} *`).length, canvas ? '.graph-canvas' : GRAPH);
  return { context, page, errors, nodes, elements, load_ms: t.frame - t.start };
}

async function measurePan(browser, url) {
  const runs = [];
  let shape;
  for (let i = 0; i < RUNS; i++) {
    const { context, page, errors, nodes, elements, load_ms } = await largePage(browser, url);
    shape = { nodes, svg_elements: elements, load_ms: round(load_ms) };
    const box = await page.locator('.graph-frame').boundingBox();
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    // The pointer arrives over a node first, and the hover highlight it sets re-rasters the
    // canvas (hundreds of ms here). Let that finish: the drag should start from a settled page,
    // as a user's does. (Before, the clock started during that raster and its first frame came
    // ~600 ms late, unseen: deltas were only taken between frames.)
    await page.mouse.move(cx, cy);
    await page.waitForTimeout(1000);
    await startFrames(page);
    const before = await metrics(cdp);
    await page.mouse.down();
    const start = Date.now();
    let step = 0;
    while (Date.now() - start < 2000) {
      step += 1;
      const a = step / 12;
      await page.mouse.move(cx + 180 * Math.sin(a), cy + 120 * Math.sin(a * 0.7));
    }
    await page.mouse.up();
    const frames = frameStats(await stopFrames(page));
    const after = await metrics(cdp);
    runs.push({ ...frames, moves: step, chromium: metricsDelta(before, after), errors });
    await context.close();
  }
  return summariseFrames(runs, shape);
}

async function measureLargePaste(browser, url) {
  const input = largeInput(LARGE_TABLES, LARGE_SERVICES);
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const { context, page, errors } = await freshPage(browser, url);
    // The texts reach the page first, in a task of their own (the harness's, not the page's:
    // a person's clipboard holds them already).
    await page.evaluate(([schema, services]) => { window.__clipboard = { Schema: schema, Services: services, Models: '' }; }, [input.schema, input.services]);
    await startFrames(page);
    const timing = await page.evaluate(
      (tables) =>
        new Promise((resolve) => {
          const status = document.querySelector('footer[role="status"]');
          const start = performance.now();
          const done = () => status.textContent.includes(` ${tables} tables`);
          const observer = new MutationObserver(() => {
            if (!done()) return;
            observer.disconnect();
            const shown = performance.now();
            requestAnimationFrame(() => resolve({ shown: shown - start, frame: performance.now() - start }));
          });
          observer.observe(status, { childList: true, subtree: true, characterData: true });
          // As a person pastes, one pane after the other, each in a task of its own: select
          // the pane's text and paste over it (a paste event with the text on its clipboard
          // data; the page splices a large paste into the pane's text itself). Where the page
          // leaves a paste to the browser (a short text), the text goes in as the browser
          // would put it, with an input event.
          const panes = Object.entries(window.__clipboard);
          const pasteNext = () => {
            const [label, text] = panes.shift() ?? [];
            if (label === undefined) return;
            const area = document.querySelector(`textarea[aria-label="${label}"]`);
            area.focus();
            area.select();
            const clipboardData = new DataTransfer();
            clipboardData.setData('text/plain', text);
            const paste = new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true });
            if (area.dispatchEvent(paste)) {
              area.value = text;
              area.dispatchEvent(new Event('input', { bubbles: true }));
            }
            setTimeout(pasteNext, 0);
          };
          pasteNext();
          setTimeout(() => { observer.disconnect(); resolve(null); }, 60_000);
        }),
      input.tables,
    );
    await page.waitForTimeout(500);
    if (i === 0) console.error(`(f) input: ${input.tables} tables, ${input.servicesCount} services, schema ${input.schema.length} and services ${input.services.length} characters`);
    const frames = await stopFrames(page);
    const longest = frames.longTasks.length ? Math.max(...frames.longTasks) : 0;
    const blocked = frames.longTasks.reduce((n, d) => n + d, 0);
    // Then step to stage 4 and to stage 2 (once the other stages are drawn ahead): the time
    // until each picture is on screen and the longest task meanwhile.
    await waitQuiet(page);
    const steps = {};
    steps[4] = await stepTo(page, 4);
    const hover = await hoverAcross(page);
    const drag = await dragAcross(page);
    steps[2] = await stepTo(page, 2);
    const unfold = await findAndUnfold(page, 't000');
    runs.push({ ...timing, longest_task_ms: longest, long_tasks_ms: frames.longTasks, blocked_ms: blocked, steps, hover, drag, unfold, errors });
    await context.close();
  }
  const ok = runs.filter((r) => r.frame !== undefined);
  const stepped = (stage, key) => round(median(runs.map((r) => r.steps[stage][key])));
  return {
    tables: input.tables,
    runs,
    graph_ms: round(median(ok.map((r) => r.frame))),
    longest_task_ms: round(median(runs.map((r) => r.longest_task_ms))),
    blocked_ms: round(median(runs.map((r) => r.blocked_ms))),
    stage4_ms: stepped(4, 'shown'),
    stage4_longest_task_ms: stepped(4, 'longest'),
    stage2_ms: stepped(2, 'shown'),
    stage2_longest_task_ms: stepped(2, 'longest'),
    hover_ms: round(median(runs.map((r) => r.hover.ms))),
    hover_longest_task_ms: round(median(runs.map((r) => r.hover.longest))),
    drag_ms: round(median(runs.map((r) => r.drag.ms))),
    drag_longest_task_ms: round(median(runs.map((r) => r.drag.longest))),
    unfold_ms: round(median(runs.map((r) => r.unfold.shown))),
    unfold_longest_task_ms: round(median(runs.map((r) => r.unfold.longest))),
  };
}

/** Watches the page's long tasks until the returned function is called: it stops and gives
 *  the longest (0 if none). */
async function watchLongTasks(page) {
  await page.evaluate(() => {
    window.__watchedTasks = [];
    window.__watcher = new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__watchedTasks.push(e.duration); });
    window.__watcher.observe({ type: 'longtask' });
  });
  return () => page.evaluate(() => { window.__watcher.disconnect(); return Math.max(0, ...window.__watchedTasks); });
}

/** Drags the picture around from the middle of the frame for 30 moves (about a second), then
 *  lets it rest for a second: the time the moves take and the longest task meanwhile. */
async function dragAcross(page) {
  const box = await page.locator('.graph-frame').boundingBox();
  const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
  await page.mouse.move(cx, cy);
  await page.waitForTimeout(300);
  const longest = await watchLongTasks(page);
  const start = Date.now();
  await page.mouse.down();
  for (let i = 1; i <= 30; i++) await page.mouse.move(cx + 150 * Math.sin(i / 5), cy + 90 * Math.sin(i / 7));
  await page.mouse.up();
  const ms = Date.now() - start;
  await page.mouse.move(box.x + box.width / 2, box.y - 40);
  await page.waitForTimeout(1000);
  return { ms, longest: await longest() };
}

/** Finds `table` with the search box and picks it (Enter): its cluster unfolds and the stage
 *  is drawn anew. The ms until the table is lit as selected (in the SVG or above the canvases)
 *  and the longest task in the three seconds after the pick. */
async function findAndUnfold(page, table) {
  const search = page.locator('input[type="search"][aria-label="Find a table or service"]');
  await search.fill(table);
  const found = await page.locator('.search-results button').first().waitFor({ timeout: 60_000 }).then(() => true, () => false);
  if (!found) return { shown: null, longest: null };
  const longest = await watchLongTasks(page);
  const start = await page.evaluate(() => performance.now());
  await search.press('Enter');
  const lit = `[data-node$=".${table}"].selected, [data-node$="/${table}"].selected`;
  const shown = await page.evaluate(([lit, start]) => new Promise((resolve) => {
    const check = () => (document.querySelector(lit) ? resolve(performance.now() - start) : setTimeout(check, 10));
    check();
  }), [lit, start]);
  await page.waitForTimeout(3000);
  await page.locator('.inspector button[aria-label="Close details"]').click().catch(() => {});
  return { shown, longest: await longest() };
}

/** Moves the mouse across the middle of the picture in 40 steps (stage 4, fitted to the
 *  screen, so the pointer passes over nodes and edges): the time the moves take and the
 *  longest task meanwhile, each hover lighting a node's edges. */
async function hoverAcross(page) {
  const box = await page.locator('.graph-frame').boundingBox();
  await page.evaluate(() => {
    window.__hoverTasks = [];
    window.__hoverObserver = new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__hoverTasks.push(e.duration); });
    window.__hoverObserver.observe({ type: 'longtask' });
  });
  const start = Date.now();
  for (let i = 0; i < 40; i++) await page.mouse.move(box.x + box.width * (0.2 + 0.6 * i / 40), box.y + box.height / 2);
  const ms = Date.now() - start;
  await page.mouse.move(box.x + box.width / 2, box.y - 40);
  await page.waitForTimeout(500);
  const longest = await page.evaluate(() => { window.__hoverObserver.disconnect(); return Math.max(0, ...window.__hoverTasks); });
  return { ms, longest };
}

/** Waits until the page has had no long task for two seconds (at most a minute). */
async function waitQuiet(page) {
  await page.evaluate(() => new Promise((resolve) => {
    let last = performance.now();
    const observer = new PerformanceObserver(() => { last = performance.now(); });
    observer.observe({ type: 'longtask' });
    const start = performance.now();
    const check = () => {
      const now = performance.now();
      if (now - last > 2000 || now - start > 60_000) { observer.disconnect(); resolve(); } else setTimeout(check, 100);
    };
    check();
  }));
}

/** Clicks stage `stage`'s button: ms until its picture is on screen (in the DOM, or painted),
 *  and the longest task in the three seconds after the click. */
async function stepTo(page, stage) {
  return page.evaluate(([stage, shownStage]) => new Promise((resolve) => {
    const shown = new Function(`return (${shownStage})()`);
    const tasks = [];
    const observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) tasks.push(e.duration); });
    observer.observe({ type: 'longtask' });
    const start = performance.now();
    document.querySelectorAll('.scrubber button')[stage]?.click();
    const check = () => {
      if (shown() !== String(stage)) {
        setTimeout(check, 10);
        return;
      }
      const at = performance.now() - start;
      setTimeout(() => { observer.disconnect(); resolve({ shown: at, longest: Math.max(0, ...tasks) }); }, 3000);
    };
    check();
  }), [stage, shownStage.toString()]);
}

// ---------------------------------------------------------------- (g) open a folder

/**
 * Writes a repository of `services` services of `each` files into a new temporary folder (at
 * least five per service): a Kubernetes Deployment and Service (the database URL, a call to
 * the next service), Spring's application.yml, a .env, a pom.xml with Spring Data JPA and a
 * Flyway migration creating the service's tables; then, in turn, a JPA entity of one of those
 * tables, its Spring Data repository (with a save), a controller, a test and a Markdown page.
 * Returns the folder and its counts.
 */
export function writeRepository(services, each) {
  const root = mkdtempSync(join(tmpdir(), 'seams-folder-'));
  let files = 0;
  const write = (path, text) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
    files += 1;
  };
  const extra = Math.max(0, each - 5);
  const entities = Math.max(1, Math.ceil(extra / 5));
  for (let i = 0; i < services; i++) {
    const name = `svc-${String(i).padStart(3, '0')}`;
    const next = `svc-${String((i + 1) % services).padStart(3, '0')}`;
    const db = name.replace('-', '_');
    const table = (k) => `${db}_t${k}`;
    const java = `${name}/src/main/java/com/example/${db}`;
    write(`k8s/${name}.yaml`, `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  template:
    spec:
      containers:
        - name: ${name}
          image: example/${name}:1.0
          env:
            - name: DATABASE_URL
              value: postgresql://app:generated-pw@${name}-db:5432/${db}
            - name: NEXT_ADDR
              value: http://${next}:8080
---
apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  ports:
    - port: 8080
`);
    write(`${name}/src/main/resources/application.yml`, `spring:
  application:
    name: ${name}
  datasource:
    url: jdbc:postgresql://${name}-db:5432/${db}
server:
  port: 8080
`);
    write(`${name}/.env`, `LOG_LEVEL=info\nNEXT_URL=http://${next}:8080\n`);
    write(`${name}/pom.xml`, `<project><artifactId>${name}</artifactId><dependencies>
  <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-data-jpa</artifactId></dependency>
  <dependency><groupId>org.postgresql</groupId><artifactId>postgresql</artifactId></dependency>
</dependencies></project>
`);
    let sql = '';
    for (let k = 0; k < entities; k++) {
      sql += `CREATE TABLE ${table(k)} (\n  id bigint PRIMARY KEY,\n  name text NOT NULL,\n  parent_id bigint${k ? ` REFERENCES ${table(k - 1)} (id)` : ''},\n  created_at timestamptz NOT NULL\n);\n`;
    }
    write(`${name}/src/main/resources/db/migration/V1__init.sql`, sql);
    for (let j = 0; j < extra; j++) {
      const k = Math.floor(j / 5);
      const cls = `Item${k}`;
      switch (j % 5) {
        case 0: write(`${java}/model/${cls}.java`, `package com.example.${db}.model;

import jakarta.persistence.*;

@Entity
@Table(name = "${table(k)}")
public class ${cls} {
  @Id
  private Long id;
  @Column(name = "name", nullable = false)
  private String name;
  @Column(name = "parent_id")
  private Long parentId;
}
`); break;
        case 1: write(`${java}/repo/${cls}Repository.java`, `package com.example.${db}.repo;

import com.example.${db}.model.${cls};
import org.springframework.data.jpa.repository.JpaRepository;

public interface ${cls}Repository extends JpaRepository<${cls}, Long> {}
`); break;
        case 2: write(`${java}/web/${cls}Controller.java`, `package com.example.${db}.web;

import com.example.${db}.model.${cls};
import com.example.${db}.repo.${cls}Repository;
import org.springframework.web.bind.annotation.*;

@RestController
class ${cls}Controller {
  private final ${cls}Repository items;
  ${cls}Controller(${cls}Repository items) { this.items = items; }
  @PostMapping("/items${k}")
  ${cls} create(@RequestBody ${cls} item) { return items.save(item); }
}
`); break;
        case 3: write(`${name}/src/test/java/com/example/${db}/${cls}Test.java`, `package com.example.${db};

class ${cls}Test {
  @org.junit.jupiter.api.Test
  void creates() {}
}
`); break;
        default: write(`${name}/docs/${cls}.md`, `# ${cls}\n\nWhat ${name} keeps in ${table(k)}.\n`);
      }
    }
  }
  return { root, files, services };
}

async function measureFolder(browser, url) {
  const repo = writeRepository(FOLDER_SERVICES, FOLDER_FILES_EACH);
  const runs = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const { context, page, errors } = await freshPage(browser, url);
      // The panes hold the example unchanged: no question before they are replaced.
      await startFrames(page);
      const chooser = page.waitForEvent('filechooser');
      await page.getByTestId('open-folder').click();
      // The clock starts when the page gets the files (the input's change event), not when the
      // test driver starts handing them to the browser.
      await page.evaluate(() => addEventListener('change', () => { window.__picked = performance.now(); }, { capture: true, once: true }));
      await (await chooser).setFiles(repo.root);
      const timing = await page.evaluate(
        ([graph, services]) =>
          new Promise((resolve) => {
            // When the worker's result reached the page (the summary shows), and when the graph
            // drew the services.
            let summary;
            const check = () => {
              summary ??= document.querySelector('[data-testid="folder-summary"]') ? performance.now() - window.__picked : undefined;
              if (summary === undefined || document.querySelectorAll(`${graph} [data-kind="service"]`).length < services) return;
              observer.disconnect();
              const shown = performance.now();
              requestAnimationFrame(() => resolve({ summary, shown: shown - window.__picked, frame: performance.now() - window.__picked }));
            };
            const observer = new MutationObserver(check);
            observer.observe(document.body, { childList: true, subtree: true });
            check();
            setTimeout(() => { observer.disconnect(); resolve(null); }, 60_000);
          }),
        [GRAPH, repo.services],
      );
      await page.waitForTimeout(500);
      const frames = await stopFrames(page);
      const longest = frames.longTasks.length ? Math.max(...frames.longTasks) : 0;
      const summary = await page.getByTestId('folder-summary').innerText().catch(() => '');
      if (i === 0) console.error(`(g) ${repo.files} files; the page says: ${summary.slice(0, 160)}`);
      runs.push({ ...timing, longest_task_ms: longest, long_tasks_ms: frames.longTasks, errors });
      await context.close();
    }
  } finally {
    rmSync(repo.root, { recursive: true, force: true });
  }
  const ok = runs.filter((r) => r.frame !== undefined);
  return {
    files: repo.files,
    services: repo.services,
    runs,
    summary_ms: round(median(ok.map((r) => r.summary))),
    graph_ms: round(median(ok.map((r) => r.frame))),
    longest_task_ms: round(median(runs.map((r) => r.longest_task_ms))),
  };
}

async function measureMorph(browser, url) {
  const { context, page, errors, nodes, elements, load_ms } = await largePage(browser, url);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    await page.evaluate(() => document.activeElement?.blur());
    const stageBefore = await page.evaluate(shownStage);
    await startFrames(page);
    const before = await metrics(cdp);
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(1500);
    const frames = frameStats(await stopFrames(page));
    const after = await metrics(cdp);
    const stageAfter = await page.evaluate(shownStage);
    runs.push({ ...frames, stage: `${stageBefore}→${stageAfter}`, chromium: metricsDelta(before, after) });
    // Back to the first stage, unmeasured, so every run is the same transition.
    await page.keyboard.press('Home');
    await page.waitForTimeout(1200);
  }
  await context.close();
  return { ...summariseFrames(runs, { nodes, svg_elements: elements, load_ms: round(load_ms) }), errors };
}

function summariseFrames(runs, shape) {
  return {
    ...shape,
    runs,
    p50_ms: round(median(runs.map((r) => r.p50))),
    p95_ms: round(median(runs.map((r) => r.p95))),
    max_ms: round(median(runs.map((r) => r.max))),
  };
}

// ---------------------------------------------------------------- (h) gallery examples

async function measureGallery(browser, url) {
  const byExample = {};
  for (let i = 0; i < RUNS; i++) {
    const { context, page, errors } = await freshPage(browser, url);
    const keys = await page.locator('header select').first().locator('option').evaluateAll((os) => os.map((o) => o.value).filter((v) => v));
    await context.close();
    for (const key of keys) {
      const { context, page, errors } = await freshPage(browser, url);
      await page.waitForTimeout(300);
      await startFrames(page);
      if (key !== 'seed') {
        // The seed is what a fresh tab shows; any other example is picked from the header.
        await page.locator('header select').first().selectOption(key);
      }
      await page.waitForFunction(() => document.querySelector('header select')?.getAttribute('aria-busy') !== 'true'
        && /analysed in [\d,]+ ms/.test(document.body.innerText), null, { timeout: 30_000 });
      await page.waitForTimeout(1000);
      const frames = await stopFrames(page);
      // The seed is analysed while the page loads, before the clock above starts: its longest
      // task is read from the tasks the browser kept since navigation (wasm start-up included).
      const sinceLoad = key !== 'seed' ? 0 : await page.evaluate(() => new Promise((resolve) => {
        new PerformanceObserver((list, observer) => {
          observer.disconnect();
          resolve(Math.max(0, ...list.getEntries().map((e) => Math.round(e.duration))));
        }).observe({ type: 'longtask', buffered: true });
        setTimeout(() => resolve(0), 500);
      }));
      const status = await page.evaluate(() => document.body.innerText.match(/analysed in ([\d,]+) ms/)?.[1] ?? null);
      const runs = (byExample[key] ??= []);
      runs.push({ analysed_ms: status === null ? null : Number(status.replace(/,/g, '')), longest_task_ms: Math.max(sinceLoad, ...frames.longTasks), errors });
      await context.close();
    }
    if (errors.length) console.error(`(h) page errors: ${errors}`);
  }
  return Object.fromEntries(Object.entries(byExample).map(([key, runs]) => [key, {
    runs,
    analysed_ms: round(median(runs.map((r) => r.analysed_ms).filter((v) => v !== null))),
    longest_task_ms: round(median(runs.map((r) => r.longest_task_ms))),
  }]));
}

// ---------------------------------------------------------------- main

const result = {
  date: new Date().toISOString(),
  runs: RUNS,
  browser: null,
  note: 'headless Chromium with --disable-gpu: raster is done on the CPU',
};
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
const table = [];

if (ONLY.has('sizes')) {
  const s = bundleSizes();
  result.sizes = s;
  for (const k of ['wasm', 'js', 'css', 'total']) {
    table.push([`first load ${k} (raw / gzip -9)`, `${kb(s[k].raw)} / ${kb(s[k].gzip)}`, k === 'total' ? 'gzip < 600 KB (guard 690 KB)' : '']);
  }
  table.push(['import worker, on "Open folder" (raw / gzip -9)', `${kb(s.worker.raw)} / ${kb(s.worker.gzip)}`, 'gzip < 200 KB']);
}

const needsBrowser = ['first', 'paste', 'pan', 'morph', 'large', 'folder', 'gallery'].some((k) => ONLY.has(k));
if (needsBrowser) {
  const { server, url } = await startServer();
  const browser = await launch();
  result.browser = browser.version();
  try {
    if (ONLY.has('first')) {
      const r = (result.first_graph = await measureFirstGraph(browser, url));
      table.push(['(b) navigation → example graph on screen', `${r.on_screen_ms} ms (in DOM ${r.dom_ms}, wasm loaded ${r.wasm_loaded_ms})`, `median of ${RUNS}`]);
    }
    if (ONLY.has('paste')) {
      const r = (result.paste_freight = await measurePaste(browser, url));
      table.push([`(c) paste freight → ${r.expected_tables} tables drawn`, `${r.with_debounce_ms} ms (${r.without_debounce_ms} ms without the ${DEBOUNCE_MS} ms debounce)`, `median of ${RUNS}`]);
    }
    if (ONLY.has('pan')) {
      const r = (result.pan_300 = await measurePan(browser, url));
      table.push([`(d) pan ${r.nodes} nodes, frame time`, `p50 ${r.p50_ms} ms, p95 ${r.p95_ms} ms, max ${r.max_ms} ms`, `p95 < ${FRAME_BUDGET_MS.toFixed(1)} ms; median of ${RUNS} runs`]);
    }
    if (ONLY.has('morph')) {
      const r = (result.morph_300 = await measureMorph(browser, url));
      table.push([`(e) stage transition, ${r.nodes} nodes, frame time`, `p50 ${r.p50_ms} ms, p95 ${r.p95_ms} ms, max ${r.max_ms} ms`, `median of ${RUNS} runs`]);
    }
    if (ONLY.has('large')) {
      const r = (result.large_paste = await measureLargePaste(browser, url));
      table.push([`(f) paste ${r.tables} tables → status line`, `${r.graph_ms} ms; longest task ${r.longest_task_ms} ms, blocked ${r.blocked_ms} ms`, `median of ${RUNS}`]);
      table.push([`(f) then step to stage 4; to stage 2`, `${r.stage4_ms} ms, longest task ${r.stage4_longest_task_ms} ms; ${r.stage2_ms} ms, longest task ${r.stage2_longest_task_ms} ms`, `median of ${RUNS}`]);
      table.push([`(f) 40 mouse moves across stage 4`, `${r.hover_ms} ms, longest task ${r.hover_longest_task_ms} ms`, `median of ${RUNS}`]);
      table.push([`(f) a drag across stage 4 (30 moves)`, `${r.drag_ms} ms, longest task ${r.drag_longest_task_ms} ms`, `median of ${RUNS}`]);
      table.push([`(f) stage 2: find t000, unfold, lit`, `${r.unfold_ms} ms, longest task ${r.unfold_longest_task_ms} ms`, `median of ${RUNS}`]);
    }
    if (ONLY.has('folder')) {
      const r = (result.open_folder = await measureFolder(browser, url));
      table.push([`(g) open a folder of ${r.files} files → ${r.services} services drawn`, `${r.graph_ms} ms (read and derived in the worker: ${r.summary_ms} ms); longest task ${r.longest_task_ms} ms`, `< 2 s; median of ${RUNS}`]);
    }
    if (ONLY.has('gallery')) {
      const r = (result.gallery = await measureGallery(browser, url));
      for (const [key, g] of Object.entries(r)) {
        const how = key === 'seed' ? 'the seed on first load' : `pick the ${key} example`;
        table.push([`(h) ${how} → analysed`, `${g.analysed_ms} ms (status line); longest task ${g.longest_task_ms} ms`, `median of ${RUNS}`]);
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
}

const width = Math.max(...table.map((r) => r[0].length));
const width2 = Math.max(...table.map((r) => r[1].length));
console.log(`Seams budgets, ${result.date}, Chromium ${result.browser ?? '-'}, ${RUNS} runs`);
for (const [what, value, note] of table) console.log(`${what.padEnd(width)}  ${value.padEnd(width2)}  ${note}`);
const out = join(ARTIFACTS, 'budgets.json');
writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
console.log(`written: ${out}`);
