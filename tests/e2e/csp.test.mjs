// The page runs under its Content-Security-Policy (issue #18): index.html carries the policy
// (GitHub Pages sets no headers), scripts only from the site plus 'wasm-unsafe-eval', no inline
// script or handler. Every main feature is used with real clicks and keys while the test
// collects `securitypolicyviolation` events and console errors: there must be none. A script
// injected on purpose shows the policy is enforced and that violations are seen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ARTIFACTS, useSite, GRAPH } from './browser.mjs';


const site = useSite();

/// A context whose pages record CSP violations (in `window.__violations`) and console errors.
async function watchedContext() {
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__violations.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  const errors = [];
  const watch = (page) => {
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
  };
  context.on('page', watch);
  return { context, errors };
}

const violations = (page) => page.evaluate(() => window.__violations);

test('index.html carries a policy without inline scripts', async () => {
  const { context } = await watchedContext();
  const page = await context.newPage();
  await page.goto(site.url);
  const policy = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.ok(policy, 'a CSP meta element');
  const scriptSrc = policy.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src'));
  assert.match(scriptSrc, /'wasm-unsafe-eval'/);
  assert.doesNotMatch(scriptSrc, /'unsafe-inline'|'unsafe-eval'|nonce-|sha256-/);
  assert.equal(await page.locator('script:not([src])').count(), 0, 'no inline script in the page');
  await context.close();
});

test('the main features run under the policy with no violation and no console error', async () => {
  const { context, errors } = await watchedContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(site.url).origin });
  const page = await context.newPage();
  await page.goto(site.url);
  await page.waitForSelector(`${GRAPH} [data-node]`);

  // Examples: a fetched one, then the seed again.
  const select = page.locator('header select').first();
  await select.focus();
  await select.selectOption('marketplace');
  await page.waitForFunction(() => document.querySelectorAll('.graph-canvas [data-kind="table"]').length > 5, null, { timeout: 15_000 });
  await select.selectOption('seed');
  await page.waitForSelector(`${GRAPH} [data-node="service:app-a"]`);

  // Typing into a pane, then the stages by click and by key, and Play.
  await page.click('#pane-services');
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\n  app-c:\n    reads: [users]\n');
  await page.waitForSelector(`${GRAPH} [data-node="service:app-c"]`);
  for (const n of [2, 3, 4, 5]) {
    await page.click(`.scrubber li:nth-child(${n}) button`);
    await page.waitForSelector(`${GRAPH}[data-stage="${n - 1}"]`);
  }
  await page.locator(GRAPH).click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Home');
  await page.waitForSelector(`${GRAPH}[data-stage="0"]`);
  await page.keyboard.press('ArrowRight');
  await page.waitForSelector(`${GRAPH}[data-stage="1"]`);
  await page.click('button[aria-label="Play"]');
  await page.waitForTimeout(400);
  await page.click('button[aria-label="Pause"]');

  // A node's details, the search box, the table view, the theme.
  await page.keyboard.press('Home');
  await page.waitForSelector(`${GRAPH}[data-stage="0"]`);
  await page.locator(`${GRAPH} [data-kind="table"]`).first().click();
  await page.fill('input[type="search"]', 'messages');
  await page.keyboard.press('Enter');
  await page.click('button[aria-label="Dark theme"]');

  // Every export.
  for (const key of ['svg', 'png', 'mmd', 'md', 'json']) {
    await page.click('.export-menu summary');
    await Promise.all([page.waitForEvent('download', { timeout: 10_000 }), page.click(`[data-export="${key}"]`)]);
  }

  // Share link, then open it in another tab.
  await page.click('button:has-text("Copy link")');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(link, /#v1\./);
  const shared = await context.newPage();
  await shared.goto(link);
  await shared.waitForSelector(`${GRAPH} [data-node="service:app-c"]`);
  assert.deepEqual(await violations(shared), []);
  await shared.close();

  // The Embed dialog, then embed mode itself.
  await page.click('button:has-text("Embed")');
  const dialog = page.locator('dialog.embed-dialog[open]');
  await dialog.waitFor();
  const iframe = await dialog.locator('[data-testid="iframe-snippet"]').textContent();
  await page.keyboard.press('Escape');
  const src = iframe.match(/src="([^"]+)"/)[1].replaceAll('&amp;', '&');
  const embedded = await context.newPage();
  await embedded.goto(src);
  await embedded.waitForSelector(`${GRAPH} [data-node]`);
  await embedded.click('.scrubber li:nth-child(5) button');
  await embedded.waitForSelector(`${GRAPH}[data-stage="4"]`);
  assert.deepEqual(await violations(embedded), []);
  await embedded.close();

  // Presentation mode and back.
  await page.click('button:has-text("Present")');
  await page.keyboard.press('Escape');

  await page.screenshot({ path: `${ARTIFACTS}csp-features.png` });
  assert.deepEqual(await violations(page), []);
  assert.deepEqual(errors, []);

  // The policy is enforced: an injected inline script does not run, and is reported.
  const ran = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true';
    document.body.append(script);
    await new Promise((ok) => setTimeout(ok, 100));
    return window.__injected === true;
  });
  assert.equal(ran, false, 'an inline script is blocked');
  assert.match((await violations(page)).join('\n'), /script-src-elem blocked inline/);
  await context.close();
});

test('the crash overlay works under the policy (no inline handler)', async () => {
  const { context } = await watchedContext();
  const page = await context.newPage();
  await page.goto(`${site.url}?panic-test=1`);
  const overlay = page.getByRole('alertdialog');
  await overlay.waitFor();
  await Promise.all([page.waitForEvent('load'), overlay.getByRole('button', { name: 'Reload' }).click()]);
  await page.waitForSelector(`${GRAPH} [data-node]`);
  assert.equal(new URL(page.url()).searchParams.get('panic-test'), null);
  assert.deepEqual(await violations(page), []);
  await context.close();
});
