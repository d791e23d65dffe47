// The Export menu works with a mouse (issue 16): open it and click every item with real pointer
// events at the item's centre, and each gives its download. The header once clipped the menu
// to a 1 px sliver (`.top { overflow: hidden }`) and a click there landed on the score bar;
// `element.click()` never noticed, so nothing here uses it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { openPage, mouseClick, ARTIFACTS, useSite } from './browser.mjs';

const EXPECTED = {
  svg: 'seams-stage-0.svg', png: 'seams-stage-0.png', mmd: 'seams-stage-0.mmd',
  md: 'seams-stage-0-findings.md', json: 'seams-stage-0-findings.json',
};

const site = useSite();

for (const [width, height] of [[1280, 720], [390, 844]]) {
  test(`at ${width}×${height} every Export item downloads when clicked with the mouse`, async () => {
    const { context, page, errors } = await openPage(site.browser, site.url, { width, height });
    const keys = await page.locator('[data-export]').evaluateAll((els) => els.map((e) => e.dataset.export));
    assert.deepEqual(keys, Object.keys(EXPECTED), 'the menu offers every format');
    for (const key of keys) {
      await mouseClick(page, page.locator('.export-menu summary'));
      const item = page.locator(`[data-export="${key}"]`);
      if (key === keys[0]) await page.screenshot({ path: `${ARTIFACTS}export-menu-${width}x${height}.png` });
      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: 10_000 }),
        mouseClick(page, item),
      ]);
      assert.equal(download.suggestedFilename(), EXPECTED[key]);
      const bytes = await readFile(await download.path());
      assert.ok(bytes.length > 100, `${key}: ${bytes.length} bytes`);
      assert.equal(await page.locator('.export-menu').getAttribute('open'), null, 'the menu closes after a pick');
    }
    assert.deepEqual(errors, []);
    await context.close();
  });
}
