// Accessibility (issue 16): an axe-core scan (the devDependency's own source injected into the
// page) reports no serious or critical violation at stage 0 and stage 4, in the light and the
// dark theme, with the stages reached by keyboard; and the side panel's tabs follow the ARIA
// tabs pattern: the arrow keys move between them (roving tabindex: only the selected tab is in
// the Tab order), Home and End go to the first and last.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { openPage, mouseClick, ARTIFACTS, useSite, GRAPH } from './browser.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const site = useSite();

/// The serious and critical violations axe finds on the page as it is, one line each.
async function violations(page) {
  // Evaluated through the DevTools protocol: the page's CSP (rightly) refuses inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')} (${v.nodes.length} nodes)`);
}

for (const dark of [false, true]) {
  const theme = dark ? 'dark' : 'light';
  test(`axe finds no serious or critical violation at stages 0 and 4 (${theme} theme)`, async () => {
    const { context, page, errors } = await openPage(site.browser, site.url, { reducedMotion: 'reduce' });
    if ((await page.evaluate(() => document.documentElement.dataset.theme)) !== theme) {
      await mouseClick(page, page.getByRole('button', { name: 'Dark theme' }));
    }
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), theme);
    assert.deepEqual(await violations(page), [], `stage 0, ${theme}`);
    await page.screenshot({ path: `${ARTIFACTS}axe-${theme}-stage0.png` });
    // The stages by keyboard, from the page (no control focused): End goes to the last.
    await page.evaluate(() => document.activeElement?.blur());
    await page.keyboard.press('End');
    await page.waitForSelector(`${GRAPH}[data-stage="4"]`);
    assert.deepEqual(await violations(page), [], `stage 4, ${theme}`);
    await page.screenshot({ path: `${ARTIFACTS}axe-${theme}-stage4.png` });
    // The scan can fail: a button with no name is a critical violation it reports.
    await page.evaluate(() => document.body.append(document.createElement('button')));
    assert.match((await violations(page)).join('\n'), /critical button-name/);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('the arrow keys move between the side panel tabs (roving tabindex)', async () => {
  const { context, page, errors } = await openPage(site.browser, site.url);
  const tabs = page.getByRole('tab');
  const names = await tabs.allTextContents();
  assert.deepEqual(names.map((n) => n.trim()), ['Findings', 'Stage', 'Details']);
  const state = () => tabs.evaluateAll((els) => els.map((e) => `${e.textContent.trim()}:${e.getAttribute('aria-selected')}:${e.tabIndex}`));
  assert.deepEqual(await state(), ['Findings:true:0', 'Stage:false:-1', 'Details:false:-1'], 'only the selected tab is in the Tab order');
  await mouseClick(page, tabs.nth(0));
  const focused = () => page.evaluate(() => document.activeElement?.textContent.trim());
  const stage = () => page.locator(GRAPH).getAttribute('data-stage');
  const before = await stage();

  await page.keyboard.press('ArrowRight');
  assert.equal(await focused(), 'Stage');
  assert.deepEqual(await state(), ['Findings:false:-1', 'Stage:true:0', 'Details:false:-1']);
  await page.keyboard.press('ArrowRight');
  assert.equal(await focused(), 'Details');
  await page.keyboard.press('ArrowRight');
  assert.equal(await focused(), 'Findings', 'ArrowRight wraps to the first tab');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await focused(), 'Details', 'ArrowLeft wraps to the last tab');
  await page.keyboard.press('Home');
  assert.equal(await focused(), 'Findings');
  await page.keyboard.press('End');
  assert.equal(await focused(), 'Details');
  assert.equal(await stage(), before, 'the arrows on the tabs never step the stages');
  // Tab leaves the tab list for the panel.
  await page.keyboard.press('Tab');
  assert.notEqual(await page.evaluate(() => document.activeElement?.getAttribute('role')), 'tab');
  assert.deepEqual(errors, []);
  await context.close();
});
