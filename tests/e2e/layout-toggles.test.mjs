// The graph gets the screen (issue 16): the panes and the side panel hide and come back with
// the zoom group's Panes and Panel buttons, by mouse and by keyboard, and the graph refits to
// the room; the panes' column is resized by dragging its corner. Screenshots:
// tests/e2e/artifacts/layout-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, mouseClick, ARTIFACTS, useSite } from './browser.mjs';

const site = useSite();

/// The graph frame's width as a fraction of the viewport, once it has stopped changing.
async function frameWidth(page) {
  let last = -1;
  for (let i = 0; i < 30; i++) {
    const now = await page.evaluate(() => document.querySelector('.graph-frame').getBoundingClientRect().width / innerWidth);
    if (Math.abs(now - last) < 0.001) return now;
    last = now;
    await page.waitForTimeout(100);
  }
  return last;
}

for (const [width, height] of [[1280, 720], [1920, 1080]]) {
  test(`at ${width}×${height} the panes and the side panel hide and return; the graph takes the room`, async () => {
    const { context, page, errors } = await openPage(site.browser, site.url, { width, height, reducedMotion: 'reduce' });
    const panes = page.getByRole('button', { name: 'Panes', exact: true });
    const panel = page.getByRole('button', { name: 'Panel', exact: true });
    const start = await frameWidth(page);

    await mouseClick(page, panes);
    assert.equal(await panes.getAttribute('aria-expanded'), 'false');
    assert.equal(await page.locator('#inputs').isVisible(), false, 'the panes are hidden');
    const withoutPanes = await frameWidth(page);
    assert.ok(withoutPanes > start + 0.2, `graph ${start.toFixed(2)} → ${withoutPanes.toFixed(2)} of the width`);

    await mouseClick(page, panel);
    assert.equal(await page.locator('#side').isVisible(), false, 'the side panel is hidden');
    const alone = await frameWidth(page);
    assert.ok(alone >= 0.95, `the graph is ${alone.toFixed(2)} of the width`);
    await page.screenshot({ path: `${ARTIFACTS}layout-graph-alone-${width}x${height}.png` });

    // By keyboard: the focused toggle takes Enter and Space.
    await panes.focus();
    await page.keyboard.press('Enter');
    assert.equal(await panes.getAttribute('aria-expanded'), 'true');
    assert.ok(await page.locator('#inputs').isVisible());
    await panel.focus();
    await page.keyboard.press(' ');
    assert.ok(await page.locator('#side').isVisible());
    assert.ok(Math.abs((await frameWidth(page)) - start) < 0.01, 'back to the start');

    // The panes' column is resized by dragging its corner with the mouse.
    const box = await page.locator('#inputs').boundingBox();
    await page.mouse.move(box.x + box.width - 3, box.y + box.height - 3);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width + 150, box.y + box.height - 3, { steps: 5 });
    await page.mouse.up();
    const wider = await page.locator('#inputs').boundingBox();
    assert.ok(wider.width > box.width + 100, `panes ${box.width} → ${wider.width} px`);
    assert.deepEqual(errors, []);
    await context.close();
  });
}
