// What a stage changed is highlighted in the picture (issue 16, "what changed at a stage is
// highlighted"): every node and edge the core lists as added or changed at the stage carries
// `stage-added`/`stage-changed`, and stage 0 marks nothing. Stepped with a real mouse click on the
// stepper; a screenshot of stage 3 lands in tests/e2e/artifacts/changes-stage-3.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, ARTIFACTS, useSite, GRAPH } from './browser.mjs';

const site = useSite();

/// Clicks the "Next stage" button with the mouse at its centre and waits for the stage.
async function next(page, stage) {
  const box = await page.getByRole('button', { name: 'Next stage' }).boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await page.waitForSelector(`${GRAPH}[data-stage="${stage}"]`);
}

test('the nodes and edges a stage adds are outlined', async () => {
  const { context, page, errors } = await openPage(site.browser, site.url, { reducedMotion: 'reduce' });
  await page.waitForSelector(`${GRAPH}[data-stage="0"]`);
  assert.equal(await page.locator(`${GRAPH} .stage-added, ${GRAPH} .stage-changed`).count(), 0, 'stage 0 changes nothing');
  for (const stage of [1, 2, 3]) await next(page, stage);
  // Stage 3 puts APIs in front of the owners: each API node is new, and outlined.
  const apis = await page.locator(`${GRAPH} [data-node^="api:"]`).count();
  assert.ok(apis > 0, 'stage 3 draws APIs');
  assert.equal(await page.locator(`${GRAPH} [data-node^="api:"].stage-added`).count(), apis);
  // The marks are exactly the stage's added and changed elements, as the Stage tab lists them.
  const marked = await page.$$eval(`${GRAPH} .stage-added, ${GRAPH} .stage-changed`, (els) =>
    els.map((el) => el.getAttribute('data-node') ?? el.getAttribute('data-edge')));
  assert.ok(marked.length >= apis && marked.every(Boolean), `${marked.length} marked: ${marked}`);
  // Stage 3 is about API boundaries: its marks include edges to the APIs, not only nodes.
  assert.ok(marked.some((key) => key.includes('->api:')), `${marked}`);
  const outline = await page.$eval(`${GRAPH} [data-node^="api:"].stage-added > rect`, (rect) => getComputedStyle(rect).strokeWidth);
  assert.equal(outline, '3px');
  await page.screenshot({ path: `${ARTIFACTS}changes-stage-3.png` });
  // Stepping on clears the old marks: stage 4's are its own.
  await next(page, 4);
  const apisStill = await page.locator(`${GRAPH} [data-node^="api:"].stage-added`).count();
  assert.equal(apisStill, 0, 'stage 4 did not add the APIs');
  assert.deepEqual(errors, []);
  await context.close();
});
