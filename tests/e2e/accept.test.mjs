// End-to-end test of accepted findings and of diagnostics located in files: an `accept:` entry
// in the services file lists its finding apart (not scored, with its reason), a stale entry is a
// warning under the Services pane, and a diagnostic in a Models pane file names that file and
// its line. Run after `trunk build --release`: node --test tests/e2e/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, ARTIFACTS, useSite } from './browser.mjs';

const site = useSite();

const ACCEPT = 'accept:\n'
  + '  - rule: foreign-read\n    elements: [app-a, users]\n    reason: app-a shows users by design\n'
  + '  - rule: shared-write\n    elements: [users]\n    reason: stale\n';

test('an accepted finding is listed apart with its reason and is not scored', async () => {
  const { context, page, errors } = await openPage(site.browser, site.url);
  const score = async () => Number((await page.textContent('[data-testid="score"]')).match(/\d+/)[0]);
  const before = await score();
  const open = page.locator('.findings-list .finding:not(.accepted)[data-rule="foreign-read"]');
  assert.equal(await open.count(), 1, 'the seed has one foreign read');

  const services = await page.inputValue('#pane-services');
  await page.fill('#pane-services', services + ACCEPT);
  const accepted = page.locator('.accepted-findings .finding.accepted[data-rule="foreign-read"]');
  await accepted.waitFor();
  assert.match(await accepted.textContent(), /Accepted: app-a shows users by design/);
  assert.equal(await open.count(), 0, 'the accepted finding is no longer among the open ones');
  assert.match(await page.textContent('.group.accepted'), /accepted \(1, not scored\)/);
  await page.waitForFunction((b) => {
    const n = Number(document.querySelector('[data-testid="score"]').textContent.match(/\d+/)[0]);
    return n > b;
  }, before);
  assert.ok((await score()) > before, 'an accepted finding costs nothing');

  // The entry that matches nothing is a warning at its line under the Services pane.
  const stale = page.locator('ul[aria-label="Services diagnostics"] li', { hasText: 'matches no finding' });
  await stale.waitFor();

  // A diagnostic in a Models pane file names the file and the line in it.
  const models = await page.inputValue('#pane-models');
  await page.fill('#pane-models', models + '# app_c/models/report.kt\nclass Report\n');
  const file = page.locator('ul[aria-label="Models diagnostics"] .where', { hasText: 'app_c/models/report.kt:1' });
  await file.waitFor();

  await page.locator('.findings-list').screenshot({ path: `${ARTIFACTS}accepted-findings.png` });
  assert.deepEqual(errors, []);
  await context.close();
});
