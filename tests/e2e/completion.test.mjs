// Name completion in the Services pane (issue 16, "table and service name completion"): Ctrl+Space
// completes the word before the caret with the schema's tables, the services and the topics the
// core knows, and lists the candidates under the pane. Clicked into with the mouse, typed with the
// keyboard.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, ARTIFACTS, useSite } from './browser.mjs';

const site = useSite();

test('Ctrl+Space completes table and service names in the Services pane', async () => {
  const { context, page, errors } = await openPage(site.browser, site.url);
  const pane = page.locator('#pane-services');
  const box = await pane.boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\n  app-c:\n    reads: [mes');
  await page.keyboard.press('Control+Space');
  assert.match(await pane.inputValue(), /\n {4}reads: \[messages$/, 'one candidate is written whole');
  assert.equal((await page.getByTestId('completions').textContent()).trim(), 'messages');
  // The caret stays after the name: typing goes on from there.
  await page.keyboard.type(', us');
  await page.keyboard.press('Control+Space');
  await page.keyboard.type(']\n    calls: [app-');
  await page.keyboard.press('Control+Space');
  const value = await pane.inputValue();
  assert.match(value, /reads: \[messages, users\]\n {4}calls: \[app-$/, value);
  // Two services begin so: both are offered, nothing is guessed.
  assert.equal((await page.getByTestId('completions').textContent()).trim(), 'app-a · app-b');
  await page.keyboard.type('b]');
  assert.equal(await page.getByTestId('completions').count(), 0, 'typing clears the list');
  // The graph follows the edit: app-c is drawn reading both tables.
  await page.waitForSelector('svg[aria-label="Coupling graph"] [data-node="service:app-c"]');
  await page.screenshot({ path: `${ARTIFACTS}completion.png` });
  assert.deepEqual(errors, []);
  await context.close();
});
