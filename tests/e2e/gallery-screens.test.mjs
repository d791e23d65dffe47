// Screenshots of every gallery example at stages 0 and 4 at 1280×720 (issue 17), to look at with
// a designer's eye: the page as a person sees it after picking the example (Home, then End), and
// the same stages presenting (the graph fills the screen). They land in tests/e2e/artifacts/ as
// gallery-<example>-stage-<n>.png and gallery-<example>-stage-<n>-presenting.png;
// docs/screenshots/ holds the copies that the documentation shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, mouseClick, ARTIFACTS, useSite } from './browser.mjs';

const site = useSite();

/// Waits until the picture shows stage `n` and its morph has settled (no ghosts left).
async function settle(page, n) {
  await page.waitForFunction((n) => {
    const svg = document.querySelector('svg[aria-label="Coupling graph"]');
    return svg?.getAttribute('data-stage') === String(n) && !svg.querySelector('.ghosts');
  }, n, { timeout: 15000 });
  await page.waitForTimeout(800);
}

/// The fitted picture against the controls drawn over the graph: how far its top reaches above
/// the zoom bar's and search box's bottom, and its bottom below the closed legend's top (both
/// at most 0 when the picture is clear of them).
async function overlap(page) {
  return page.evaluate(() => {
    const svg = document.querySelector('svg[aria-label="Coupling graph"]').getBoundingClientRect();
    const bottomOf = (sel) => document.querySelector(sel).getBoundingClientRect().bottom;
    const top = Math.max(bottomOf('.zoom'), bottomOf('.graph-search')) - svg.top;
    const bottom = svg.bottom - document.querySelector('.legend').getBoundingClientRect().top;
    return { top, bottom };
  });
}

test('every gallery example at stages 0 and 4, at 1280×720', async () => {
  const { page, errors, context } = await openPage(site.browser, site.url, { width: 1280, height: 720, reducedMotion: 'reduce' });
  const select = page.locator('select').first();
  const keys = await select.locator('option').evaluateAll((os) => os.map((o) => o.value).filter((v) => v));
  assert.ok(keys.includes('seed'), `the gallery lists the seed: ${keys}`);
  for (const key of keys) {
    const label = await page.locator('svg[aria-label="Coupling graph"]').getAttribute('aria-label');
    assert.equal(label, 'Coupling graph');
    if ((await select.inputValue()) !== key) {
      await select.selectOption(key);
      await page.waitForFunction(() => document.querySelector('select')?.getAttribute('aria-busy') !== 'true', null, { timeout: 15000 });
    }
    await page.locator('body').click({ position: { x: 2, y: 2 } });
    await page.keyboard.press('Home');
    await settle(page, 0);
    await page.screenshot({ path: `${ARTIFACTS}gallery-${key}-stage-0.png` });
    await page.keyboard.press('End');
    await settle(page, 4);
    await page.screenshot({ path: `${ARTIFACTS}gallery-${key}-stage-4.png` });
    // Fitted, the tallest picture (stage 4) stays clear of the zoom bar and the legend.
    const { top, bottom } = await overlap(page);
    assert.ok(top <= 0.5 && bottom <= 0.5, `${key} stage 4 clear of the controls: ${top}, ${bottom}`);
    const present = page.getByRole('button', { name: 'Present' });
    await mouseClick(page, present);
    await page.keyboard.press('Home');
    await settle(page, 0);
    await page.screenshot({ path: `${ARTIFACTS}gallery-${key}-stage-0-presenting.png` });
    await page.keyboard.press('End');
    await settle(page, 4);
    await page.screenshot({ path: `${ARTIFACTS}gallery-${key}-stage-4-presenting.png` });
    await mouseClick(page, present);
  }
  assert.deepEqual(errors, []);
  await context.close();
});
