// End-to-end: stepping through the five stages of the seed example with the keyboard and the
// stepper, against the CLI's `seams evolve` on the same input (same core, same numbers).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { launch, startServer, openPage, ARTIFACTS, paneText } from './browser.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
let browser, server, url, expected;

before(async () => {
  browser = await launch();
  ({ server, url } = await startServer());
  const cli = ROOT + 'target/debug/seams';
  // Always (a no-op when it is up to date): a binary left from an older checkout would compare
  // the page with yesterday's command line.
  execFileSync('cargo', ['build', '-q', '-p', 'seams-cli'], { cwd: ROOT });
  const seed = ROOT + 'examples/seed/';
  expected = JSON.parse(execFileSync(cli, [
    'evolve', '--schema', seed + 'schema.sql', '--services', seed + 'services.yaml',
    '--models', seed + 'models.py', '--format', 'json',
  ], { encoding: 'utf8' })).stages;
});
after(async () => {
  await browser?.close();
  server?.close();
});

async function shown(page) {
  return page.evaluate(() => {
    const svg = document.querySelector('svg[aria-label="Coupling graph"]');
    return {
      stage: svg.getAttribute('data-stage'),
      label: document.querySelector('[data-testid=stage-label]')?.textContent,
      caption: document.querySelector('[data-testid=caption]')?.textContent,
      score: Number(document.querySelector('[data-testid=score]')?.textContent),
      nodes: [...svg.querySelectorAll('.layer-nodes [data-node], .layer-databases [data-node]')].map((e) => e.dataset.node),
      edges: [...svg.querySelectorAll('[data-edge]')].map((e) => `${e.dataset.kind}:${e.dataset.edge}`),
    };
  });
}

/// Waits until the picture shows stage `n` and its morph has settled (no ghosts left).
async function settle(page, n) {
  await page.waitForFunction((n) => {
    const svg = document.querySelector('svg[aria-label="Coupling graph"]');
    return svg?.getAttribute('data-stage') === String(n) && !svg.querySelector('.ghosts');
  }, n, { timeout: 5000 });
}

test('the seed example plays its story stage by stage with the keyboard', async () => {
  const { page, errors, context } = await openPage(browser, url);
  assert.equal(expected.length, 5);
  let previous = -1;
  const seen = [];
  for (let i = 0; i < 5; i++) {
    await settle(page, i);
    const s = await shown(page);
    seen.push(s);
    assert.equal(s.stage, String(i));
    assert.equal(s.label, `Stage ${i} · ${expected[i].name}`);
    assert.equal(s.caption, expected[i].caption);
    assert.equal(s.score, expected[i].score.overall, `score at stage ${i}`);
    assert.ok(s.score >= previous, `score never drops (${previous} → ${s.score})`);
    previous = s.score;
    await page.screenshot({ path: ARTIFACTS + `seed-stage-${i}.png` });
    if (i < 4) await page.keyboard.press(i % 2 === 0 ? 'ArrowRight' : 'PageDown');
  }
  const [s0, s1, s2, s3, s4] = seen;
  // Stage 0: app-a reads users directly from the one shared database.
  assert.ok(s0.edges.includes('reads:service:app-a->table:public.users'));
  assert.ok(s0.nodes.includes('db:main'));
  // Stage 1: the same graph (the models merge into one package), the score rises.
  assert.ok(s1.score > s0.score);
  // Stage 2: app-b owns users and messages.
  assert.ok(s2.edges.includes('owns:service:app-b->table:public.users'));
  assert.ok(s2.edges.includes('owns:service:app-b->table:public.messages'));
  // Stage 3: app-a calls app-b's API instead of reading users.
  assert.ok(s3.nodes.includes('api:app-b'));
  assert.ok(s3.edges.includes('calls:service:app-a->api:app-b'));
  assert.ok(!s3.edges.includes('reads:service:app-a->table:public.users'));
  // Stage 4: events and a read model; the shared database split into one per service.
  assert.ok(s4.edges.includes('publishes:service:app-b->topic:user.created'));
  assert.ok(s4.edges.includes('subscribes:service:app-a->topic:user.created'));
  assert.ok(s4.nodes.includes('db:app-a') && s4.nodes.includes('db:app-b'));
  assert.ok(!s4.nodes.includes('db:main'));
  assert.ok(s4.score > s0.score);
  // A finding stage 4 leaves (a queue nobody publishes to) says so, not "fixed at stage 4".
  const orphan = page.locator('.findings li[data-rule="orphan-event"]');
  assert.match(await orphan.textContent(), /still open after stage 4/);
  assert.doesNotMatch(await orphan.textContent(), /fixed at stage/);
  // So does every stage before it: none promises a fix stage 4 does not make.
  await page.keyboard.press('Home');
  await page.waitForSelector(`svg[aria-label="Coupling graph"][data-stage="0"]`);
  assert.match(await orphan.textContent(), /still open after stage 4/);
  assert.match(await page.locator('.findings li[data-rule="foreign-read"]').textContent(), /fixed at stage 3/);
  await page.keyboard.press('End');
  await page.waitForSelector(`svg[aria-label="Coupling graph"][data-stage="4"]`);

  // Home and End jump; PageUp and ArrowLeft step back; keys in a pane stay in the pane.
  await page.keyboard.press('Home');
  await settle(page, 0);
  await page.keyboard.press('End');
  await settle(page, 4);
  await page.keyboard.press('PageUp');
  await settle(page, 3);
  await page.keyboard.press('ArrowLeft');
  await settle(page, 2);
  await page.locator('textarea[aria-label="Services"]').focus();
  await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(300);
  assert.equal((await shown(page)).stage, '2');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the stepper buttons, Play and presentation mode', async () => {
  const { page, errors, context } = await openPage(browser, url, { reducedMotion: 'reduce' });
  await page.getByRole('button', { name: 'Next stage' }).click();
  await settle(page, 1);
  await page.getByRole('button', { name: 'Previous stage' }).click();
  await settle(page, 0);
  // The stage panel carries the generated artifacts of a stage.
  await page.getByRole('button', { name: 'Next stage' }).click();
  await page.getByRole('button', { name: 'Next stage' }).click();
  await settle(page, 2);
  await page.getByRole('tab', { name: 'Stage' }).click();
  const grants = page.locator('[data-artifact="grants"] pre');
  await grants.waitFor();
  assert.match(await grants.textContent(), /GRANT SELECT ON/i);
  // Play walks to the last stage by itself. (Home belongs to the focused tab: click the caption
  // first, which takes the focus off it, so Home is the page's.)
  await page.locator('[data-testid=caption]').click();
  await page.keyboard.press('Home');
  await settle(page, 0);
  await page.getByRole('button', { name: 'Play' }).click();
  await settle(page, 1);
  await page.getByRole('button', { name: 'Pause' }).click();
  // Presentation mode hides the editors and shows the caption and score large.
  await page.getByRole('button', { name: 'Present' }).click();
  assert.equal(await page.locator('textarea[aria-label="Schema"]').isVisible(), false);
  assert.ok(await page.locator('[data-testid=caption]').isVisible());
  assert.ok(await page.locator('[data-testid=score]').isVisible());
  await page.keyboard.press('End');
  await settle(page, 4);
  await page.screenshot({ path: ARTIFACTS + 'presentation-stage-4.png' });
  await page.keyboard.press('Escape');
  assert.ok(await page.locator('textarea[aria-label="Schema"]').isVisible());
  assert.deepEqual(errors, []);
  await context.close();
});

test('the large gallery example evolves with rising scores', async () => {
  const { page, errors, context } = await openPage(browser, url);
  const select = page.locator('select').first();
  const keys = await select.locator('option').evaluateAll((os) => os.map((o) => o.value));
  assert.ok(keys.length >= 4, `gallery has the seed and three larger examples: ${keys}`);
  await select.selectOption('freight');
  await page.waitForFunction(() => document.querySelectorAll('.graph-canvas [data-kind="table"]').length > 70, null, { timeout: 15000 });
  let previous = -1;
  for (let i = 0; i < 5; i++) {
    await settle(page, i);
    const s = await shown(page);
    assert.ok(s.score >= previous, `freight: score never drops (${previous} → ${s.score} at stage ${i})`);
    previous = s.score;
    await page.screenshot({ path: ARTIFACTS + `freight-stage-${i}.png` });
    await page.keyboard.press('ArrowRight');
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('a gallery example is fetched beside the page when picked; without the network the page says so and the seed still loads', async () => {
  // No service worker: this test is about the page's own fetches (share.test.mjs covers offline).
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  const fetched = [];
  page.on('request', (r) => { if (r.url().includes('/examples/')) fetched.push(new URL(r.url()).pathname); });
  await page.goto(url);
  await page.waitForSelector('svg[aria-label="Coupling graph"] [data-node]');
  assert.deepEqual(fetched, [], 'the seed is in the page: nothing fetched on the first visit');

  const select = page.locator('select').first();
  // A slow answer, to see the loading state.
  let release;
  const held = new Promise((ok) => { release = ok; });
  await page.route('**/examples/freight/schema.sql', async (route) => { await held; await route.continue(); });
  await select.selectOption('freight');
  await page.waitForFunction(() => document.querySelector('[data-testid=gallery-label]')?.textContent === 'Loading… ');
  assert.equal(await select.getAttribute('aria-busy'), 'true');
  release();
  await page.waitForFunction(() => document.querySelectorAll('.graph-canvas [data-kind="table"]').length > 70, null, { timeout: 15000 });
  assert.equal(await select.getAttribute('aria-busy'), 'false');
  assert.deepEqual(fetched, ['/examples/freight/schema.sql', '/examples/freight/services.yaml', '/examples/freight/models.py']);
  assert.equal(await paneText(page, 'schema'), readFileSync(ROOT + 'examples/freight/schema.sql', 'utf8'));
  assert.equal(await page.inputValue('#pane-services'), readFileSync(ROOT + 'examples/freight/services.yaml', 'utf8'));
  assert.equal(await page.inputValue('#pane-models'), readFileSync(ROOT + 'examples/freight/models.py', 'utf8'));
  assert.equal(await page.textContent('[data-testid=gallery-label]'), 'Example ');
  assert.equal(await page.locator('[data-testid=gallery-error]').count(), 0);
  await page.screenshot({ path: ARTIFACTS + 'gallery-freight.png' });

  // A file the site does not answer with (a broken deploy): the answer's status is named.
  await page.route('**/examples/clinic/services.yaml', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await select.selectOption('clinic');
  const missing = page.locator('[data-testid=gallery-error] span');
  await missing.waitFor({ timeout: 5000 });
  assert.match(await missing.textContent(), /^The Riverside Health example could not be loaded: \.\/examples\/clinic\/services\.yaml answered 404\b.*\. The panes are unchanged\.$/);
  assert.equal(await select.inputValue(), 'freight');
  assert.equal(await paneText(page, 'schema'), readFileSync(ROOT + 'examples/freight/schema.sql', 'utf8'));
  await page.unroute('**/examples/clinic/services.yaml');
  await page.click('[data-testid=gallery-error] button[aria-label=Dismiss]');
  await page.waitForFunction(() => !document.querySelector('[data-testid=gallery-error]'));

  await context.setOffline(true);
  await select.selectOption('marketplace');
  const problem = page.locator('[data-testid=gallery-error] span');
  await problem.waitFor({ timeout: 5000 });
  assert.equal(await problem.textContent(), "The Makers' Row example could not be loaded: "
    + './examples/marketplace/schema.sql could not be reached (offline?). The panes are unchanged.');
  assert.equal(await select.inputValue(), 'freight', 'the select goes back to what the panes show');
  assert.equal(await paneText(page, 'schema'), readFileSync(ROOT + 'examples/freight/schema.sql', 'utf8'));
  await page.screenshot({ path: ARTIFACTS + 'gallery-offline-failure.png' });

  // The seed needs no network; freight was loaded unchanged, so no question is asked.
  await select.selectOption('seed');
  await page.waitForFunction(() => document.querySelectorAll('.graph-canvas [data-kind="table"]').length < 5, null, { timeout: 5000 });
  assert.equal(await page.inputValue('#pane-models'), readFileSync(ROOT + 'examples/seed/models.py', 'utf8'));
  assert.equal(await page.locator('[data-testid=gallery-error]').count(), 0, 'a new pick clears the problem');
  // The only console errors are the browser's own notes on the failed requests, which the page
  // explained above.
  assert.deepEqual(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|status of 404/.test(e)), []);
  await context.close();
});

test('the page exports the same SVG bytes as `seams render` for the same input and stage', async () => {
  const { page, errors, context } = await openPage(browser, url);
  const seed = ROOT + 'examples/seed/';
  for (const stage of [0, 3]) {
    if (stage > 0) {
      await page.keyboard.press('End');
      await page.keyboard.press('ArrowLeft');
      await settle(page, stage);
    }
    await page.click('.export-menu summary');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-export="svg"]')]);
    const exported = readFileSync(await download.path(), 'utf8');
    const rendered = execFileSync(ROOT + 'target/debug/seams', [
      'render', '--schema', seed + 'schema.sql', '--services', seed + 'services.yaml',
      '--models', seed + 'models.py', '--stage', String(stage),
    ], { encoding: 'utf8' });
    assert.ok(exported.length > 1000);
    assert.equal(exported, rendered, `stage ${stage}: page export and CLI render differ`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});
