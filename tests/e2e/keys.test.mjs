// Keys belong to the focused control (issue 16): Space presses a focused button, opens a focused
// <summary> and selects a focused node instead of stepping the stage; the arrows on the side
// panel's tabs do not step stages. With nothing focused, Space and the arrows step; on the
// stepper's own buttons the arrows still step.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, useSite, GRAPH } from './browser.mjs';

const site = useSite();

const stage = (page) => page.locator(GRAPH).getAttribute('data-stage');
/// Waits for stage `n` to be drawn, or (with `stays`) checks the stage is still `n` a moment later.
async function expectStage(page, n, stays = false) {
  if (stays) await page.waitForTimeout(300);
  await page.waitForSelector(`${GRAPH}[data-stage="${n}"]`, { timeout: 5000 });
}

test('Space and the arrows step the stage only when no control has the focus', async () => {
  const { context, page, errors } = await openPage(site.browser, site.url, { reducedMotion: 'reduce' });
  // Nothing focused: Space and ArrowRight step, ArrowLeft steps back.
  await page.keyboard.press('Space');
  await expectStage(page, 1);
  await page.keyboard.press('ArrowRight');
  await expectStage(page, 2);
  await page.keyboard.press('ArrowLeft');
  await expectStage(page, 1);

  // A focused button: Space presses it (the theme switches), the stage stays.
  const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
  const before = await theme();
  await page.locator('button[aria-label="Dark theme"]').focus();
  await page.keyboard.press('Space');
  assert.notEqual(await theme(), before, 'Space pressed the focused button');
  await expectStage(page, 1, true);

  // A focused <summary>: Space opens the Legend, the stage stays.
  await page.locator('.legend summary').focus();
  await page.keyboard.press('Space');
  assert.notEqual(await page.locator('.legend').getAttribute('open'), null, 'Space opened the legend');
  await expectStage(page, 1, true);

  // A focused tab: the arrows and Space are the tab's, the stage stays.
  await page.getByRole('tab', { name: 'Stage' }).focus();
  for (const key of ['ArrowRight', 'ArrowLeft', 'Space', 'End', 'Home']) await page.keyboard.press(key);
  await expectStage(page, 1, true);

  // A focused node: Space selects it (the Details tab shows it), the stage stays.
  await page.locator(`${GRAPH} [data-node="service:app-a"]`).focus();
  await page.keyboard.press('Space');
  await page.getByRole('tab', { name: 'Details', selected: true }).waitFor();
  await page.keyboard.press('ArrowRight');
  await expectStage(page, 1, true);

  // The stepper's own buttons: Space presses the focused one, the arrows step.
  await page.locator('.scrubber li:nth-child(4) button').focus();
  await page.keyboard.press('Space');
  await expectStage(page, 3);
  await page.keyboard.press('ArrowLeft');
  await expectStage(page, 2);

  // Back on the page (focus on nothing): Space steps again.
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press('Space');
  await expectStage(page, 3);
  assert.deepEqual(errors, []);
  await context.close();
});
